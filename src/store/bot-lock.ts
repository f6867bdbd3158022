import { closeSync, existsSync, openSync, realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import { TZDate } from '@date-fns/tz';
import Database from 'better-sqlite3';
import { format } from 'date-fns';
import { asDatabaseError, DatabaseError, subject, type DatabaseLabel } from './database-errors.ts';
import {
  inspectDatabasePath,
  makeDatabaseFolder,
  openDatabase,
  type Db,
  type OpenOptions,
} from './database.ts';
import { ZONE } from '../text/time.ts';

/** How long a starting bot waits for a lock that is being taken or handed over. */
const LOCK_WAIT_MS = 1000;

/** The bot process that holds a database, as it wrote itself into the lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

/** A held lock: one bot process per database. `release` is safe to call more than once. */
export interface DatabaseLock {
  readonly path: string;
  release(): void;
}

/**
 * The lock file next to a database: `data/mmb.sqlite` → `data/mmb.sqlite.lock`, next to the file
 * itself: a symbolic link to the database (or to its folder) names the same lock.
 *
 * @example
 * lockPathOf('data/mmb.sqlite') // '/srv/mmb/data/mmb.sqlite.lock'
 */
export function lockPathOf(databasePath: string): string {
  return `${realPathOf(databasePath)}.lock`;
}

/** The path with every symbolic link resolved; of a file not there yet, its folder's. */
function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return path;
    }
  }
}

/**
 * Refuses a database file with more than one name (hard links): a bot started through another
 * name would take another lock and keep its own -wal file beside it, and two writers that do not
 * see each other's journal damage the database.
 */
function refuseHardLinks(path: string, where: DatabaseLabel, links: number): void {
  if (links > 1)
    throw new DatabaseError(
      `${subject(path, where)} heeft ${links} namen (harde links): een bot die via een andere naam start, ziet deze niet en beschadigt de database.`,
      'Geef het één naam: haal de andere links weg (voor een kopie: mmb backup).',
      2,
      'LINKED',
    );
}

const busy = (error: unknown) =>
  error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');

function readHolder(lock: Database.Database): LockHolder | null {
  const row = lock
    .prepare('SELECT pid, host, started_at AS startedAt FROM holder ORDER BY rowid DESC LIMIT 1')
    .get() as LockHolder | undefined;
  return row ?? null;
}

/** "Another bot already runs on …": names the first (pid, host, since when). */
function refusal(path: string, where: DatabaseLabel, holder: LockHolder | null): DatabaseError {
  const since = holder
    ? format(new TZDate(Date.parse(holder.startedAt), ZONE), 'yyyy-MM-dd HH:mm:ss')
    : null;
  const who = holder
    ? `pid ${holder.pid} op ${holder.host}, draait sinds ${since} (Amsterdamse tijd)`
    : `die houdt ${lockPathOf(path)} vast`;
  return new DatabaseError(
    `Er draait al een bot op ${subject(path, where)}: ${who}.`,
    'Twee zouden elk antwoord dubbel sturen: stop die eerst (mmb state, export en backup mogen ernaast draaien).',
    2,
    'LOCKED',
  );
}

/**
 * Takes the one-bot-per-database lock, or refuses (DatabaseError, exit 2) naming the bot process
 * that holds it. The lock is an SQLite write lock (`BEGIN IMMEDIATE`, never committed) on a small
 * database next to the bot's, `<db>.lock`: the operating system drops it when the process ends,
 * however it ends, so a crashed bot never blocks the next start, and two starting at the same
 * moment cannot both get it. The holder writes its pid, host and start time into that file first,
 * so a second one can say who runs. Readers (state, export, backup) never take it.
 *
 * @example
 * const lock = lockDatabase('data/mmb.sqlite', { label: 'MMB_DB' })
 * // … run the bot …
 * lock.release()
 */
