import type { Db } from './database.ts';

/**
 * SQLite's `data_version` of this connection: it moves when another connection commits, so a
 * reader knows whether what it kept may have changed.
 *
 * @example
 * const before = dataVersion(db); // … the bot commits …
 * dataVersion(db) !== before // true
 */
export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}
