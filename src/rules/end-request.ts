import type { Reply } from '../delivery/outbox.ts';
import { lapseInClosedPeriod } from './period-opening.ts';
import * as say from './replies.ts';
import { decideRequest, requestById, type BudgetRequest } from '../store/requests.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';
import { tallyVotes } from '../store/votes.ts';

/** How an open request ends without a grant: its vote window closed, or someone withdrew it. */
export type EndWithoutGrant =
  { status: 'expired'; at: Date } | { status: 'cancelled'; at: Date; by: string };

/**
 * Ends an open request without a grant (docs/rules.md rule 7, `/annuleer`): marks it expired or
 * cancelled, frees what it reserved (a reservation carried over from a closed period lapses
 * there, see `releaseCarriedReservation`) and returns the reply for its chat. Run in the
 * transaction that decides it.
 *
 * @example
 * endWithoutGrant(sql, team, request, { status: 'cancelled', at, by: 'telegram:42' })
 * // { text: '🚫 Aanvraag #3 (€ 33,00 grofvuil) is geannuleerd; …', purpose: 'cancelled', … }
 */
export function endWithoutGrant(
  sql: Statements,
  team: Team,
  request: BudgetRequest,
  end: EndWithoutGrant,
): Reply {
  decideRequest(sql, request.id, end.status, end.at, end.status === 'cancelled' ? end.by : null);
  releaseCarriedReservation(sql, team, request, end.at);
  if (end.status === 'expired') {
    const tally = tallyVotes(sql, request);
    return {
      text: say.requestExpired(request, tally.yes.length, team.settings.votesNeeded),
      requestId: request.id,
      purpose: 'expired',
    };
  }
  return {
    text: say.requestCancelled(requestById(sql, request.id)!),
    requestId: request.id,
    purpose: 'cancelled',
  };
}

/**
 * When a request from an earlier budget period ends without a grant (expired, cancelled) after a
 * new period opened, the money it kept reserved across the boundary lapses now, in its own period,
 * as the rest of that period did (unless the team carries money over). Run in the transaction
 * that decides it.
 */
export function releaseCarriedReservation(
  sql: Statements,
  team: Team,
  request: { periodStart: Date; amountCents: number },
  at: Date,
): void {
  lapseInClosedPeriod(
    sql,
    team,
    request.periodStart,
    request.amountCents,
    at,
    'Reservering uit de vorige periode vervalt',
  );
}
