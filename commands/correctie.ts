import { roomFor } from '../src/store/budget.ts';
import { text, type TeamCommand } from '../src/rules/command.ts';
import { netSpentOn } from '../src/store/ledger.ts';
import { bookOnGrant } from '../src/rules/book-on-grant.ts';
import { formatCents as euro } from '../src/text/money.ts';
import { isClosedPeriod, periodStartingAt } from '../src/rules/period-opening.ts';
import { closedPeriod, statusWord } from '../src/rules/replies.ts';
import { amountProblemText, leadingAmount } from './amount-argument.ts';
import { findRequestOrRefuse, parseRequestNumber } from './request-argument.ts';

/**
 * `/correctie <nr> <bedrag>`: a coordinator books what a granted request really cost. Nothing is
 * edited: the difference is a new ledger entry (docs/rules.md rule 8), booked to the grant's period.
 * For a grant of a closed period a correction up is refused, and what a correction down gives back
 * lapses there unless the team carries money over (rule 13).
 */
export const correctie: TeamCommand = {
  scope: 'team',
  name: 'correctie',
  usage: '/correctie <nr> <bedrag>',
  summary: 'Echte kosten van een toekenning boeken (coördinator)',
  role: 'coordinator',
  task: 'een correctie boeken',
  run(ctx, args) {
    const [first = '', ...rest] = args.trim().split(/\s+/);
    const number = parseRequestNumber(first);
    if (number === null)
      return text('Typ het nummer en het echte bedrag, bijvoorbeeld: /correctie 12 28,00');
    const found = findRequestOrRefuse(ctx, number);
    if ('refusal' in found) return found.refusal;
    const request = found.request;
    if (request.status !== 'approved') {
      return text(
        `Aanvraag #${number} is ${statusWord(request.status)}, niet toegekend: er is niets te corrigeren.` +
          (request.status === 'open'
            ? ` Annuleer hem met /annuleer ${number} en plaats een nieuwe.`
            : ''),
      );
    }
    const amount = leadingAmount(rest.join(' '));
    if (!amount.ok) {
      if (amount.problem === 'zero')
        return text(`Is er niets uitgegeven? Boek dan alles terug met /terugboeken ${number}.`);
      return text(amountProblemText(amount.problem, `/correctie ${number} 28,00`));
    }
    const spent = netSpentOn(ctx.sql, request.id);
    const extra = amount.cents - spent;
    if (extra === 0)
      return text(`Op #${number} staat al ${euro(spent)}; er is niets te corrigeren.`);
    const period = periodStartingAt(ctx.sql, ctx.team, request.periodStart);
    const closed = isClosedPeriod(ctx.sql, ctx.team.id, request.periodStart);
    if (closed && extra > 0) return text(closedPeriod.correctionUp(number, period, extra));
    const room =
      extra > 0 ? roomFor(ctx.sql, ctx.team, request.household, request.periodStart, extra) : null;
    if (room && !room.fits) {
      return text(
        room.limit === 'household'
          ? `Die correctie past niet: huishouden ${request.household} kan in die periode nog ${euro(room.leftCents)} krijgen (maximaal ${euro(room.capCents)}).`
          : `Die correctie past niet: er is nog ${euro(room.leftCents)} vrij in de pot en er is ${euro(extra)} extra nodig. Stort eerst bij met /storten.`,
      );
    }
    const { lapsed, balanceCents: balance } = bookOnGrant(
      ctx,
      request,
      'correction',
      -extra,
      `Correctie #${number} na afsluiten van de periode vervalt`,
    );
    const was = `✏️ #${number} gecorrigeerd: ${euro(spent)} → ${euro(amount.cents)}`;
    if (lapsed) {
      return [
        {
          text: `${was}. De ${euro(-extra)} ${closedPeriod.lapsed(period, balance)}`,
          requestId: request.id,
        },
      ];
    }
    const change = closed
      ? closedPeriod.carried(-extra, period)
      : extra < 0
        ? `${euro(-extra)} terug in de pot`
        : `${euro(extra)} extra uit de pot`;
    return [{ text: `${was} (${change}). Nieuw saldo: ${euro(balance)}.`, requestId: request.id }];
  },
};
