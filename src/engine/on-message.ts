import { findCommand } from '../../commands/index.ts';
import { cleanText } from '../text/clean-text.ts';
import { mayUse, type CommandContext } from '../rules/command.ts';
import type { EventContext } from '../rules/context.ts';
import type { IncomingMessage } from '../core/incoming.ts';
import type { Reply } from '../delivery/outbox.ts';
import { parseMessage, type ParsedMessage } from '../text/parse-message.ts';
import { parseVoteWithReason } from '../text/parse-vote.ts';
import type { Period } from '../rules/periods.ts';
import { describeKinds, maskPersonalData } from '../text/privacy/index.ts';
import * as say from '../rules/replies.ts';
import { openRequest, castVote } from '../rules/request-flow.ts';
import { openRequestsInChat, requestByNumber, requestForMessage } from '../store/requests.ts';
import { knownMemberName, listCoordinators } from '../store/teams.ts';
import { startOfLocalDate } from '../text/time.ts';
import { codeFormatOf } from '../text/household.ts';

const problemText = (
  { problem, seen = [] }: Extract<ParsedMessage, { kind: 'request-problem' }>,
  capCents: number,
): string => {
  switch (problem) {
    case 'no-household':
      return say.refuse.noHousehold();
    case 'household-is-name':
      return say.refuse.householdIsName();
    case 'household-format':
      return say.refuse.householdFormat();
    case 'estimate':
      return say.refuse.estimate(seen[0] ?? '');
    case 'question':
      return say.refuse.questionHint();
    case 'past-report':
      return say.refuse.pastHint();
    case 'no-amount':
      return say.refuse.noAmount();
    case 'zero':
      return say.refuse.zeroAmount();
    case 'too-large':
      return say.refuse.tooLarge(capCents);
    case 'unreadable':
      return say.refuse.unreadableAmount();
    case 'negative':
      return say.refuse.negativeAmount(seen[0] ?? '-');
    case 'ambiguous-amount':
      return say.refuse.ambiguousAmount(seen[0] ?? '');
    case 'two-amounts':
      return say.refuse.twoAmounts(seen);
    case 'two-households':
      return say.refuse.twoHouseholds(seen);
    case 'ambiguous-household':
      return say.refuse.ambiguousHousehold(seen[0] ?? '');
  }
};

/**
 * Handles a message in a linked chat: the privacy warning first, then a command, a request,
 * a vote, or nothing at all for ordinary chatter.
 *
 * The raw text is only read here: cleaned (cleanText, the cleaning the parser uses too) and
 * then masked. Everything after that (the parser, the stored description, every reply) sees
 * only the cleaned, masked text.
 */
export function onMessage(
  ctx: EventContext,
  period: Period | null,
  message: IncomingMessage,
  admins: ReadonlySet<string>,
): Reply[] {
  const masked = maskPersonalData(cleanText(message.text), ctx.at);
  if (message.edited) return onEdit(ctx, masked.text);
  const replies: Reply[] = [];
  if (masked.kinds.length > 0) {
    replies.push({ text: say.privacyWarning(describeKinds(masked.kinds)), purpose: 'privacy' });
  }
  const parsed = parseMessage(masked.text, { codeFormat: codeFormatOf(ctx.team.settings) });
  // A bot's message is never a request, a vote or a command; a forwarded one never a request or
  // a vote: it is someone else's, sent again (docs/rules.md rule 16).
  if (message.fromBot) return [];
  if (message.forwarded) {
    const asks = parsed.kind === 'request' || parsed.kind === 'request-problem';
    return asks ? [...replies, { text: say.forwardedIgnored() }] : replies;
  }
  switch (parsed.kind) {
    case 'command':
      return [...replies, ...runCommand(ctx, period, parsed.name, parsed.args, admins)];
    case 'request':
      return [...replies, ...(period ? openRequest(ctx, period, parsed) : beforeStart(ctx))];
    case 'request-problem':
      return [...replies, { text: problemText(parsed, ctx.team.settings.householdCapCents) }];
    case 'vote':
      return [...replies, ...onVote(ctx, parsed.vote, parsed.requestNumber)];
    case 'vote-unclear':
      return [...replies, ...onUnclearVote(ctx, parsed.requestNumber)];
    case 'chatter':
      return [...replies, ...onAnswer(ctx, masked.text)];
  }
}

/** The refusal of a request or command before the team's budget starts. */
function beforeStart(ctx: EventContext): Reply[] {
  return [{ text: say.refuse.beforeStart(startOfLocalDate(ctx.team.settings.startDate)) }];
}