export function lockDatabase(
  path: string,
  where: DatabaseLabel = {},
  now: Date = new Date(),
): DatabaseLock {
  // A folder or a path under a file is refused as the database; so is a file with two names.
  const stat = inspectDatabasePath(path, where);
  if (stat) refuseHardLinks(path, where, stat.nlink);
  makeDatabaseFolder(path, where);
  const lockPath = lockPathOf(path);
  let lock: Database.Database | null = null;
  try {
    if (!existsSync(lockPath)) closeSync(openSync(lockPath, 'a', 0o600));
    lock = new Database(lockPath, { timeout: LOCK_WAIT_MS });
    lock.exec(
      'CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL, started_at TEXT NOT NULL)',
    );
    const me: LockHolder = { pid: process.pid, host: hostname(), startedAt: now.toISOString() };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      try {
        lock.exec('BEGIN IMMEDIATE');
      } catch (error) {
        if (busy(error)) throw refusal(path, where, readHolder(lock));
        throw error;
      }
      lock.prepare('DELETE FROM holder').run();
      lock
        .prepare('INSERT INTO holder (pid, host, started_at) VALUES (?, ?, ?)')
        .run(me.pid, me.host, me.startedAt);
      lock.exec('COMMIT');
      // Between that commit and this begin another starting bot may take the lock: then it is theirs.
      try {
        lock.exec('BEGIN IMMEDIATE');
      } catch (error) {
        if (busy(error)) continue;
        throw error;
      }
      const holder = readHolder(lock);
      if (holder?.pid === me.pid && holder.startedAt === me.startedAt && holder.host === me.host) {
        return held(lock, lockPath);
      }
      lock.exec('ROLLBACK'); // we hold it, but another's name is in it: hand over, ask again
    }
    throw refusal(path, where, readHolder(lock));
  } catch (error) {
    lock?.close();
    if (error instanceof DatabaseError) throw error;
    if (error instanceof Database.SqliteError && /^SQLITE_(NOTADB|CORRUPT)/.test(error.code)) {
      throw new DatabaseError(
        `Het slotbestand ${lockPath} naast ${subject(path, where)} is beschadigd.`,
        'Draait er geen bot op die database, haal het slotbestand dan weg; de volgende start maakt een nieuw.',
        2,
        error.code,
      );
    }
    throw asDatabaseError(error, lockPath, where);
  }
}

function held(lock: Database.Database, path: string): DatabaseLock {
  return {
    path,
    release() {
      if (!lock.open) return;
      try {
        if (lock.inTransaction) lock.exec('ROLLBACK');
        lock.prepare('DELETE FROM holder WHERE pid = ?').run(process.pid);
      } catch {
        // the lock goes with the connection anyway
      } finally {
        lock.close();
      }
    },
  };
}

/**
 * Whether a bot process holds the database now (for `mmb backup`, which must not overwrite a
 * running bot's database). Takes nothing.
 *
 * @example
 * isDatabaseLocked('data/mmb.sqlite') // true while `mmb start` runs on it
 */
export function isDatabaseLocked(path: string): boolean {
  const lockPath = lockPathOf(path);
  if (!existsSync(lockPath)) return false;
  let lock: Database.Database | null = null;
  try {
    lock = new Database(lockPath, { timeout: 0, fileMustExist: true });
    lock.exec('BEGIN IMMEDIATE');
    lock.exec('ROLLBACK');
    return false;
  } catch (error) {
    return busy(error);
  } finally {
    lock?.close();
  }
}

/**
 * The bot's own database, opened for writing under the one-bot lock: the lock first (so a second
 * bot neither migrates nor writes), then the database (created when `options.access` allows).
 * Refuses with a DatabaseError naming the file, or the bot that holds it.
 *
 * @example
 * const { db, lock } = openBotDatabase(env.MMB_DB, { label: 'MMB_DB' })
 */
export function openBotDatabase(
  path: string,
  options: OpenOptions = {},
): { db: Db; lock: DatabaseLock } {
  const lock = lockDatabase(path, options);
  try {
    return { db: openDatabase(path, options), lock };
  } catch (error) {
    lock.release();
    throw error;
  }
}
