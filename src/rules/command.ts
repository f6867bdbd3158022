import type { EventContext } from './context.ts';
import type { Reply } from '../delivery/outbox.ts';
import type { Period } from './periods.ts';
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

export type Command = TeamCommand | ChatCommand;

/** A plain reply. */
export const text = (value: string): Reply[] => [{ text: value }];
