import type { Reply } from '../src/delivery/outbox.ts';
import { exportJobFile } from '../src/overview/export-job.ts';
import type { Overview } from '../src/overview/overview.ts';
import { cycleAt } from '../src/overview/overview-slots.ts';
import { overviewFor, type OverviewRequest } from '../src/overview/overview-store.ts';
import { overviewText } from '../src/overview/overview-text.ts';
import { text } from '../src/rules/command.ts';
import type { Statements } from '../src/store/statements.ts';
import { subscribe, unsubscribe } from '../src/store/subscriptions.ts';
import { issueWebLink, signOutOfWeb } from '../src/store/web-links.ts';
import type { Team } from '../src/store/teams.ts';
import { parseMessage } from '../src/text/parse-message.ts';
import { formatDay, localDateOf, startOfLocalDate } from '../src/text/time.ts';
import { readOverviewRequest } from './overview-argument.ts';

/** Who talks in a private chat, and which teams they may see. */
export interface PrivateChatContext {
  sql: Statements;
  at: Date;
  senderId: string;
  /** This private chat: where a subscription sends the overviews. */
  chatId: string;
  /** The teams this person may see (an adviser for all teams: every team). */
  teams: readonly Team[];
  /** Every team the bot knows, to tell "not yours" from "unknown". */
  allTeams: readonly Team[];
  /** Why they may see them, for /teams: "communicatieadviseur voor alle teams". */
  role: string;
  /** Where the monitor web page is (MMB_PUBLIC_URL), or null when this bot has none. */
  webBaseUrl?: string | null;
}

/** The one line for someone without a role, once. */
export const STRANGER_LINE =
  'Ik werk alleen in de teamgroepen van het Mini-Maatwerk Budget. Stel je vraag in je teamgroep.';

const HELP = [
  'In dit gesprek kun je de overzichten van jouw teams opvragen:',
  '/teams · welke teams je kunt zien',
  '/rapport [team|alle] [vorige|ronde <nr>|<jaar>] · overzicht als tekst',
  '/export [team|alle] [vorige|ronde <nr>|<jaar>|<van> t/m <tot>] · CSV voor Excel en PDF om te delen, alle teams in één bestand',
  '/web · een link naar de monitor: alle cijfers van jouw teams op een webpagina; /web uit logt je overal uit',
  '/abonneer · na elke ronde het overzicht van jouw teams als CSV en PDF in dit gesprek; /opzeggen stopt dat',
  '/help · deze uitleg',
  "Voorbeelden: '/rapport noord vorige', '/export alle 2026', '/export 1-3-2026 t/m 31-3-2026'.",
  'Zonder team: al jouw teams. Huishoudcodes gaan nooit mee in dit gesprek.',
].join('\n');

const HOUSEHOLDS =
  'Huishoudcodes gaan nooit mee in een privégesprek: ze blijven in de teamgroep. ' +
  "Typ /export zonder 'met huishoudens', of vraag een coördinator om het in de teamgroep te doen.";

const IN_THE_GROUP =
  'Aanvragen en stemmen horen in de teamgroep, niet in dit gesprek. Typ /help voor wat ik hier kan.';

const teamList = (teams: readonly Team[]) => teams.map((t) => `${t.name} (${t.id})`).join(', ');

/**
 * Answers a message in the private chat of someone with a role (adviser, coordinator): the
 * overviews of their teams as text or files, never household codes. Requests and votes get a
 * hint that they belong in the team group.
 *
 * @example
 * privateChatReplies(ctx, '/teams') // [{ text: 'Je kunt deze teams zien: Team Noord (noord). …' }]
 */
export function privateChatReplies(ctx: PrivateChatContext, message: string): Reply[] {
  const parsed = parseMessage(message);
  if (parsed.kind === 'request' || parsed.kind === 'request-problem' || parsed.kind === 'vote')
    return text(IN_THE_GROUP);
  if (parsed.kind !== 'command')
    return text('Typ /help om te zien welke overzichten je hier kunt opvragen.');
  switch (parsed.name) {
    case 'help':
    case 'hulp':
    case 'start':
      return text(HELP);
    case 'teams':
      return text(
        `Je bent ${ctx.role}. Je kunt deze teams zien: ${teamList(ctx.teams)}. Typ /help voor de commando's.`,
      );
    case 'rapport':
    case 'overzicht':
      return rapport(ctx, parsed.args);
    case 'export':
    case 'exporteer':
      return exportFiles(ctx, parsed.args);
    case 'abonneer':
      return text(
        subscribe(ctx.sql, ctx.senderId, ctx.chatId, ctx.at)
          ? '📬 Aangemeld. Na elke ronde, zodra het overzicht in de teamgroepen staat, stuur ik je hier het overzicht van jouw teams als CSV en PDF. Typ /opzeggen om te stoppen.'
          : 'Je bent al aangemeld: na elke ronde krijg je het overzicht hier. Typ /opzeggen om te stoppen.',
      );
    case 'web':
    case 'monitor':
      return webLink(ctx, parsed.args);
    case 'opzeggen':
      return text(
        unsubscribe(ctx.sql, ctx.senderId)
          ? 'Afgemeld: je krijgt de overzichten na een ronde niet meer. Typ /abonneer om weer aan te melden.'
          : 'Je was niet aangemeld. Typ /abonneer om na elke ronde het overzicht te krijgen.',
      );
    default:
      return text('Dat commando werkt niet in dit gesprek. Typ /help voor wat ik hier kan.');
  }
}

