import { dataVersionReader } from '../store/data-version.ts';
import type { Statements } from '../store/statements.ts';

export interface DataVersionWatchOptions {
  /** How often to look, in ms. */
  everyMs: number;
  /** While this says true, nothing is looked at (an engine batch holds the connection). */
  paused?: () => boolean;
}

/**
 * Calls `changed` after another connection committed to the database: every `everyMs` it reads
 * SQLite's `data_version`, which moves only on other connections' commits (a few microseconds;
 * nothing is read from the tables). Returns how to stop watching. The timer never keeps the
 * process alive.
 *
 * @example
 * const stop = watchDataVersion(sql, () => void dispatcher.flush(), { everyMs: 1000 });
 * // …
 * stop();
 */
export function watchDataVersion(
  sql: Statements,
  changed: () => void,
  options: DataVersionWatchOptions,
): () => void {
  const read = dataVersionReader(sql.db);
  let seen = read();
  const timer = setInterval(() => {
    if (options.paused?.()) return;
    const now = read();
    if (now === seen) return;
    seen = now;
    changed();
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
