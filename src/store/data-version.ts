import type { Db } from './database.ts';
import type { Statements } from './statements.ts';

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

/**
 * The same `data_version`, read through the connection's statement cache (the due timetable asks
 * for it on every tick), so it is prepared once.
 *
 * @example
 * currentDataVersion(sql) // 7
 */
export function currentDataVersion(sql: Statements): number {
  return sql.number('SELECT data_version FROM pragma_data_version');
}

/**
 * A reader of `data_version` on its own statement, prepared once here: for a watch that reads it
 * every second, beside whatever the connection's statement cache holds.
 *
 * @example
 * const read = dataVersionReader(db);
 * read() // 7
 */
export function dataVersionReader(db: Db): () => number {
  const version = db.prepare('SELECT data_version AS n FROM pragma_data_version');
  return () => (version.get() as { n: number }).n;
}
