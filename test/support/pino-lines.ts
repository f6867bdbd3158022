import { Writable } from 'node:stream';
import pino from 'pino';

/** One line a real pino logger wrote, parsed. */
export interface PinoLine {
  msg: string;
  level: number;
  [field: string]: unknown;
}

/**
 * A real pino logger (level info) whose lines are kept, parsed, in `lines`: for tests of what a
 * part logs, and how often.
 *
 * @example
 * const { lines, logger } = pinoLines();
 * logger.warn({ n: 1 }, 'Redis is unreachable');
 * lines[0].msg // 'Redis is unreachable'
 */
export function pinoLines(): { lines: PinoLine[]; logger: pino.Logger } {
  const lines: PinoLine[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as PinoLine);
        done();
      },
    }),
  );
  return { lines, logger };
}
