import type { EventContext } from './context.ts';
import type { Reply } from '../delivery/outbox.ts';
import type { Period } from './periods.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';

/**
 * Who may use a command: every member; coordinators (and administrators); advisers, that is
 * communicatieadviseurs, coordinators and administrators; or administrators only.
 */
export type Role = 'member' | 'coordinator' | 'adviser' | 'admin';

/**
 * Whether someone with these roles may use a command of `role`.
 *
 * @example
 * mayUse('adviser', { isAdmin: false, isCoordinator: true, isAdviser: false }) // true
 */
export function mayUse(
  role: Role,
  who: { isAdmin: boolean; isCoordinator: boolean; isAdviser: boolean },
): boolean {
  if (role === 'member' || who.isAdmin) return true;
  if (role === 'coordinator') return who.isCoordinator;
  if (role === 'adviser') return who.isCoordinator || who.isAdviser;
  return false;
}

/** What a command gets: the event, its team's current period, and the administrators. */
export interface CommandContext extends EventContext {
  period: Period;
  admins: ReadonlySet<string>;
}

/** What a command that also works in an unlinked chat gets: the team may be missing. */
export interface ChatCommandContext extends Omit<CommandContext, 'team' | 'period'> {
  team: Team | null;
}

interface CommandInfo {
  /** The name typed after the slash, lower case. */
  name: string;
  aliases?: readonly string[];
  /** How to type it, for /help: `/annuleer <nr>`. */
  usage: string;
  /** One short Dutch line for /help and the platforms' command menus. */
  summary: string;
  role: Role;
  /** What the refusal says a coordinator or administrator can do: "geld storten". */
  task?: string;
  /** Not a line of its own in /help (another command's line names it: /opzeggen). */
  listed?: false;
}

/** A command that works inside a team's chat. Returns its replies; never touches a platform. */
export interface TeamCommand extends CommandInfo {
  scope: 'team';
  run(ctx: CommandContext, args: string): Reply[];
}

/** A command that also works in a chat that is not linked yet (/koppel). */
export interface ChatCommand extends CommandInfo {
  scope: 'chat';
  run(ctx: ChatCommandContext, args: string): Reply[];
}

/** Who talks in their private chat with the bot, and which teams they may see. */
export interface PrivateCommandContext {
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

/**
 * A command in someone's private chat with the bot. Only who sees a team there gets it (an
 * administrator, an adviser or a coordinator: src/engine/private-chat.ts); it never shows
 * household codes, which stay in the team group.
 */
export interface PrivateCommand extends CommandInfo {
  scope: 'private';
  role: 'adviser';
  run(ctx: PrivateCommandContext, args: string): Reply[];
}

/** A command of the team groups: in a linked chat, or also in one not linked yet. */
export type GroupCommand = TeamCommand | ChatCommand;

export type Command = GroupCommand | PrivateCommand;

/** Where a message is typed: in a group chat, or in someone's private chat with the bot. */
export type Place = 'group' | 'private';

/** Where a command works. */
export const placeOf = (command: Command): Place =>
  command.scope === 'private' ? 'private' : 'group';

/** A plain reply. */
export const text = (value: string): Reply[] => [{ text: value }];
