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
