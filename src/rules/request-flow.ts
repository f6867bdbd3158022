import { roomFor } from '../store/budget.ts';
import type { EventContext } from './context.ts';
import { balanceOf, book } from '../store/ledger.ts';
import { MAX_AMOUNT_CENTS } from '../text/money.ts';
import type { Reply } from '../delivery/outbox.ts';
import type { VoteValue } from '../text/parse-vote.ts';
import { isClosedPeriod } from './period-opening.ts';
import type { Period } from './periods.ts';
import * as say from './replies.ts';
import { decideRequest, insertRequest, type BudgetRequest } from '../store/requests.ts';
import type { Statements } from '../store/statements.ts';
import { findTeam } from '../store/teams.ts';
import { putVote, tallyVotes, withdrawVote, type Tally, type VoteSource } from '../store/votes.ts';

/** A request as parsed from a message. */
export interface RequestDraft {
  amountCents: number;
  household: string;
  description: string;
  preventedCents: number | null;
  preventedText: string | null;
}

/**
 * Opens a request if the pot and the household cap allow it (docs/rules.md rules 3 and 4); otherwise
 * one refusal that says why and how much is still possible. A request typed in a period that has
 * closed since (it arrived late) is refused: it is to be posted again (rule 13).
 */
export function openRequest(ctx: EventContext, period: Period, draft: RequestDraft): Reply[] {
  const { settings } = ctx.team;
  if (isClosedPeriod(ctx.sql, ctx.team.id, period.start))
    return [{ text: say.closedPeriod.request(ctx.at, period) }];
  if (draft.amountCents > MAX_AMOUNT_CENTS)
    return [{ text: say.refuse.tooLarge(settings.householdCapCents) }];
  const room = roomFor(ctx.sql, ctx.team, draft.household, period.start, draft.amountCents);
  if (!room.fits) {
    const text =
      room.limit === 'household'
        ? say.refuse.overCap(draft.household, room.leftCents, room.capCents)
        : say.refuse.overPot(draft.amountCents, room.leftCents);
    return [{ text }];
  }
  const deadlineAt = new Date(ctx.at.getTime() + settings.voteWindowMs);
  const remindMs = deadlineAt.getTime() - settings.reminderBeforeMs;
  const request = insertRequest(ctx.sql, {
    teamId: ctx.team.id,
    chatId: ctx.chatId,
    messageId: ctx.messageId ?? `at:${ctx.at.getTime()}`,
    requesterId: ctx.senderId,
    household: draft.household,
    amountCents: draft.amountCents,
    description: draft.description,
    preventedCents: draft.preventedCents,
    preventedText: draft.preventedText,
    periodStart: period.start,
    createdAt: ctx.at,
    deadlineAt,
    remindAt:
      settings.reminderBeforeMs > 0 && remindMs > ctx.at.getTime() ? new Date(remindMs) : null,
  });
  return [
    {
      text: say.requestOpened(request, settings.votesNeeded),
      requestId: request.id,
      purpose: 'request-opened',
    },
  ];
}

/** How a vote turned out, for a short answer where the platform has one (a button's toast). */
export type VoteResult =
  | 'counted'
  | 'changed'
  | 'same'
  | 'approved'
  | 'own-request'
  | 'decided'
  | 'too-late'
  | 'older'
  | 'pending';

/** A vote that does not count: why, and (unless it came quietly, a reaction or button) a reply. */
const refusal = (
  quiet: boolean,
  request: BudgetRequest,
  result: VoteResult,
  text: string,
): { result: VoteResult; replies: Reply[] } => ({
  result,
  replies: quiet ? [] : [{ text, requestId: request.id }],
});

/**
 * Records a vote and approves the request the moment it has enough "ja" (docs/rules.md rules 5 and 6).
 * Text votes get an answer in the chat; reactions and buttons only when something happens.
 */
