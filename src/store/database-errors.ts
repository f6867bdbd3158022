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

const RESTORE = 'restore the latest backup (see README, "Backup")';

/**
 * The one table of what a database problem means for the person running `mmb`: SQLite's result
 * codes (extended codes such as `SQLITE_IOERR_WRITE` fall under their family) and the file
 * system's errors met while opening.
 */
const PROBLEMS: Record<string, (file: string, code: string) => [string, string, 1 | 2]> = {
  SQLITE_NOTADB: (file) => [
    `${file} is not an SQLite database (or it is encrypted).`,
    `Point it at the bot's database, or ${RESTORE}.`,
    2,
  ],
  SQLITE_CORRUPT: (file) => [
    `${file} is damaged (truncated or corrupt: "database disk image is malformed").`,
    `Stop the bot, keep the damaged file aside and ${RESTORE}.`,
    2,
  ],
  SQLITE_CANTOPEN: (file) => [
    `Cannot open ${file}: the file or its folder cannot be reached or created.`,
    'Check the path, and that the user running mmb may read and write the file and its folder.',
    2,
  ],
  SQLITE_READONLY: (file) => [
    `${file} is not writable (a read-only file, folder or disk).`,
    'Let the user running the bot write the file and its folder (e.g. chmod u+w), or point it at another file.',
    2,
  ],
  SQLITE_PERM: (file, code) => PROBLEMS.SQLITE_READONLY!(file, code),
  SQLITE_FULL: (file) => [
    `The disk holding ${file} is full: the last change was not saved (it was rolled back whole).`,
    'Free space on that disk, then start again.',
    1,
  ],
  SQLITE_IOERR: (file, code) => [
    `Reading or writing ${file} failed at the disk (${code}); nothing half-written was kept.`,
    `Check the disk and its free space; if the file is damaged, ${RESTORE}.`,
    1,
  ],
  SQLITE_BUSY: (file) => [
    `${file} stayed locked by another process.`,
    'Try again; if it stays locked, look for a process that holds it (a replay, an sqlite3 shell).',
    1,
  ],
  ENOENT: (file) => [
    `The database ${file} does not exist.`,
    'Check the path; only `mmb start` creates a new database.',
    2,
  ],
  EISDIR: (file) => [
    `${file} is a folder, not a database file.`,
    'Give the path of a file, e.g. data/mmb.sqlite.',
    2,
  ],
  ENOTDIR: (file) => [
    `${file} cannot be a file: a part of its path is a file, not a folder.`,
    'Give the path of a file in a folder, e.g. data/mmb.sqlite.',
    2,
  ],
  EACCES: (file) => [
    `${file} is not writable or cannot be reached (permission denied).`,
    'Let the user running mmb read and write the file and its folder, or point it at another file.',
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
 * // 'The disk holding data/mmb.sqlite (MMB_DB) is full: the last change was not saved … Free space …'
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
 * // 'data (MMB_DB) is a folder, not a database file. Give the path of a file, e.g. data/mmb.sqlite.'
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
