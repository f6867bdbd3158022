import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MmbError } from '../core/errors.ts';

/**
 * A replay command's options and the text of its one file (`what`: "replay file", "WhatsApp
 * replay file"). No file, more than one, or one that cannot be read stops it with one line and
 * `usage`; an unknown option throws parseArgs' own error (cli.ts prints it with the usage).
 *
 * @example
 * readReplayFile(['chat.jsonl', '--json'], { json: { type: 'boolean' } }, 'replay file', USAGE)
 * // { values: { json: true }, input: '{"at": …}\n' }
 */
export function readReplayFile<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  what: string,
  usage: string,
) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new MmbError(`Give exactly one ${what}.`, usage);
  let input: string;
  try {
    input = readFileSync(file, 'utf8');
  } catch {
    throw new MmbError(`Cannot read the ${what} ${file}.`, 'Check the path.');
  }
  return { values, input };
}
