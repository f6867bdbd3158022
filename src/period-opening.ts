import type { DueReply } from './deadlines.ts';
import { potTotals } from './budget.ts';
import { balanceOf, book } from './ledger.ts';
import { formatCents } from './money.ts';
import { periodContaining, periodOpensAt, type Period } from './periods.ts';
import type { Statements } from './statements.ts';
import { chatsOfTeam, type Team } from './teams.ts';
import { startOfLocalDate } from './time.ts';

/** What `ensurePeriodOpen` found: the period (null before the start date), and whether it opened a new one after an earlier period. */
export interface PeriodOpening {
  period: Period | null;
  /** True when this call opened the period and the team had an earlier one (worth announcing). */
  renewed: boolean;
}

/**
 * Makes sure the budget period that holds `at` is open for the team: the first time, it books
 * the period's deposit and (unless the team carries money over) lets the unreserved rest of the
 * previous period lapse. Money reserved by a request still open at the boundary stays reserved
 * (it may still be granted, also by votes from a backlog); see `releaseCarriedReservation`.
 */
export function ensurePeriodOpen(sql: Statements, team: Team, at: Date): PeriodOpening {
  const period = periodContaining(team.settings, at);
  if (!period) return { period: null, renewed: false };
  const opened = sql.get(
    'SELECT 1 AS yes FROM periods WHERE team_id = ? AND start_at = ?',
    team.id,
    period.start.getTime(),
  );
  if (opened) return { period, renewed: false };
  const latest = sql.number(
    'SELECT coalesce(max(start_at), 0) FROM periods WHERE team_id = ?',
    team.id,
  );
  if (latest > period.start.getTime()) return { period, renewed: false }; // a late message from a closed period
  const opensAt = periodOpensAt(team.settings, period);
  if (latest > 0 && !team.settings.carryOver) {
    // What open requests reserve stays: they may still be granted. If one ends without a grant,
    // its reservation lapses then (releaseCarriedReservation).
    const lapsing = potTotals(sql, team.id).availableCents;
    if (lapsing > 0) {
      book(sql, {
        teamId: team.id,
        kind: 'correction',
        amountCents: -lapsing,
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
  return { period, renewed: latest > 0 };
}

/** The announcement of a new period, for every chat of the team. */
export function periodAnnouncements(sql: Statements, team: Team): DueReply[] {
  const balance = formatCents(balanceOf(sql, team.id));
  return chatsOfTeam(sql, team.id).map((chatId) => ({
    chatId,
    reply: {
      text: `🗓️ Een nieuwe budgetperiode is begonnen. De pot staat op ${balance}.`,
      purpose: 'period',
    },
  }));
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

/**
 * When a request from an earlier budget period ends without a grant (expired, cancelled) after a
 * new period opened, the money it kept reserved across the boundary lapses now, as the rest of
 * that period did (unless the team carries money over). Run in the transaction that decides it.
 */
export function releaseCarriedReservation(
  sql: Statements,
  team: Team,
  request: { periodStart: Date; amountCents: number },
  at: Date,
): void {
  if (team.settings.carryOver) return;
  const latest = sql.number(
    'SELECT coalesce(max(start_at), 0) FROM periods WHERE team_id = ?',
    team.id,
  );
  if (latest <= request.periodStart.getTime()) return;
  book(sql, {
    teamId: team.id,
    kind: 'correction',
    amountCents: -request.amountCents,
    requestId: null,
    periodStart: new Date(latest),
    at,
    by: null,
    note: 'Reservering uit de vorige periode vervalt',
  });
}