/**
 * An edited message changes nothing. The member hears so once (the inbox keeps one edit per
 * message) when the message was a request or its new text would be one, or a vote; other edits
 * (chatter) get no answer.
 */
function onEdit(ctx: EventContext, text: string): Reply[] {
  const wasRequest =
    ctx.messageId !== null && requestForMessage(ctx.sql, ctx.chatId, ctx.messageId);
  const parsed = parseMessage(text, { codeFormat: codeFormatOf(ctx.team.settings) });
  const kind = parsed.kind;
  // A question or a report of the past was never a request (rule 16): its edit needs no answer.
  const notRequest =
    kind === 'request-problem' &&
    (parsed.problem === 'question' || parsed.problem === 'past-report');
  const matters =
    wasRequest ||
    kind === 'request' ||
    (kind === 'request-problem' && !notRequest) ||
    kind === 'vote' ||
    kind === 'vote-unclear';
  return matters ? [{ text: say.editIgnored() }] : [];
}

/** A reply to a request that starts with a vote and gives a reason (`nee, te duur`) is a vote. */
function onAnswer(ctx: EventContext, text: string): Reply[] {
  if (!ctx.replyTo) return [];
  const request = requestForMessage(ctx.sql, ctx.chatId, ctx.replyTo);
  if (!request) return [];
  const answer = parseVoteWithReason(text);
  if (!answer || (answer.requestNumber !== null && answer.requestNumber !== request.number))
    return [];
  return castVote(ctx, request, answer.vote, 'reply').replies;
}

/**
 * A vote taken back in the same message (rule 5) counts for nothing. The bot asks which vote is
 * meant when there is a request to vote on: the one named, the one replied to, or the only
 * open one in the chat; otherwise it stays quiet (a "ja nee" in conversation).
 */
function onUnclearVote(ctx: EventContext, number: number | null): Reply[] {
  if (number !== null) return [{ text: say.refuse.voteUnclear(number) }];
  if (ctx.replyTo) {
    const request = requestForMessage(ctx.sql, ctx.chatId, ctx.replyTo);
    return request ? [{ text: say.refuse.voteUnclear(request.number) }] : [];
  }
  const open = openRequestsInChat(ctx.sql, ctx.chatId);
  if (open.length === 0) return [];
  return [{ text: say.refuse.voteUnclear(open.length === 1 ? open[0]!.number : null) }];
}

function onVote(ctx: EventContext, vote: 'ja' | 'nee', number: number | null): Reply[] {
  if (number !== null) {
    const request = requestByNumber(ctx.sql, ctx.team.id, number);
    if (!request) return [{ text: say.refuse.unknownRequest(number) }];
    return castVote(ctx, request, vote, 'number').replies;
  }
  if (ctx.replyTo) {
    const request = requestForMessage(ctx.sql, ctx.chatId, ctx.replyTo);
    return request ? castVote(ctx, request, vote, 'reply').replies : []; // "ja" to something else
  }
  const open = openRequestsInChat(ctx.sql, ctx.chatId);
  if (open.length === 1) return castVote(ctx, open[0]!, vote, 'alone').replies;
  if (open.length > 1) return [{ text: say.refuse.whichRequest(open.map((r) => r.number)) }];
  return [];
}

function runCommand(
  ctx: EventContext,
  period: Period | null,
  name: string,
  args: string,
  admins: ReadonlySet<string>,
): Reply[] {
  const command = findCommand(name, 'group');
  if (!command) return [{ text: say.refuse.unknownCommand() }];
  if (!mayUse(command.role, ctx)) {
    if (command.role === 'admin') return [{ text: say.refuse.adminsOnly(command.task ?? 'dat') }];
    const ids = listCoordinators(ctx.sql, ctx.team.id);
    const known = ids.map((id) => knownMemberName(ctx.sql, id)).filter((name) => name !== null);
    const names = ids.length > 0 && known.length === 0 ? null : known;
    const task = command.task ?? 'dat';
    return [
      {
        text:
          command.role === 'adviser'
            ? say.refuse.advisersOnly(task, names)
            : say.refuse.coordinatorsOnly(task, names),
      },
    ];
  }
  if (command.scope === 'chat') return command.run({ ...ctx, admins }, args);
  if (!period) return beforeStart(ctx);
  const commandContext: CommandContext = { ...ctx, period, admins };
  return command.run(commandContext, args);
}
