import { text, type TeamCommand } from '../src/rules/command.ts';
import { endWithoutGrant } from '../src/rules/end-request.ts';
import { statusWord } from '../src/rules/replies.ts';
import { parseRequestNumber, findRequestOrRefuse } from './request-argument.ts';

/** `/annuleer <nr>`: the requester or a coordinator withdraws an open request. */
export const annuleer: TeamCommand = {
  scope: 'team',
  name: 'annuleer',
  aliases: ['intrekken'],
  usage: '/annuleer <nr>',
  summary: 'Een open aanvraag intrekken',
  role: 'member',
  run(ctx, args) {
    const number = parseRequestNumber(args);
    if (number === null) return text('Welke aanvraag? Typ bijvoorbeeld: /annuleer 12');
    const found = findRequestOrRefuse(ctx, number);
    if ('refusal' in found) return found.refusal;
    const request = found.request;
    if (request.status === 'approved') {
      return text(
        `Aanvraag #${number} is al toegekend. Een coördinator kan het bedrag corrigeren (/correctie ${number} <bedrag>) of terugboeken (/terugboeken ${number}).`,
      );
    }
    if (request.status !== 'open')
      return text(`Aanvraag #${number} is al ${statusWord(request.status)}.`);
    if (request.requesterId !== ctx.senderId && !ctx.isCoordinator) {
      return text(`Alleen wie #${number} aanvroeg of een coördinator kan hem annuleren.`);
    }
    return [
      endWithoutGrant(ctx.sql, ctx.team, request, {
        status: 'cancelled',
        at: ctx.at,
        by: ctx.senderId,
      }),
    ];
  },
};
