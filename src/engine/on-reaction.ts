import type { EventContext } from '../rules/context.ts';
import type { IncomingButton, IncomingReaction } from '../core/incoming.ts';
import type { Reply } from '../delivery/outbox.ts';
import { voteFromReaction } from '../text/parse-vote.ts';
import { castVote, withdrawReactionVote, type VoteResult } from '../rules/request-flow.ts';
import { requestByNumber, requestForMessage } from '../store/requests.ts';

/** A reaction on a request message: 👍 is ja, 👎 is nee, taking it off withdraws the vote. */
export function onReaction(ctx: EventContext, reaction: IncomingReaction): Reply[] {
  const request = requestForMessage(ctx.sql, ctx.chatId, reaction.targetMessageId);
  if (!request) return [];
  if (reaction.emoji === null) return withdrawReactionVote(ctx, request);
  const vote = voteFromReaction(reaction.emoji);
  return vote ? castVote(ctx, request, vote, 'reaction').replies : [];
}

const TOAST: Record<VoteResult, string> = {
  counted: 'Je stem is geteld.',
  changed: 'Je stem is gewijzigd.',
  same: 'Je had al zo gestemd.',
  approved: 'Je stem is geteld: de aanvraag is toegekend ✅',
  'own-request': 'Je eigen stem telt niet mee bij je eigen aanvraag.',
  decided: 'Over deze aanvraag is al beslist.',
  'too-late': 'De stemtijd is voorbij.',
  older: 'Je had daarna al anders gestemd.',
  pending: 'Je stem is bewaard: hij telt mee zodra bekend is wie je bent.',
};

/** A vote button pressed: the replies for the chat, and a short answer for the one who pressed. */
export function onButton(
  ctx: EventContext,
  button: IncomingButton,
): { replies: Reply[]; toast: string } {
  const request = requestByNumber(ctx.sql, ctx.team.id, button.requestNumber);
  if (!request)
    return { replies: [], toast: `Aanvraag #${button.requestNumber} bestaat niet (meer).` };
  const { result, replies } = castVote(ctx, request, button.vote, 'button');
  return { replies, toast: TOAST[result] };
}
