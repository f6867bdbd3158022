import type { ILogger } from '@whiskeysockets/baileys/lib/Utils/logger.js';

/** Baileys' own logger, silenced: the adapter logs what matters itself, without message text. */
export const SILENT_BAILEYS_LOGGER: ILogger = {
  level: 'silent',
  child: () => SILENT_BAILEYS_LOGGER,
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
