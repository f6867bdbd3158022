import type { Db } from './database.ts';

/**
 * What a due-related write changed: a request (added, decided, reminded), or something of a team
 * (the team or its settings, a period, a role, a subscription).
 */
export type DueKind = 'request' | 'team';

/**
 * Counters per connection that move whenever this process writes something that can change what
 * falls due next. The due timetable remembers its answers under them, so an event that wrote none
 * of these (chatter, a vote that approved nothing, /saldo) costs no query for it, and a new request
 * does not make it read every team again. A commit by another connection moves SQLite's
 * `data_version` instead, which the timetable reads too. A write that is rolled back moves a
 * counter all the same (a needless recompute, never a stale answer).
 */
const versions = new WeakMap<Db, { request: number; team: number }>();

const of = (db: Db) => {
  let counters = versions.get(db);
  if (!counters) {
    counters = { request: 0, team: 0 };
    versions.set(db, counters);
  }
  return counters;
};

/**
 * Notes a write that can change what falls due next.
 *
 * @example
 * touchDue(sql.db, 'request') // while inserting a request
 */
export function touchDue(db: Db, kind: DueKind): void {
  of(db)[kind] += 1;
}

/**
 * The connection's counter of one kind: equal to an earlier reading when nothing of that kind
 * was written since.
 *
 * @example
 * const seen = dueVersion(db, 'team'); touchDue(db, 'team'); dueVersion(db, 'team') === seen // false
 */
export function dueVersion(db: Db, kind: DueKind): number {
  return of(db)[kind];
}
