import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MmbError } from '../core/errors.ts';

/**
 * A replay command's options and the text of its one file (`what`: "replay-bestand",
 * "WhatsApp-replaybestand"). No file, more than one, or one that cannot be read stops it with one
 * line and an `example` of the call; an unknown option throws parseArgs' own error (cli.ts prints
 * it in Dutch with the usage line).
 *
 * @example
 * readReplayFile(['chat.jsonl', '--json'], { json: { type: 'boolean' } }, 'replay-bestand', 'mmb replay chat.jsonl')
 * // { values: { json: true }, input: '{"at": …}\n' }
 */
export function readReplayFile<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  what: string,
  example: string,
) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new MmbError(`Geef precies één ${what}.`, `Bijvoorbeeld: ${example}`);
  let input: string;
  try {
    input = readFileSync(file, 'utf8');
  } catch {
    throw new MmbError(`Het ${what} ${file} kan ik niet lezen.`, 'Kijk het pad na.');
  }
  return { values, input };
}
