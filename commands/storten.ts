import { text, type TeamCommand } from '../src/rules/command.ts';
import { balanceOf, book } from '../src/store/ledger.ts';
import { formatCents as euro } from '../src/text/money.ts';
import { isClosedPeriod } from '../src/rules/period-opening.ts';
import { closedPeriod } from '../src/rules/replies.ts';
import { amountProblemText, leadingAmount } from './amount-argument.ts';

/**
 * `/storten <bedrag> [waarvoor]`: a coordinator adds money to the pot during the period. A deposit
 * typed in a period that has closed since (it arrived late) is refused: type it again (rule 13).
 */
export const storten: TeamCommand = {
  scope: 'team',
  name: 'storten',
  usage: '/storten <bedrag>',
  summary: 'Geld in de pot storten (coördinator)',
  role: 'coordinator',
  task: 'geld storten',
  run(ctx, args) {
    const amount = leadingAmount(args);
    if (!amount.ok) return text(amountProblemText(amount.problem, '/storten 500'));
    if (isClosedPeriod(ctx.sql, ctx.team.id, ctx.period.start))
      return text(closedPeriod.deposit(ctx.at, ctx.period));
    book(ctx.sql, {
      teamId: ctx.team.id,
      kind: 'deposit',
      amountCents: amount.cents,
      requestId: null,
      periodStart: ctx.period.start,
      at: ctx.at,
      by: ctx.senderId,
      note: amount.rest.slice(0, 200) || null,
    });
    return text(
      `💶 ${euro(amount.cents)} gestort. Nieuw saldo: ${euro(balanceOf(ctx.sql, ctx.team.id))}.`,
    );
  },
};
