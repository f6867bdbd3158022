import { overviewFor } from '../src/overview/overview-store.ts';
import { overviewText } from '../src/overview/overview-text.ts';
import { text, type PrivateCommand } from '../src/rules/command.ts';
import { readOverviewRequest } from './overview-argument.ts';
import { asksForHouseholds, chooseTeams, HOUSEHOLDS, unknownWord } from './private-chat.ts';

/**
 * `/rapport [team|alle] [vorige|ronde <nr>|<jaar>]` in a private chat: the overview of one of
 * their teams, or of all of them, as text; never with household codes.
 */
export const privateRapport: PrivateCommand = {
  scope: 'private',
  name: 'rapport',
  aliases: ['overzicht'],
  usage: '/rapport [team|alle] [vorige|ronde <nr>|<jaar>]',
  summary: 'overzicht als tekst',
  role: 'adviser',
  run(ctx, args) {
    if (asksForHouseholds(args)) return text(HOUSEHOLDS);
    const chosen = chooseTeams(ctx, args);
    if ('refusal' in chosen) return text(chosen.refusal);
    const asked = readOverviewRequest(chosen.rest);
    if (!asked)
      return text('Typ /rapport, /rapport vorige, /rapport noord ronde 3 of /rapport 2026.');
    if (asked.rest) return text(unknownWord(ctx, asked.rest));
    const title = asked.request.kind === 'current' ? 'Tussenstand' : 'Overzicht';
    const parts = chosen.teams.flatMap((team) => {
      const overview = overviewFor(ctx.sql, team, asked.request, ctx.at);
      return overview ? [overviewText(overview, title, { households: false })] : [];
    });
    if (parts.length === 0)
      return text('Dat overzicht is er (nog) niet. Typ /rapport voor de tussenstand.');
    return [{ text: parts.join('\n\n'), purpose: 'overview' }];
  },
};
