import type { Statements } from '../store/statements.ts';

/**
 * What an overview (overview.ts) reads of a team's requests, ledger and votes over a range of
 * time `[from, to)`, in ms. Pure reading: nothing is written.
 */

/** A decided request as the overview reads it. */
export interface DecidedRow {
  id: number;
  number: number;
  description: string;
  amount_cents: number;
  household: string;
  prevented_cents: number | null;
  prevented_text: string | null;
  created_at: number;
  decided_at: number;
  decided_by: string | null;
}

/** The team's requests decided with `status` in the range, in the order they were decided. */
export function decidedInRange(
  sql: Statements,
  teamId: string,
  status: string,
  from: number,
  to: number,
): DecidedRow[] {
  return sql.all<DecidedRow>(
    `SELECT id, number, description, amount_cents, household, prevented_cents, prevented_text, created_at, decided_at, decided_by
     FROM requests WHERE team_id = ? AND status = ? AND decided_at >= ? AND decided_at < ? ORDER BY decided_at, number`,
    teamId,
    status,
    from,
    to,
  );
}

/**
 * What each grant of the range was worth at `to` (its grant and corrections), by request id, in
 * one query (`+r.status`: through the team's index, not the status index of every team's requests).
 */
export function grantsBookedInRange(
  sql: Statements,
  teamId: string,
  from: number,
  to: number,
): Map<number, number> {
  return new Map(
    sql
      .all<{ id: number; cents: number }>(
        `SELECT r.id, sum(l.amount_cents) AS cents FROM requests r JOIN ledger l ON l.request_id = r.id
         WHERE r.team_id = ? AND +r.status = 'approved' AND r.decided_at >= ? AND r.decided_at < ?
           AND l.booked_at < ?
         GROUP BY r.id`,
        teamId,
        from,
        to,
        to,
      )
      .map((row) => [row.id, row.cents]),
  );
}

/** The sum of the team's ledger entries that match `where` (on `l`, the ledger), in cents. */
const ledgerSum = (sql: Statements, teamId: string, where: string, ...params: number[]) =>
  sql.number(
    `SELECT coalesce(sum(l.amount_cents), 0) FROM ledger l WHERE l.team_id = ? AND ${where}`,
    teamId,
    ...params,
  );

const IN_RANGE = 'l.booked_at >= ? AND l.booked_at < ?';

/** What the range booked on requests (grants and their corrections; negative: spent). */
export const bookedOnRequests = (sql: Statements, teamId: string, from: number, to: number) =>
  ledgerSum(sql, teamId, `l.request_id IS NOT NULL AND ${IN_RANGE}`, from, to);

/** What the range booked on requests decided before it (late corrections). */
export const bookedOnEarlierRequests = (
  sql: Statements,
  teamId: string,
  from: number,
  to: number,
) =>
  ledgerSum(
    sql,
    teamId,
    `${IN_RANGE} AND l.request_id IN (SELECT id FROM requests WHERE decided_at < ?)`,
    from,
    to,
    from,
  );

/** What was deposited in the range. */
export const depositedInRange = (sql: Statements, teamId: string, from: number, to: number) =>
  ledgerSum(sql, teamId, `l.kind = 'deposit' AND ${IN_RANGE}`, from, to);

/** What lapsed in the range (corrections without a request). */
export const lapsedInRange = (sql: Statements, teamId: string, from: number, to: number) =>
  ledgerSum(
    sql,
    teamId,
    `l.kind = 'correction' AND l.request_id IS NULL AND ${IN_RANGE}`,
    from,
    to,
  );

/** The team's balance just before `to`. */
export const balanceBefore = (sql: Statements, teamId: string, to: number) =>
  ledgerSum(sql, teamId, 'l.booked_at < ?', to);

/** What requests made before `to` and still open at `to` reserve. */
export function reservedAt(sql: Statements, teamId: string, to: number): number {
  return sql.number(
    `SELECT coalesce(sum(amount_cents), 0) FROM requests
       WHERE team_id = ? AND created_at < ? AND (status = 'open' OR decided_at >= ?)`,
    teamId,
    to,
    to,
  );
}

/** How many votes (`n`) a member cast. */
export interface MemberVotes {
  member_id: string;
  n: number;
}

/** How many votes each member cast on the team's requests in the range. */
export function votesInRange(
  sql: Statements,
  teamId: string,
  from: number,
  to: number,
): MemberVotes[] {
  return sql.all<MemberVotes>(
    `SELECT v.member_id, count(*) AS n FROM votes v JOIN requests r ON r.id = v.request_id
     WHERE r.team_id = ? AND v.cast_at >= ? AND v.cast_at < ? GROUP BY v.member_id`,
    teamId,
    from,
    to,
  );
}

/**
 * What each household of the team used in the period starting at `periodStart`, as it stood at
 * `to`: its grants net of corrections booked before `to`, and what its requests still open at
 * `to` reserve.
 */
export function householdUseAt(
  sql: Statements,
  teamId: string,
  periodStart: number,
  to: number,
): { household: string; used: number }[] {
  return sql.all<{ household: string; used: number }>(
    `SELECT r.household,
       coalesce((SELECT -sum(l.amount_cents) FROM ledger l JOIN requests g ON g.id = l.request_id
                 WHERE g.team_id = r.team_id AND g.household = r.household AND g.period_start = r.period_start
                   AND l.booked_at < ?), 0)
       + coalesce((SELECT sum(o.amount_cents) FROM requests o
                   WHERE o.team_id = r.team_id AND o.household = r.household AND o.period_start = r.period_start
                     AND o.created_at < ? AND (o.status = 'open' OR o.decided_at >= ?)), 0) AS used
     FROM requests r WHERE r.team_id = ? AND r.period_start = ? GROUP BY r.household`,
    to,
    to,
    to,
    teamId,
    periodStart,
  );
}
