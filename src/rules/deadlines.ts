import type { DueReply } from './due-reply.ts';
import { endWithoutGrant } from './end-request.ts';
import * as say from './replies.ts';
import { markReminded, requestById } from '../store/requests.ts';
import type { Statements } from '../store/statements.ts';
import { findTeam } from '../store/teams.ts';
import { tallyVotes } from '../store/votes.ts';

/** Expires a request whose vote window has closed and releases its reservation (docs/rules.md rule 7). */
export function expireRequest(sql: Statements, requestId: number, at: Date): DueReply[] {
  const request = requestById(sql, requestId);
  if (!request || request.status !== 'open') return [];
  const team = findTeam(sql, request.teamId)!;
  return [
    {
      chatId: request.chatId,
      reply: endWithoutGrant(sql, team, request, { status: 'expired', at }),
    },
  ];
}

/** Sends the reminder before the deadline when votes are still missing (docs/rules.md rule 7). */
export function remindRequest(sql: Statements, requestId: number, at: Date): DueReply[] {
  const request = requestById(sql, requestId);
  // Read again inside the write transaction: another process may have reminded it meanwhile.
  if (!request || request.status !== 'open' || request.remindedAt !== null) return [];
  markReminded(sql, request.id, at);
  const team = findTeam(sql, request.teamId)!;
  const tally = tallyVotes(sql, request);
  const missing = team.settings.votesNeeded - tally.yes.length;
  if (missing <= 0) return []; // enough "ja", held back by a standing "nee"
  return [
    {
      chatId: request.chatId,
      reply: {
        text: say.requestReminder(request, missing),
        requestId: request.id,
        purpose: 'reminder',
      },
    },
  ];
}
