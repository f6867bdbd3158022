import type { Reply } from '../src/delivery/outbox.ts';
import { exportJobFile } from '../src/overview/export-job.ts';
import type { Overview } from '../src/overview/overview.ts';
import type { PrivateCommandContext } from '../src/rules/command.ts';
import type { Team } from '../src/store/teams.ts';
import { formatDay, localDateOf } from '../src/text/time.ts';

/**
 * What the private-chat commands share (the commands themselves are files of their own, with
 * scope 'private', in the one registry: commands/index.ts), and the lines the engine answers a
 * private chat with when no command is typed (src/engine/private-chat.ts).
 */

/** The one line for someone without a role, once. */
export const STRANGER_LINE =
  'Ik werk alleen in de teamgroepen van het Mini-Maatwerk Budget. Stel je vraag in je teamgroep.';

/** A request or a vote typed in a private chat. */
export const IN_THE_GROUP =
  'Aanvragen en stemmen horen in de teamgroep, niet in dit gesprek. Typ /help voor wat ik hier kan.';

/** Anything but a command typed in a private chat. */
export const ONLY_COMMANDS = 'Typ /help om te zien welke overzichten je hier kunt opvragen.';

/** A command of the team groups (or none at all) typed in a private chat. */
export const NOT_HERE = 'Dat commando werkt niet in dit gesprek. Typ /help voor wat ik hier kan.';

/** Asked for household codes in a private chat: they stay in the team group. */
export const HOUSEHOLDS =
  'Huishoudcodes gaan nooit mee in een privégesprek: ze blijven in de teamgroep. ' +
  "Typ /export zonder 'met huishoudens', of vraag een coördinator om het in de teamgroep te doen.";

/** Whether the arguments ask for household codes. */
export const asksForHouseholds = (args: string): boolean =>
  /huishoud|codes/.test(args.toLowerCase());

/** `Team Noord (noord), Team Zuid (zuid)` */
export const teamList = (teams: readonly Team[]): string =>
  teams.map((t) => `${t.name} (${t.id})`).join(', ');

type Chosen = { teams: readonly Team[]; rest: string } | { refusal: string };

/** Reads the team word at the start (`noord`, `Team Noord`, `alle`), or none: all their teams. */
export function chooseTeams(ctx: PrivateCommandContext, args: string): Chosen {
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
export const unknownWord = (ctx: PrivateCommandContext, rest: string): string =>
  `Dat begrijp ik niet: "${rest.split(/\s+/)[0]}" is geen team van jou en geen ronde of jaar. Jouw teams: ${teamList(ctx.teams)}. Typ /help voor voorbeelden.`;

/**
 * The reply that carries overviews as files (an export job, rendered after the commit): one team,
 * or all of them in one file with the totals first. `byRound` names the files after the round.
 */
export function filesReply(overviews: readonly Overview[], byRound: boolean, title: string): Reply {
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
