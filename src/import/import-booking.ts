import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { argsProblem } from '../core/args-problem.ts';
import { MmbError } from '../core/errors.ts';
import {
  bookImport,
  type ImportOptions,
  type ImportResult,
  type ImportSource,
} from './import-grants.ts';
import type { BotConfig } from '../store/bot-config.ts';
import {
  inWriteTransaction,
  openDatabase,
  openMemoryCopy,
  readProblem,
  type Db,
} from '../store/database.ts';
import { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';
import { teamsAsConfigured } from '../store/configured-teams.ts';

/**
 * The steps `mmb import grants` and `mmb import whatsapp` share: the bot's database opened to
 * read (never created), the team looked up, and the booking applied in one write transaction that
 * must come out as the preview did.
 */

/** Wrong input to an import (a file, an option, a team): one Dutch line and exit code 2. */
export class ImportInputError extends Error {}

/**
 * An import command's options and its one file, checked: an unknown option, a missing value, no
 * file or more than one, or no `--team` is wrong input that says what to give.
 *
 * @example
 * readImportArgs(['chat.txt', '--team', 'noord'], { team: { type: 'string' } }, 'een WhatsApp-export')
 * // { file: 'chat.txt', team: 'noord', values: { team: 'noord' } }
 */
export function readImportArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  fileWanted: string,
) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new ImportInputError(argsProblem(error) ?? 'de argumenten kloppen niet.');
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new ImportInputError(`geef precies één ${fileWanted}.`);
  const team = (values as Record<string, unknown>).team;
  if (typeof team !== 'string' || team === '') {
    throw new ImportInputError('--team ID ontbreekt: voor welk team is dit bestand?');
  }
  return { file: positionals[0]!, team, values };
}

/**
 * The bytes of a file to import; a folder, a missing or unreadable file is wrong input.
 *
 * @example
 * const bytes = readImportFile('toekenningen.csv')
 */
export function readImportFile(path: string): Buffer {
  try {
    if (statSync(path).isDirectory()) {
      throw new ImportInputError(`${path} is een map, geen bestand.`);
    }
    return readFileSync(path);
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportInputError(
      code === 'ENOENT'
        ? `het bestand ${path} bestaat niet.`
        : `het bestand ${path} is niet te lezen (${code ?? 'fout'}): controleer de rechten.`,
    );
  }
}

/**
 * The bot's database, read-only, for an import's preview; a missing file is wrong input.
 *
 * @example
 * const reader = openForImport(env.MMB_DB) // then openMemoryCopy(reader) for a dry run
 */
export function openForImport(path: string): Db {
  if (path !== ':memory:' && !existsSync(path)) {
    throw new ImportInputError(
      `MMB_DB: de database ${path} bestaat niet. Wijs MMB_DB naar de database van de bot.`,
    );
  }
  return openDatabase(path, {
    access: 'read',
    label: 'MMB_DB',
    onNotice: (line) => console.error(line),
  });
}

/**
 * The team an import is for, as the bot knows it (the database, with the teams file's rules);
 * an unknown id is wrong input that names the teams there are.
 *
 * @example
 * findImportTeam(reader, config, 'noord') // { id: 'noord', name: 'Team Noord', … }
 */
export function findImportTeam(reader: Db, config: BotConfig, teamId: string): Team {
  const known = teamsAsConfigured(new Statements(reader), config);
  const found = known.find((t) => t.id === teamId);
  if (!found) {
    const ids = known.map((t) => t.id).join(', ') || 'geen';
    throw new ImportInputError(
      `--team "${teamId}": dat team staat niet in de database. Teams: ${ids}.`,
    );
  }
  return found;
}

/**
 * An import's dry run: the bot's database opened to read, the team looked up, and the booking
 * made on an in-memory copy (`sourcesOf` may replay on copies of its own first). Nothing is
 * written; a database that cannot be read is told as such.
 *
 * @example
 * const { team, preview } = previewImport(env.MMB_DB, config, 'noord', () => sources, now)
 */
export function previewImport(
  path: string,
  config: BotConfig,
  teamId: string,
  sourcesOf: (reader: Db, team: Team) => ImportSource[],
  now: Date,
  options: ImportOptions = {},
): { team: Team; sources: ImportSource[]; preview: ImportResult } {
  const reader = openForImport(path);
  try {
    const team = findImportTeam(reader, config, teamId);
    const sources = sourcesOf(reader, team);
    const copy = openMemoryCopy(reader);
    try {
      return {
        team,
        sources,
        preview: bookImport(new Statements(copy), team, sources, now, options),
      };
    } finally {
      copy.close();
    }
  } catch (error) {
    throw error instanceof ImportInputError
      ? error
      : readProblem(error, reader, path, { label: 'MMB_DB' });
  } finally {
    reader.close();
  }
}

/**
 * The exit code of an import that stopped on an error, told on standard error: the database's
 * own code, 2 for wrong input (with the command's usage line), a known problem's code. A bug is
 * thrown on.
 *
 * @example
 * catch (error) { return importFailed(error, 'mmb import whatsapp', 'gebruik: mmb import whatsapp …') }
 */
export function importFailed(error: unknown, command: string, usage: string): number {
  const exitCode =
    error instanceof ImportInputError ? 2 : error instanceof MmbError ? error.exitCode : null;
  if (exitCode === null) throw error;
  // Wrong input: the one usage line of the command under it; a problem while running: one line.
  console.error(`${command}: ${(error as Error).message}${exitCode === 2 ? `\n${usage}` : ''}`);
  return exitCode;
}

/** The verdicts of a booking (source, line, status), to compare it with its preview. */
const verdicts = (result: ImportResult) =>
  result.outcomes.map((o) => `${o.fileName}:${o.row.line}:${o.status}`).join('|');

/**
 * Books the sources in one write transaction, exactly as the preview showed: when the database
 * changed meanwhile (the bot booked something) nothing is booked and it says so (exit code 1).
 *
 * @example
 * const result = applyImport(env.MMB_DB, team, sources, now, preview)
 */
export function applyImport(
  path: string,
  team: Team,
  sources: ImportSource[],
  now: Date,
  preview: ImportResult,
  options: ImportOptions = {},
): ImportResult {
  const db = openDatabase(path, { access: 'existing', label: 'MMB_DB' });
  try {
    return inWriteTransaction(db, () => {
      const booked = bookImport(new Statements(db), team, sources, now, options);
      if (verdicts(booked) !== verdicts(preview)) {
        throw new MmbError(
          'De database veranderde terwijl de import liep (de bot boekte iets): niets geboekt.',
          'Voer de import opnieuw uit.',
          1,
        );
      }
      return booked;
    });
  } finally {
    db.close();
  }
}
