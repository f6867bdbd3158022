import { findCommand } from '../../commands/index.ts';
import {
  IN_THE_GROUP,
  NOT_HERE,
  ONLY_COMMANDS,
  STRANGER_LINE,
  subscriptionReply,
} from '../../commands/private-chat.ts';
import type { IncomingMessage } from '../core/incoming.ts';
import type { Reply } from '../delivery/outbox.ts';
import { text, type PrivateCommandContext } from '../rules/command.ts';
import type { DueReply } from '../rules/due-reply.ts';
import { visibleTeamsOf } from '../rules/team-access.ts';
import { storedOverview } from '../overview/overview-store.ts';
import { wroteBefore } from '../store/inbox-senders.ts';
import type { Statements } from '../store/statements.ts';
import { parseMessage } from '../text/parse-message.ts';
import { listSubscriptions, recordSent, unsentRounds } from '../store/subscriptions.ts';
import { listTeams, rememberMember, type Team } from '../store/teams.ts';

/** Who may talk in a private chat: the named ids of the configuration. */
export interface PrivateChatRoles {
  admins: ReadonlySet<string>;
  /** Municipality-wide communicatieadviseurs (the teams file's `advisers`): every team. */
  advisers: ReadonlySet<string>;
  /** Where the monitor web page is (MMB_PUBLIC_URL), or null: `/web` says it is off. */
  webBaseUrl?: string | null;
}

/**
 * The teams someone may see in their private chat with the bot, and why (the one rule of
 * `visibleTeamsOf`, which the monitor shares), with every team beside it.
 */
export function visibleTeams(
  sql: Statements,
  senderId: string,
  roles: PrivateChatRoles,
): { teams: Team[]; all: Team[]; role: string } {
  const all = listTeams(sql);
  return { ...visibleTeamsOf(sql, senderId, roles, all), all };
}

/**
 * A message in the private chat of its sender with the bot (in the event's transaction, after its
 * inbox record). Someone with a role gets the private-chat commands; anyone else gets one short
 * line that the bot works in the team groups, once: the inbox, which dedupe keeps anyway, tells
 * whether they wrote here before. Nothing else is stored about them (not even their name).
 */
export function onPrivateMessage(
  sql: Statements,
  message: IncomingMessage,
  roles: PrivateChatRoles,
  eventKey: string,
): Reply[] {
  const { teams, all, role } = visibleTeams(sql, message.senderId, roles);
  if (teams.length === 0) {
    if (message.edited) return [];
    return wroteBefore(sql, message.chatId, message.senderId, eventKey)
      ? []
      : [{ text: STRANGER_LINE }];
  }
  rememberMember(sql, message.senderId, message.senderName, message.at);
  if (message.edited) return [];
  return privateReplies(
    {
      sql,
      at: message.at,
      senderId: message.senderId,
      chatId: message.chatId,
      teams,
      allTeams: all,
      role,
      webBaseUrl: roles.webBaseUrl ?? null,
    },
    message.text,
  );
}

/**
 * Answers a message in the private chat of someone with a role (adviser, coordinator) as the
 * group chats are answered: a typed command runs the registry's command of that name with scope
 * 'private' (commands/index.ts), which shows the overviews of their teams, never household codes.
 * Requests and votes get a hint that they belong in the team group.
 *
 * @example
 * privateReplies(ctx, '/teams') // [{ text: 'Je bent communicatieadviseur. Je kunt deze teams zien: …' }]
 */
export function privateReplies(ctx: PrivateCommandContext, message: string): Reply[] {
  const parsed = parseMessage(message);
  if (parsed.kind === 'request' || parsed.kind === 'request-problem' || parsed.kind === 'vote')
    return text(IN_THE_GROUP);
  if (parsed.kind !== 'command') return text(ONLY_COMMANDS);
  const command = findCommand(parsed.name, 'private');
  if (!command) return text(NOT_HERE);
  return command.run(ctx, parsed.args);
}

/**
 * What a subscription owes next: the rounds of the subscriber's teams posted at the earliest
 * posting moment not sent to them yet. Teams whose slots fall at the same moment (the same start
 * date) come in one file with a totals page first; a team with another start date comes at its
 * own slot. Null when nothing is owed.
 */
export function nextSubscriptionDue(
  sql: Statements,
  roles: PrivateChatRoles,
): { at: Date; run: (at: Date) => DueReply[] } | null {
  let best: Date | null = null;
  for (const subscription of listSubscriptions(sql)) {
    const { teams } = visibleTeams(sql, subscription.memberId, roles);
    const first = unsentRounds(
      sql,
      subscription,
      teams.map((t) => t.id),
    )[0];
    if (first && (!best || first.madeAt < best)) best = first.madeAt;
  }
  if (!best) return null;
  return { at: best, run: (at) => sendSubscriptions(sql, roles, at) };
}

/** Queues, for each subscriber, the rounds posted at `at` not sent to them yet, and records them. */
function sendSubscriptions(sql: Statements, roles: PrivateChatRoles, at: Date): DueReply[] {
  const due: DueReply[] = [];
  for (const subscription of listSubscriptions(sql)) {
    const { teams } = visibleTeams(sql, subscription.memberId, roles);
    const rounds = unsentRounds(
      sql,
      subscription,
      teams.map((t) => t.id),
    ).filter((round) => round.madeAt.getTime() === at.getTime());
    const overviews = rounds.flatMap((round) => {
      const overview = storedOverview(sql, round.teamId, round.cycle);
      return overview ? [overview] : [];
    });
    for (const round of rounds)
      recordSent(sql, subscription.memberId, round.teamId, round.cycle, at);
    if (overviews.length === 0) continue;
    due.push({ chatId: subscription.chatId, reply: subscriptionReply(overviews) });
  }
  return due;
}
