import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';

export type Db = Database.Database;

/**
 * Opens (and creates, mode 0600) the bot's SQLite database and migrates it.
 * WAL with `synchronous=FULL`: a committed grant survives a power cut, not only a crash.
 *
 * @example
 * const db = openDatabase('data/mmb.sqlite')
 * const mem = openDatabase(':memory:')
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/**
 * Runs `fn` in one write transaction taken with `BEGIN IMMEDIATE`, so two writers never deadlock
 * on a lock upgrade. Everything `fn` writes lands together or not at all.
 *
 * @example
 * inWriteTransaction(db, () => db.prepare('INSERT …').run())
 */
export function inWriteTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
