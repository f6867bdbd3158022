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
  db.pragma('secure_delete = ON'); // deleted or overwritten text is zeroed, not left in free space
  migrate(db);
  return db;
}

/**
 * Runs `fn` in one write transaction taken with `BEGIN IMMEDIATE`, so two writers never deadlock
 * on a lock upgrade. Everything `fn` writes lands together or not at all. Inside an open
 * transaction (a batch, see `Engine.beginBatch`) better-sqlite3 makes it a SAVEPOINT instead:
 * `fn` still lands whole or not at all, and a throw undoes only `fn`, not the batch.
 *
 * @example
 * inWriteTransaction(db, () => db.prepare('INSERT …').run())
 */
export function inWriteTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/**
 * Runs `fn` in a write transaction whose commit does not wait for the disk (`synchronous=NORMAL`
 * for this one commit). Only for bookkeeping whose loss in a power cut is harmless: marking an
 * outbox message delivered (lost, it is sent once more; never lost). Decisions always use
 * `inWriteTransaction`. Inside an open transaction (a batch, see `Engine.beginBatch`) it is a
 * savepoint of it and commits with it: the safety level cannot change inside a transaction.
 *
 * @example
 * inRelaxedWriteTransaction(db, () => markSent(sql, id, now, platformId))
 */
export function inRelaxedWriteTransaction<T>(db: Db, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn)();
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(fn).immediate();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
