import type { Statements } from './statements.ts';

/**
 * The budget periods a team has opened (`periods`): when each starts and ends, and when it was
 * opened. Which period holds a moment is worked out by src/rules/periods.ts; opening one (its
 * deposit, the lapse of the previous one) by src/rules/period-opening.ts.
 */

/**
 * Whether the team opened the period that starts at `start`.
 *
 * @example
 * isPeriodOpened(sql, 'noord', startOfLocalDate('2026-01-01')) // true once an event fell in it
 */
export function isPeriodOpened(sql: Statements, teamId: string, start: Date): boolean {
  return (
    sql.get(
      'SELECT 1 AS yes FROM periods WHERE team_id = ? AND start_at = ?',
      teamId,
      start.getTime(),
    ) !== undefined
  );
}

/** Records an opened period. Run in the transaction that books its deposit. */
export function recordPeriod(
  sql: Statements,
  teamId: string,
  period: { start: Date; end: Date },
  openedAt: Date,
): void {
  sql.run(
    'INSERT INTO periods (team_id, start_at, end_at, opened_at) VALUES (?, ?, ?, ?)',
    teamId,
    period.start.getTime(),
    period.end.getTime(),
    openedAt.getTime(),
  );
}

/** The end of the team's newest opened period, in ms (0 when none has opened yet). */
export function latestPeriodEnd(sql: Statements, teamId: string): number {
  return sql.number('SELECT coalesce(max(end_at), 0) FROM periods WHERE team_id = ?', teamId);
}

/** The start of the team's newest opened period, in ms (0 when none has opened yet). */
export function latestPeriodStart(sql: Statements, teamId: string): number {
  return sql.number('SELECT coalesce(max(start_at), 0) FROM periods WHERE team_id = ?', teamId);
}

/** The end of the team's period that starts at `start`, in ms, as it was opened; undefined when it was not. */
export function periodEndOf(sql: Statements, teamId: string, start: Date): number | undefined {
  return sql.get<{ end_at: number }>(
    'SELECT end_at FROM periods WHERE team_id = ? AND start_at = ?',
    teamId,
    start.getTime(),
  )?.end_at;
}
