import type { BudgetRequest } from '../store/requests.ts';
import { balanceOf, book } from '../store/ledger.ts';
import type { EventContext } from './context.ts';
import { lapseInClosedPeriod } from './period-opening.ts';

/**
 * Books a change to a granted request as a new ledger entry by the sender (nothing is edited,
 * docs/rules.md rule 8), in the grant's own period: `amountCents` is what comes back to the pot
 * (negative when more goes out). Money that comes back to a closed period lapses there unless the
 * team carries money over (rule 13), with `lapseNote` on that entry. Gives whether it lapsed and
 * the team's balance after. Run in the event's transaction.
 *
 * @example
 * bookOnGrant(ctx, request, 'reversal', 3300, 'Terugboeking #12 na afsluiten van de periode vervalt')
 * // { lapsed: false, balanceCents: 170000 }
 */
export function bookOnGrant(
  ctx: Pick<EventContext, 'sql' | 'team' | 'at' | 'senderId'>,
  request: Pick<BudgetRequest, 'id' | 'periodStart'>,
  kind: 'correction' | 'reversal',
  amountCents: number,
  lapseNote: string,
): { lapsed: boolean; balanceCents: number } {
  book(ctx.sql, {
    teamId: ctx.team.id,
    kind,
    amountCents,
    requestId: request.id,
    periodStart: request.periodStart,
    at: ctx.at,
    by: ctx.senderId,
    note: null,
  });
  const lapsed = lapseInClosedPeriod(
    ctx.sql,
    ctx.team,
    request.periodStart,
    amountCents,
    ctx.at,
    lapseNote,
  );
  return { lapsed, balanceCents: balanceOf(ctx.sql, ctx.team.id) };
}
