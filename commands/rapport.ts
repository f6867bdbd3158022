import { text, type TeamCommand } from '../src/rules/command.ts';
import { overviewFor } from '../src/overview/overview-store.ts';
import { overviewText } from '../src/overview/overview-text.ts';
import { readOverviewRequest } from './overview-argument.ts';

/** `/rapport`: the running cycle so far; `/rapport vorige`, `/rapport ronde 3`, `/rapport 2026`. */
export const rapport: TeamCommand = {
  scope: 'team',
  name: 'rapport',
  aliases: ['overzicht'],
  usage: '/rapport [vorige | ronde <nr> | <jaar>]',
  summary: 'Overzicht van deze ronde, de vorige of een jaar',
  role: 'member',
  run(ctx, args) {
    const asked = readOverviewRequest(args);
    if (!asked || asked.rest) {
      return text('Typ /rapport, /rapport vorige, /rapport ronde 3 of /rapport 2026.');
    }
    const overview = overviewFor(ctx.sql, ctx.team, asked.request, ctx.at);
    if (!overview) {
      return text(
        asked.request.kind === 'previous'
          ? 'Er is nog geen vorige ronde: dit is de eerste. Typ /rapport voor de tussenstand.'
          : 'Die ronde is er (nog) niet. Typ /rapport voor de tussenstand.',
      );
    }
    const title = asked.request.kind === 'current' ? 'Tussenstand' : 'Overzicht';
    return text(overviewText(overview, title));
  },
};
