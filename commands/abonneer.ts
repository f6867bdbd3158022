import { text, type PrivateCommand } from '../src/rules/command.ts';
import { subscribe } from '../src/store/subscriptions.ts';

/** `/abonneer` in a private chat: after every round, the overview of their teams as files here. */
export const abonneer: PrivateCommand = {
  scope: 'private',
  name: 'abonneer',
  usage: '/abonneer',
  summary:
    'na elke ronde het overzicht van jouw teams als CSV en PDF in dit gesprek; /opzeggen stopt dat',
  role: 'adviser',
  run: (ctx) =>
    text(
      subscribe(ctx.sql, ctx.senderId, ctx.chatId, ctx.at)
        ? '📬 Aangemeld. Na elke ronde, zodra het overzicht in de teamgroepen staat, stuur ik je hier het overzicht van jouw teams als CSV en PDF. Typ /opzeggen om te stoppen.'
        : 'Je bent al aangemeld: na elke ronde krijg je het overzicht hier. Typ /opzeggen om te stoppen.',
    ),
};