export function castVote(
  ctx: EventContext,
  request: BudgetRequest,
  value: VoteValue,
  source: VoteSource,
): { result: VoteResult; replies: Reply[] } {
  if (request.teamId !== ctx.team.id) {
    // The chat was linked to another team since: the request keeps its own team's pot and rules.
    return castVote({ ...ctx, team: findTeam(ctx.sql, request.teamId)! }, request, value, source);
  }
  const quiet = source === 'reaction' || source === 'button';
  if (request.status !== 'open')
    return refusal(quiet, request, 'decided', say.refuse.decided(request));
  if (ctx.at.getTime() >= request.deadlineAt.getTime())
    return refusal(quiet, request, 'too-late', say.refuse.tooLate(request));
  if (ctx.senderId === request.requesterId)
    return refusal(quiet, request, 'own-request', say.refuse.ownVote(request));
  if (ctx.at.getTime() < request.createdAt.getTime()) return { result: 'older', replies: [] }; // typed before it existed
  if (ctx.senderPending) {
    // Who this is is not known yet (rule 15): kept apart, counted once they are (mergeMember).
    putVote(ctx.sql, request.id, ctx.senderId, value, ctx.at, source, true);
    return refusal(quiet, request, 'pending', say.votePending(request));
  }
  const change = putVote(ctx.sql, request.id, ctx.senderId, value, ctx.at, source);
  const { approval, tally } = approveIfReady(ctx, request);
  if (approval) return { result: 'approved', replies: approval };
  if (change === 'same') return { result: 'same', replies: [] };
  const { settings } = ctx.team;
  const text = say.tallyLine(
    request,
    tally.yes.length,
    tally.no.length,
    settings.votesNeeded,
    settings.blockOnNee,
  );
  return {
    result: change === 'new' ? 'counted' : 'changed',
    replies: [{ text, requestId: request.id, purpose: 'tally' }],
  };
}

/**
 * Judges a request again once votes that waited for their member's identity count (docs/rules.md rule
 * 15, after `mergeMember`): approves it when they bring it to enough "ja" before its deadline.
 * Returns the approval's replies, or none.
 *
 * @example
 * countWaitingVotes(sql, requestById(sql, 7)!, clock.now()) // [{ text: '✅ *Aanvraag #7* is toegekend…' }]
 */
export function countWaitingVotes(sql: Statements, request: BudgetRequest, at: Date): Reply[] {
  if (request.status !== 'open' || at.getTime() >= request.deadlineAt.getTime()) return [];
  const team = findTeam(sql, request.teamId);
  if (!team) return [];
  const ctx: EventContext = {
    sql,
    team,
    chatId: request.chatId,
    senderId: request.requesterId,
    messageId: null,
    replyTo: null,
    at,
    isAdmin: false,
    isCoordinator: false,
    isAdviser: false,
  };
  return approveIfReady(ctx, request).approval ?? [];
}

/**
 * Takes back a vote made by a reaction (the reaction was removed). A vote typed or pressed
 * later stays. Taking back a blocking "nee" may let the request through.
 */
export function withdrawReactionVote(ctx: EventContext, request: BudgetRequest): Reply[] {
  if (request.teamId !== ctx.team.id) {
    return withdrawReactionVote({ ...ctx, team: findTeam(ctx.sql, request.teamId)! }, request);
  }
  if (request.status !== 'open' || ctx.at.getTime() >= request.deadlineAt.getTime()) return [];
  if (!withdrawVote(ctx.sql, request.id, ctx.senderId, 'reaction', ctx.senderPending)) return [];
  return approveIfReady(ctx, request).approval ?? [];
}

/**
 * Approves a request that has enough "ja" now: debits the ledger once and confirms. Returns the
 * tally it judged on too (counted once per vote), and null replies when it did not approve.
 */
function approveIfReady(
  ctx: EventContext,
  request: BudgetRequest,
): { approval: Reply[] | null; tally: Tally } {
  const { settings } = ctx.team;
  const tally = tallyVotes(ctx.sql, request);
  const no = { approval: null, tally };
  if (tally.yes.length < settings.votesNeeded) return no;
  if (settings.blockOnNee && tally.no.length > 0) return no;
  if (!decideRequest(ctx.sql, request.id, 'approved', ctx.at, null)) return no;
  book(ctx.sql, {
    teamId: ctx.team.id,
    kind: 'grant',
    amountCents: -request.amountCents,
    requestId: request.id,
    periodStart: request.periodStart,
    at: ctx.at,
    by: null,
    note: null,
  });
  // What decideRequest wrote, without reading the row back.
  const approved: BudgetRequest = {
    ...request,
    status: 'approved',
    decidedAt: ctx.at,
    decidedBy: null,
  };
  return {
    approval: [
      {
        text: say.requestApproved(approved, balanceOf(ctx.sql, ctx.team.id)),
        requestId: request.id,
        purpose: 'approved',
      },
    ],
    tally,
  };
}
