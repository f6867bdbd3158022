import type { Overview } from '../src/overview/overview.ts';
import { cycleAt } from '../src/overview/overview-slots.ts';
import { overviewFor, type OverviewRequest } from '../src/overview/overview-store.ts';
import { text, type PrivateCommand } from '../src/rules/command.ts';
import { localDateOf, startOfLocalDate } from '../src/text/time.ts';
import { readOverviewRequest } from './overview-argument.ts';
import {
  asksForHouseholds,
  chooseTeams,
  filesReply,
  HOUSEHOLDS,
  unknownWord,
} from './private-chat.ts';

const DAY = /^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[-/](\d{1,2})[-/](\d{4}))$/;

/** A typed day (`2026-03-01`, `1-3-2026`, `1/3/2026`) as YYYY-MM-DD, or null. */
function readDay(word: string): string | null {
  const m = DAY.exec(word);
  if (!m) return null;
  const [y, mo, d] = m[1] ? [m[1], m[2]!, m[3]!] : [m[6]!, m[5]!, m[4]!];
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const real = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(real.getTime()) && real.toISOString().startsWith(iso) ? iso : null;
}

const RANGE = /(\S+)\s+(?:t\/m|tot en met)\s+(\S+)/;

/**
 * `/export [team|alle] [vorige|ronde <nr>|<jaar>|<van> t/m <tot>]` in a private chat: the
 * overview of one of their teams, or of all of them in one file with the totals first, as the
 * export formats' files (rendered after the commit); never with household codes.
 */
export const privateExport: PrivateCommand = {
  scope: 'private',
  name: 'export',
  aliases: ['exporteer'],
  usage: '/export [team|alle] [vorige|ronde <nr>|<jaar>|<van> t/m <tot>]',
  summary: 'CSV voor Excel en PDF om te delen, alle teams in één bestand',
  role: 'adviser',
  run(ctx, args) {
    if (asksForHouseholds(args)) return text(HOUSEHOLDS);
    const chosen = chooseTeams(ctx, args);
    if ('refusal' in chosen) return text(chosen.refusal);
    let request: OverviewRequest | 'default';
    const range = RANGE.exec(chosen.rest);
    if (range) {
      const from = readDay(range[1]!);
      const to = readDay(range[2]!);
      if (!from || !to || to < from || chosen.rest.replace(RANGE, '').trim())
        return text(
          'Typ de periode als /export 1-3-2026 t/m 31-3-2026 (de tweede dag niet vóór de eerste).',
        );
      const after = localDateOf(new Date(startOfLocalDate(to).getTime() + 36 * 3_600_000));
      request = { kind: 'range', from: startOfLocalDate(from), to: startOfLocalDate(after) };
    } else {
      const asked = readOverviewRequest(chosen.rest);
      if (!asked)
        return text('Typ /export, /export vorige, /export noord ronde 3 of /export 2026.');
      if (asked.rest) return text(unknownWord(ctx, asked.rest));
      request = chosen.rest === '' ? 'default' : asked.request;
    }
    const overviews: Overview[] = [];
    for (const team of chosen.teams) {
      let asked: OverviewRequest = request === 'default' ? { kind: 'current' } : request;
      if (request === 'default') {
        // As in the group: the last finished round, or in the first round the running one.
        const running = cycleAt(team.settings, ctx.at);
        if (running && running.number > 1) asked = { kind: 'previous' };
      }
      const overview = overviewFor(ctx.sql, team, asked, ctx.at);
      if (overview) overviews.push(overview);
    }
    if (overviews.length === 0)
      return text('Dat overzicht is er (nog) niet. Typ /export voor de laatste afgeronde ronde.');
    const named = request === 'default' || request.kind !== 'range';
    return [filesReply(overviews, named, '📎 Overzicht')];
  },
};
