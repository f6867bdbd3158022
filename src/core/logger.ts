import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import pino from 'pino';

/** The logger the bot writes to. Never give it message text, household codes or secrets. */
export type Logger = pino.Logger;

/**
 * A pino logger that also redacts the usual places secrets and texts hide, as a second line of
 * defence: the code passes only ids, counts and kinds.
 *
 * @example
 * const logger = createLogger('info')
 */
export function createLogger(
  level: string,
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino(
    {
      level,
      base: { app: 'mmb' },
      redact: {
        paths: [
          'text',
          '*.text',
          'token',
          '*.token',
          'household',
          '*.household',
          'description',
          '*.description',
        ],
        censor: '[weggelaten]',
      },
    },
    destination,
  );
}

/** A logger that writes nothing (tests, replay). */
export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * Where the log goes while the console chat is on (the terminal shows the chat only): `mmb.log`
 * next to the database.
 *
 * @example
 * consoleLogFile('data/mmb.sqlite') // 'data/mmb.log'
 */
export function consoleLogFile(dbPath: string): string {
  return join(dirname(dbPath), 'mmb.log');
}

/**
 * A log file, appended to, readable by the bot's user only (mode 0600, also when it existed).
 * Written synchronously: a console session logs little, and nothing is lost when it stops.
 */
export function logFileDestination(path: string): pino.DestinationStream {
  mkdirSync(dirname(path), { recursive: true });
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
  return pino.destination({ dest: path, append: true, sync: true });
}
