import { existsSync, readFileSync, statSync } from 'node:fs';
import { MmbError } from '../core/errors.ts';
import { bookImport, type ImportResult, type ImportSource } from '../rules/import-grants.ts';
import type { BotConfig } from '../store/bot-config.ts';
import { inWriteTransaction, openDatabase, type Db } from '../store/database.ts';
import { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';
import { teamsAsConfigured } from './export-command.ts';

/**
 * The steps `mmb import grants` and `mmb import whatsapp` share: the bot's database opened to
 * read (never created), the team looked up, and the booking applied in one write transaction that
 * must come out as the preview did.
 */

/** Wrong input to an import (a file, an option, a team): one Dutch line and exit code 2. */
export class ImportInputError extends Error {}

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
): ImportResult {
  const db = openDatabase(path, { access: 'existing', label: 'MMB_DB' });
  try {
    return inWriteTransaction(db, () => {
      const booked = bookImport(new Statements(db), team, sources, now);
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
