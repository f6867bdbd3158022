import { text, type TeamCommand } from '../src/command.ts';
import { balanceOf, book, netSpentOn } from '../src/ledger.ts';
import { formatCents as euro } from '../src/money.ts';
import { statusWord } from '../src/replies.ts';
import { findRequestOrRefuse, parseRequestNumber } from './request-argument.ts';

/** `/terugboeken <nr>`: a coordinator reverses a whole grant with a new ledger entry. */
export const terugboeken: TeamCommand = {
  scope: 'team',
  name: 'terugboeken',
  usage: '/terugboeken <nr>',
  summary: 'Een toekenning helemaal terugboeken (coördinator)',
  role: 'coordinator',
  task: 'een toekenning terugboeken',
  run(ctx, args) {
    const number = parseRequestNumber(args);
    if (number === null) return text('Welke toekenning? Typ bijvoorbeeld: /terugboeken 12');
    const found = findRequestOrRefuse(ctx, number);
    if ('refusal' in found) return found.refusal;
    const request = found.request;
    if (request.status !== 'approved') {
      return text(
        `Aanvraag #${number} is ${statusWord(request.status)}, niet toegekend: er is niets terug te boeken.`,
      );
    }
    const spent = netSpentOn(ctx.sql, request.id);
    if (spent <= 0) return text(`#${number} is al helemaal teruggeboekt.`);
    book(ctx.sql, {
      teamId: ctx.team.id,
      kind: 'reversal',
      amountCents: spent,
      requestId: request.id,
      periodStart: request.periodStart,
      at: ctx.at,
      by: ctx.senderId,
      note: null,
    });
    return [
      {
        text: `↩️ #${number} teruggeboekt: ${euro(spent)} terug in de pot. Nieuw saldo: ${euro(balanceOf(ctx.sql, ctx.team.id))}.`,
        requestId: request.id,
      },
    ];
  },
};
