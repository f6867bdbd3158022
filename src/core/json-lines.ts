import { MmbError } from './errors.ts';

/**
 * Reads a JSON-lines file (a replay: one JSON object a line, blank lines skipped) and hands each
 * line's value to `each` with where it stands (`regel 3`), in order. A line that is not JSON stops
 * the reading with an MmbError naming `file` and the line, before `each` sees anything after it.
 *
 * @example
 * eachJsonLine('{"at":"2026-03-02T09:00:00+01:00"}\n', 'Het replay-bestand', (value, where) => …)
 */
export function eachJsonLine(
  input: string,
  file: string,
  each: (value: unknown, where: string) => void,
): void {
  input.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const where = `regel ${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new MmbError(
        `${file} is geen geldige JSON op ${where}.`,
        'Elke regel moet één JSON-object zijn.',
      );
    }
    each(value, where);
  });
}
