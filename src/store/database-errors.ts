import Database from 'better-sqlite3';
import { MmbError } from '../core/errors.ts';

/**
 * Something is wrong with a database file itself (missing, a folder, not a database, damaged, not
 * writable, a full disk): one line that names the file and says what to do. `code` is SQLite's
 * (`SQLITE_FULL`, …) or the file system's (`ENOENT`, …).
 */
export class DatabaseError extends MmbError {
  constructor(
    message: string,
    hint: string,
    exitCode: 1 | 2,
    readonly code: string,
  ) {
    super(message, hint, exitCode);
    this.name = 'DatabaseError';
  }
}

/** Where a database path came from, for the message: `MMB_DB`, `--db`. */
export interface DatabaseLabel {
  /** The setting that named the file, e.g. `MMB_DB` or `--db`. */
  label?: string;
  /** True while the bot runs (not at opening): every such problem stops it with exit code 1. */
  running?: boolean;
}

const RESTORE = 'zet de laatste back-up terug (zie docs/operating.md, "Backup")';

/**
 * The one table of what a database problem means for the person running `mmb`: SQLite's result
 * codes (extended codes such as `SQLITE_IOERR_WRITE` fall under their family) and the file
 * system's errors met while opening.
 */
const PROBLEMS: Record<string, (file: string, code: string) => [string, string, 1 | 2]> = {
  SQLITE_NOTADB: (file) => [
    `${file} is geen SQLite-database (of hij is versleuteld).`,
    `Wijs naar de database van de bot, of ${RESTORE}.`,
    2,
  ],
  SQLITE_CORRUPT: (file) => [
    `${file} is beschadigd (afgekapt of kapot: "database disk image is malformed").`,
    `Stop de bot, zet het beschadigde bestand opzij en ${RESTORE}.`,
    2,
  ],
  SQLITE_CANTOPEN: (file) => [
    `${file} kan ik niet openen: het bestand of zijn map is niet te bereiken of te maken.`,
    'Kijk het pad na, en of de gebruiker die mmb draait het bestand en zijn map mag lezen en schrijven.',
    2,
  ],
  SQLITE_READONLY: (file) => [
    `${file} is niet schrijfbaar (een alleen-lezen bestand, map of schijf).`,
    'Laat de gebruiker die de bot draait het bestand en zijn map schrijven (bv. chmod u+w), of wijs naar een ander bestand.',
    2,
  ],
  SQLITE_PERM: (file, code) => PROBLEMS.SQLITE_READONLY!(file, code),
  SQLITE_FULL: (file) => [
    `De schijf van ${file} is vol: de laatste wijziging is niet bewaard (helemaal teruggedraaid).`,
    'Maak ruimte vrij op die schijf en start dan opnieuw.',
    1,
  ],
  SQLITE_IOERR: (file, code) => [
    `Lezen of schrijven van ${file} mislukte op de schijf (${code}); niets half geschrevens is bewaard.`,
    `Controleer de schijf en de vrije ruimte; is het bestand beschadigd, ${RESTORE}.`,
    1,
  ],
  SQLITE_BUSY: (file) => [
    `${file} bleef op slot door een ander proces.`,
    'Probeer het opnieuw; blijft het op slot, zoek dan het proces dat het vasthoudt (een replay, een sqlite3-shell).',
    1,
  ],
  ENOENT: (file) => [
    `De database ${file} bestaat niet.`,
    'Kijk het pad na; alleen `mmb start` maakt een nieuwe database.',
    2,
  ],
  EISDIR: (file) => [
    `${file} is een map, geen databasebestand.`,
    'Geef het pad van een bestand, bv. data/mmb.sqlite.',
    2,
  ],
  ENOTDIR: (file) => [
    `${file} kan geen bestand zijn: een deel van het pad is een bestand, geen map.`,
    'Geef het pad van een bestand in een map, bv. data/mmb.sqlite.',
    2,
  ],
  EACCES: (file) => [
    `${file} is niet schrijfbaar of niet te bereiken (geen toestemming).`,
    'Laat de gebruiker die mmb draait het bestand en zijn map lezen en schrijven, of wijs naar een ander bestand.',
    2,
  ],
  ENOSPC: (file, code) => PROBLEMS.SQLITE_FULL!(file, code),
};
PROBLEMS.EPERM = PROBLEMS.EACCES!;
PROBLEMS.EROFS = PROBLEMS.SQLITE_READONLY!;
PROBLEMS.EDQUOT = PROBLEMS.SQLITE_FULL!;
PROBLEMS.SQLITE_LOCKED = PROBLEMS.SQLITE_BUSY!;

/** `SQLITE_IOERR_WRITE` → `SQLITE_IOERR`; file-system codes stay as they are. */
const family = (code: string) =>
  code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;

/** The error's code when it is SQLite's or the file system's, else null. */
function codeOf(error: unknown): string | null {
  if (error instanceof Database.SqliteError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return PROBLEMS[error.code] ? error.code : null;
  }
  return null;
}

/**
 * Whether an error is a problem of the database file or its disk (rather than of the program):
 * the bot cannot go on writing after one.
 *
 * @example
 * isDatabaseProblem(new Database.SqliteError('database or disk is full', 'SQLITE_FULL')) // true
 * isDatabaseProblem(new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT')) // false
 */
export function isDatabaseProblem(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) return false;
  const code = family(error.code);
  return code in PROBLEMS && code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED';
}

/**
 * The one-line explanation of a database problem, or null when `error` is not one (a bug, a
 * constraint): those are passed on as they are.
 *
 * @example
 * databaseProblem(sqliteFullError, 'data/mmb.sqlite', { label: 'MMB_DB' })?.message
 * // 'De schijf van data/mmb.sqlite (MMB_DB) is vol: de laatste wijziging is niet bewaard … Maak ruimte …'
 */
export function databaseProblem(
  error: unknown,
  path: string,
  where: DatabaseLabel = {},
): DatabaseError | null {
  if (error instanceof DatabaseError) return error;
  const code = codeOf(error);
  return code === null ? null : problemOf(code, path, where);
}

/**
 * The DatabaseError for a code (SQLite's or the file system's), or null for a code not in the table.
 *
 * @example
 * problemOf('EISDIR', 'data', { label: 'MMB_DB' })?.message
 * // 'data (MMB_DB) is een map, geen databasebestand. Geef het pad van een bestand, bv. data/mmb.sqlite.'
 */
export function problemOf(
  code: string,
  path: string,
  where: DatabaseLabel = {},
): DatabaseError | null {
  const problem = PROBLEMS[family(code)];
  if (!problem) return null;
  const [message, hint, exitCode] = problem(subject(path, where), code);
  return new DatabaseError(message, hint, where.running ? 1 : exitCode, code);
}

/** How a message names the file: its path, and the setting that named it. */
export function subject(path: string, where: DatabaseLabel = {}): string {
  return where.label ? `${path} (${where.label})` : path;
}

/**
 * For a `catch`: the database problem as a DatabaseError, or the error itself.
 *
 * @example
 * try { … } catch (error) { throw asDatabaseError(error, file) }
 */
export function asDatabaseError(error: unknown, path: string, where: DatabaseLabel = {}): unknown {
  return databaseProblem(error, path, where) ?? error;
}
