import { text, type PrivateCommand } from '../src/rules/command.ts';
import { issueWebLink, signOutOfWeb } from '../src/store/web-links.ts';

/**
 * `/web` in a private chat: a one-time link to the monitor web page (10 minutes, once), or
 * `/web uit`: every web session of this person ends. The link's secret is only in this reply;
 * the database keeps its hash.
 *
 * @example
 * web.run(ctx, '') // [{ text: '🔗 Jouw link naar de monitor: https://…/inloggen/q3L0….Zx9… …' }]
 */
export const web: PrivateCommand = {
  scope: 'private',
  name: 'web',
  aliases: ['monitor'],
  usage: '/web',
  summary:
    'een link naar de monitor: alle cijfers van jouw teams op een webpagina; /web uit logt je overal uit',
  role: 'adviser',
  run(ctx, args) {
    const word = args.trim().toLowerCase();
    if (word === 'uit' || word === 'uitloggen') {
      signOutOfWeb(ctx.sql, ctx.senderId, ctx.at);
      return text(
        'Je bent uitgelogd op de monitor, op elk apparaat. Typ /web voor een nieuwe link.',
      );
    }
    if (word !== '')
      return text("Typ /web voor een link naar de monitor, of '/web uit' om uit te loggen.");
    if (!ctx.webBaseUrl)
      return text(
        'De monitor (de webpagina met de cijfers) staat bij deze bot niet aan. Vraag de beheerder van de bot om hem aan te zetten.',
      );
    const token = issueWebLink(ctx.sql, ctx.senderId, ctx.at);
    return text(
      `🔗 Jouw link naar de monitor: ${ctx.webBaseUrl}/inloggen/${token}\nDe link werkt één keer en 10 minuten. Deel hem met niemand. Typ '/web uit' om overal uit te loggen.`,
    );
  },
};
