import { text, type PrivateCommand } from '../src/rules/command.ts';
import { unsubscribe } from '../src/store/subscriptions.ts';

/** `/opzeggen` in a private chat: ends the subscription of /abonneer (whose help line names it). */
export const opzeggen: PrivateCommand = {
  scope: 'private',
  name: 'opzeggen',
  usage: '/opzeggen',
  summary: 'stopt de overzichten na elke ronde',
  role: 'adviser',
  listed: false,
  run: (ctx) =>
    text(
      unsubscribe(ctx.sql, ctx.senderId)
        ? 'Afgemeld: je krijgt de overzichten na een ronde niet meer. Typ /abonneer om weer aan te melden.'
        : 'Je was niet aangemeld. Typ /abonneer om na elke ronde het overzicht te krijgen.',
    ),
};