/**
 * `/web`: a one-time link to the monitor web page (10 minutes, once), or `/web uit`: every web
 * session of this person ends. The link's secret is only in this reply; the database keeps its hash.
 *
 * @example
 * webLink(ctx, '') // [{ text: '🔗 Jouw link naar de monitor: https://…/inloggen/q3L0….Zx9… …' }]
 */
function webLink(ctx: PrivateChatContext, args: string): Reply[] {
  const word = args.trim().toLowerCase();
  if (word === 'uit' || word === 'uitloggen') {
    signOutOfWeb(ctx.sql, ctx.senderId, ctx.at);
    return text('Je bent uitgelogd op de monitor, op elk apparaat. Typ /web voor een nieuwe link.');
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
}

type Chosen = { teams: readonly Team[]; rest: string } | { refusal: string };

/** Reads the team word at the start (`noord`, `Team Noord`, `alle`), or none: all their teams. */
function chooseTeams(ctx: PrivateChatContext, args: string): Chosen {
  const lower = args.trim().toLowerCase();
  const startsWith = (word: string) =>
    lower === word || (lower.startsWith(word) && /\s/.test(lower.charAt(word.length)));
  if (startsWith('alle')) return { teams: ctx.teams, rest: lower.slice(4).trim() };
  let best: { team: Team; length: number } | null = null;
  for (const team of ctx.allTeams) {
    for (const word of [team.id.toLowerCase(), team.name.toLowerCase()]) {
      if (word && startsWith(word) && (!best || word.length > best.length))
        best = { team, length: word.length };
    }
  }
  if (best) {
    const team = best.team;
    if (!ctx.teams.some((t) => t.id === team.id)) {
      return {
        refusal: `${team.name} hoort niet bij jouw teams, dus dat overzicht kan ik je niet geven. Jij kunt zien: ${teamList(ctx.teams)}.`,
      };
    }
    return { teams: [team], rest: lower.slice(best.length).trim() };
  }
  return { teams: ctx.teams, rest: lower };
}

/** A word that is neither a team nor an overview choice: most likely a team name. */
const unknownWord = (ctx: PrivateChatContext, rest: string): string =>
  `Dat begrijp ik niet: "${rest.split(/\s+/)[0]}" is geen team van jou en geen ronde of jaar. Jouw teams: ${teamList(ctx.teams)}. Typ /help voor voorbeelden.`;

function rapport(ctx: PrivateChatContext, args: string): Reply[] {
  if (/huishoud|codes/.test(args.toLowerCase())) return text(HOUSEHOLDS);
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
}

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

function exportFiles(ctx: PrivateChatContext, args: string): Reply[] {
  if (/huishoud|codes/.test(args.toLowerCase())) return text(HOUSEHOLDS);
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
    if (!asked) return text('Typ /export, /export vorige, /export noord ronde 3 of /export 2026.');
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
}

/**
 * The reply that carries overviews as files (an export job, rendered after the commit): one team,
 * or all of them in one file with the totals first. `byRound` names the files after the round.
 */
function filesReply(overviews: readonly Overview[], byRound: boolean, title: string): Reply {
  const from = new Date(Math.min(...overviews.map((o) => Date.parse(o.from))));
  const lastDay = new Date(Math.max(...overviews.map((o) => Date.parse(o.to))) - 1);
  const one = overviews.length === 1 ? overviews[0]! : null;
  const what =
    one?.cycle && byRound ? `ronde-${one.cycle}` : `${localDateOf(from)}-${localDateOf(lastDay)}`;
  const base = `mmb-${one ? one.teamId : 'alle-teams'}-${what}`;
  const who = one ? one.teamName : `${overviews.length} teams (eerst de totalen)`;
  return {
    text: `${title} ${who}, ${formatDay(from)} t/m ${formatDay(lastDay)}: CSV voor Excel en PDF om te delen (zonder huishoudcodes).`,
    purpose: 'export',
    files: [
      exportJobFile(
        one
          ? { base, households: false, overview: one }
          : { base, households: false, overviews: [...overviews] },
      ),
    ],
  };
}

/**
 * What a subscriber gets after a round was posted in the groups: the stored overviews (the
 * figures exactly as posted) as CSV and PDF, and how to stop.
 */
export function subscriptionReply(overviews: readonly Overview[]): Reply {
  const reply = filesReply(overviews, true, '📬 Nieuwe ronde: overzicht');
  return { ...reply, text: `${reply.text}\nTyp /opzeggen om deze berichten te stoppen.` };
}
