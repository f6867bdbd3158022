import { text, type TeamCommand } from '../src/rules/command.ts';
import { netSpentOn } from '../src/store/ledger.ts';
import { bookOnGrant } from '../src/rules/book-on-grant.ts';
import { formatCents as euro } from '../src/text/money.ts';
import { isClosedPeriod, periodStartingAt } from '../src/rules/period-opening.ts';
import { closedPeriod, statusWord } from '../src/rules/replies.ts';
import { findRequestOrRefuse, parseRequestNumber } from './request-argument.ts';

/**
 * `/terugboeken <nr>`: a coordinator reverses a whole grant with a new ledger entry, booked to the
 * grant's period. When that period has closed the money lapses there, unless the team carries
 * money over (docs/rules.md rule 13).
 */
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
    const closed = isClosedPeriod(ctx.sql, ctx.team.id, request.periodStart);
    const { lapsed, balanceCents: balance } = bookOnGrant(
      ctx,
      request,
      'reversal',
      spent,
      `Terugboeking #${number} na afsluiten van de periode vervalt`,
    );
    const period = periodStartingAt(ctx.sql, ctx.team, request.periodStart);
    const said = lapsed
      ? `${euro(spent)} ${closedPeriod.lapsed(period, balance)}`
      : closed
        ? `${closedPeriod.carried(spent, period)} (dit team neemt geld mee). Nieuw saldo: ${euro(balance)}.`
        : `${euro(spent)} terug in de pot. Nieuw saldo: ${euro(balance)}.`;
    return [{ text: `↩️ #${number} teruggeboekt: ${said}`, requestId: request.id }];
  },
};
