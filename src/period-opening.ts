import { potTotals } from './budget.ts';
import { book } from './ledger.ts';
import { periodContaining, periodOpensAt, type Period } from './periods.ts';
import type { Statements } from './statements.ts';
import type { Team } from './teams.ts';
import { startOfLocalDate } from './time.ts';

/**
 * Makes sure the budget period that holds `at` is open for the team: the first time, it books
 * the period's deposit and (unless the team carries money over) lets the unreserved rest of the
 * previous period lapse. Returns the period, or null before the team's start date.
 */
export function ensurePeriodOpen(sql: Statements, team: Team, at: Date): Period | null {
  const period = periodContaining(team.settings, at);
  if (!period) return null;
  const opened = sql.get(
    'SELECT 1 AS yes FROM periods WHERE team_id = ? AND start_at = ?',
    team.id,
    period.start.getTime(),
  );
  if (opened) return period;
  const latest = sql.number(
    'SELECT coalesce(max(start_at), 0) FROM periods WHERE team_id = ?',
    team.id,
  );
  if (latest > period.start.getTime()) return period; // a late message from an earlier, closed period
  const opensAt = periodOpensAt(team.settings, period);
  if (latest > 0 && !team.settings.carryOver) {
    const { availableCents } = potTotals(sql, team.id);
    if (availableCents > 0) {
      book(sql, {
        teamId: team.id,
        kind: 'correction',
        amountCents: -availableCents,
        requestId: null,
        periodStart: period.start,
        at: opensAt,
        by: null,
        note: 'Restant van de vorige periode vervalt',
      });
    }
  }
  if (team.settings.potCents > 0) {
    book(sql, {
      teamId: team.id,
      kind: 'deposit',
      amountCents: team.settings.potCents,
      requestId: null,
      periodStart: period.start,
      at: opensAt,
      by: null,
      note: 'Budget van de periode',
    });
  }
  sql.run(
    'INSERT INTO periods (team_id, start_at, end_at, opened_at) VALUES (?, ?, ?, ?)',
    team.id,
    period.start.getTime(),
    period.end.getTime(),
    opensAt.getTime(),
  );
  return period;
}

/** When the team's next period opens: the end of the newest open one, or the team's start date. */
export function nextPeriodOpening(sql: Statements, team: Team): Date {
  const latestEnd = sql.number(
    'SELECT coalesce(max(end_at), 0) FROM periods WHERE team_id = ?',
    team.id,
  );
  if (latestEnd > 0) return new Date(latestEnd);
  return startOfLocalDate(team.settings.startDate);
}
