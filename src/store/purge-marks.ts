import type { Db } from './database.ts';
import type { Statements } from './statements.ts';

/**
 * What the retention purge removed records of, so that nothing it removed comes back as new
 * (migration 010): `inbox` the dedupe keys of inbound events, `subscription_sends` the record of
 * which round went to which subscriber.
 */
export type PurgedRecords = 'inbox' | 'subscription_sends';

/**
 * Raises the purge mark of `what` to `throughAt` (the newest time of a record it removed); a mark
 * never goes back. Run in the purge's write transaction.
 *
 * @example
 * markPurged(db, 'inbox', maxEventAtPurged) // events at or before it count as applied
 */
export function markPurged(db: Db, what: PurgedRecords, throughAt: number): void {
  db.prepare(
    `INSERT INTO purge_marks (what, through_at) VALUES (?, ?)
     ON CONFLICT (what) DO UPDATE SET through_at = max(through_at, excluded.through_at)`,
  ).run(what, throughAt);
  writesOf(db).count += 1;
}

/**
 * The inbox mark as this connection last read it, under the purges it ran itself (a counter) and
 * SQLite's `data_version` (another connection committed, `mmb purge` say). The engine asks for
 * every event, so an unchanged mark costs one `data_version` read and no table. A purge that is
 * rolled back inside an outer transaction is not seen: the purge runs in its own transaction.
 */
interface Cached {
  writes: number;
  data: number;
  throughAt: number;
}
const writes = new WeakMap<Db, { count: number; cached: Cached | null }>();

const writesOf = (db: Db) => {
  let state = writes.get(db);
  if (!state) {
    state = { count: 0, cached: null };
    writes.set(db, state);
  }
  return state;
};

/**
 * The time up to which the dedupe keys of inbound events were purged: an event at or before it
 * was applied before, or is older than anything the bot still keeps a key of, and changes
 * nothing. `-Infinity` when nothing was purged (a new database, a replay).
 *
 * @example
 * if (event.at.getTime() <= inboxPurgedThrough(sql)) return { applied: false, replies: 0 };
 */
export function inboxPurgedThrough(sql: Statements): number {
  const state = writesOf(sql.db);
  const data = sql.number('PRAGMA data_version'); // cheaper than pragma_data_version
  const cached = state.cached;
  if (cached && cached.writes === state.count && cached.data === data) return cached.throughAt;
  const row = sql.get<{ through_at: number }>(
    "SELECT through_at FROM purge_marks WHERE what = 'inbox'",
  );
  const throughAt = row?.through_at ?? -Infinity;
  state.cached = { writes: state.count, data, throughAt };
  return throughAt;
}
