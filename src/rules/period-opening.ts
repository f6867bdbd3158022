import type { DueReply } from './due-reply.ts';
import { potTotals } from '../store/budget.ts';
import { balanceOf, book } from '../store/ledger.ts';
import { formatCents } from '../text/money.ts';
import { periodContaining, periodOpensAt, type Period } from './periods.ts';
import { touchDue } from '../store/due-version.ts';
import {
  isPeriodOpened,
  latestPeriodEnd,
  latestPeriodStart,
  periodEndOf,
  recordPeriod,
} from '../store/periods.ts';
import type { Statements } from '../store/statements.ts';
import { chatsOfTeam, type Team } from '../store/teams.ts';
import { addLocalMonths, startOfLocalDate } from '../text/time.ts';

/** What `ensurePeriodOpen` found: the period (null before the start date), and whether it opened a new one after an earlier period. */
export interface PeriodOpening {
  period: Period | null;
  /** True when this call opened the period and the team had an earlier one (worth announcing). */
  renewed: boolean;
}

/**
 * Makes sure the budget period that holds `at` is open for the team: the first time, it books
 * the period's deposit and (unless the team carries money over) lets the unreserved rest of the
 * previous period lapse, booked to that period. Money reserved by a request still open at the
 * boundary stays reserved (it may still be granted, also by votes from a backlog); see
 * `releaseCarriedReservation` (end-request.ts). An event dated in an earlier period than the newest open one
 * gets that earlier period, which is closed (`isClosedPeriod`, docs/rules.md rule 13).
 */
export function ensurePeriodOpen(sql: Statements, team: Team, at: Date): PeriodOpening {
  const period = periodContaining(team.settings, at);
  if (!period) return { period: null, renewed: false };
  if (isPeriodOpened(sql, team.id, period.start)) return { period, renewed: false };
  const latest = latestPeriodStart(sql, team.id);
  if (latest > period.start.getTime()) return { period, renewed: false }; // a late message from a closed period
  const opensAt = periodOpensAt(team.settings, period);
  if (latest > 0 && !team.settings.carryOver) {
    // What open requests reserve stays: they may still be granted. If one ends without a grant,
    // its reservation lapses then (releaseCarriedReservation). The rest is the previous period's:
    // it lapses there, so a closed period's own entries add up to what its open requests reserve.
    const lapsing = potTotals(sql, team.id).availableCents;
    if (lapsing > 0) {
      book(sql, {
        teamId: team.id,
        kind: 'correction',
        amountCents: -lapsing,
        requestId: null,
        periodStart: new Date(latest),
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
  touchDue(sql.db, 'team');
  recordPeriod(sql, team.id, period, opensAt);
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
  const latestEnd = latestPeriodEnd(sql, team.id);
  if (latestEnd > 0) return new Date(latestEnd);
  return startOfLocalDate(team.settings.startDate);
}

/**
 * The budget period of the team that starts at `start`, as it was opened (a request's or a ledger
 * entry's `periodStart`). The first period may start before the team's start date.
 *
 * @example
 * periodStartingAt(sql, team, request.periodStart) // { start: 2026-01-01, end: 2027-01-01 }
 */
export function periodStartingAt(sql: Statements, team: Team, start: Date): Period {
  const end = periodEndOf(sql, team.id, start);
  return {
    start: new Date(start),
    end: end === undefined ? addLocalMonths(start, team.settings.periodMonths) : new Date(end),
  };
}

/**
 * Whether the budget period that starts at `periodStart` is closed: a later period has opened for
 * the team (docs/rules.md rule 13). Whatever belongs to a closed period stays there: new requests and
 * deposits dated in it are refused, and money that comes back to it lapses unless the team
 * carries money over.
 *
 * @example
 * isClosedPeriod(sql, 'noord', startOfLocalDate('2026-01-01')) // true once 2027 has opened
 */
export function isClosedPeriod(sql: Statements, teamId: string, periodStart: Date): boolean {
  return latestPeriodStart(sql, teamId) > periodStart.getTime();
}

/**
 * Lets money that came back to a closed period lapse there, as the rest of that period did at its
 * end: a `correction` without a request, booked to that period, so the team's pot (the balance)
 * stays as it was. A team that carries money over keeps it: then nothing is booked and the money
 * is in this period's pot. Returns whether it lapsed. Run in the transaction that gave it back.
 *
 * @example
 * lapseInClosedPeriod(sql, team, request.periodStart, 500, at, 'Correctie na afsluiten periode vervalt') // true
 */
export function lapseInClosedPeriod(
  sql: Statements,
  team: Team,
  periodStart: Date,
  amountCents: number,
  at: Date,
  note: string,
): boolean {
  if (team.settings.carryOver || amountCents <= 0) return false;
  if (!isClosedPeriod(sql, team.id, periodStart)) return false;
  book(sql, {
    teamId: team.id,
    kind: 'correction',
    amountCents: -amountCents,
    requestId: null,
    periodStart,
    at,
    by: null,
    note,
  });
  return true;
}
