import { computeOverview, type Overview } from './overview.ts';
import { cycleAt, cycleByNumber } from './overview-slots.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';

/**
 * Stores the overview of a finished cycle as it was made. Stored overviews are never changed
 * (the database refuses it), so a later export of that cycle gives the same figures.
 */
export function saveOverview(sql: Statements, overview: Overview, posted: boolean): void {
  sql.run(
    `INSERT OR IGNORE INTO overviews (team_id, cycle, from_at, to_at, made_at, posted, data)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    overview.teamId,
    overview.cycle,
    Date.parse(overview.from),
    Date.parse(overview.to),
    Date.parse(overview.madeAt),
    posted ? 1 : 0,
    JSON.stringify(overview),
  );
}

/** The stored overview of a team's cycle, or null if that cycle was not stored (yet). */
export function storedOverview(sql: Statements, teamId: string, cycle: number): Overview | null {
  const row = sql.get<{ data: string }>(
    'SELECT data FROM overviews WHERE team_id = ? AND cycle = ?',
    teamId,
    cycle,
  );
  return row ? (JSON.parse(row.data) as Overview) : null;
}

/** The newest stored cycle number of a team (0 when none). */
export function lastStoredCycle(sql: Statements, teamId: string): number {
  return sql.number('SELECT coalesce(max(cycle), 0) FROM overviews WHERE team_id = ?', teamId);
}

/** Which overview someone asks for: a finished or running cycle, or any range of time. */
export type OverviewRequest =
  | { kind: 'cycle'; cycle: number }
  | { kind: 'current' }
  | { kind: 'previous' }
  | { kind: 'range'; from: Date; to: Date };

/**
 * The overview asked for, as of `now`: a finished cycle as it was stored (or computed, if it was
 * never stored), the running cycle so far, or any range. Null when the team had not started.
 *
 * @example
 * overviewFor(sql, team, { kind: 'previous' }, now)?.cycle // 3
 */
export function overviewFor(
  sql: Statements,
  team: Team,
  request: OverviewRequest,
  now: Date,
): Overview | null {
  if (request.kind === 'range') {
    return computeOverview(sql, team, { from: request.from, to: request.to, cycle: null }, now);
  }
  const running = cycleAt(team.settings, now);
  if (!running) return null;
  const soFar = new Date(now.getTime() + 1); // the range ends after "now", so what happened now is in it
  if (request.kind === 'current') {
    return computeOverview(
      sql,
      team,
      { from: running.from, to: soFar, cycle: running.number },
      now,
    );
  }
  const number = request.kind === 'previous' ? running.number - 1 : request.cycle;
  if (number < 1 || number > running.number) return null;
  if (number === running.number) {
    return computeOverview(sql, team, { from: running.from, to: soFar, cycle: number }, now);
  }
  const stored = storedOverview(sql, team.id, number);
  if (stored) return stored;
  const cycle = cycleByNumber(team.settings, number);
  return computeOverview(sql, team, { from: cycle.from, to: cycle.to, cycle: number }, now);
}
