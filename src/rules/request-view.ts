import * as say from './replies.ts';
import type { RequestView } from '../delivery/port/request-view.ts';
import { openedMessage } from '../store/outbox.ts';
import { requestById, type BudgetRequest } from '../store/requests.ts';
import type { Statements } from '../store/statements.ts';
import { findTeam } from '../store/teams.ts';
import { tallyVotes, type Tally } from '../store/votes.ts';

/**
 * A request message as it stands now: what an adapter gets (RequestView: to edit it in place),
 * and the request and its tally behind it.
 */
export interface RequestState extends RequestView {
  request: BudgetRequest;
  tally: Tally;
  votesNeeded: number;
  /** The text the bot posted when the request opened (its 'request-opened' outbox message). */
  openedText: string | null;
}

const OUTCOME: Record<Exclude<BudgetRequest['status'], 'open'>, string> = {
  approved: '✅ Toegekend',
  expired: '⌛ Verlopen',
  cancelled: '🚫 Geannuleerd',
};

/**
 * A request with its tally and the bot message that announced it. Pure read; null for an
 * unknown request id. The dispatcher hands it to the adapters with each message about a request.
 *
 * @example
 * requestView(sql, 7)?.text
 * // '📝 Aanvraag #1: € 33,00 grofvuil …\n\n#1: 2 van 3 ja · verloopt do 5 mrt 14:05.'
 */
export function requestView(sql: Statements, requestId: number): RequestState | null {
  const request = requestById(sql, requestId);
  if (!request) return null;
  const team = findTeam(sql, request.teamId);
  const votesNeeded = team?.settings.votesNeeded ?? 3;
  const blockOnNee = team?.settings.blockOnNee ?? false;
  const opened = openedMessage(sql, request.id);
  const tally = tallyVotes(sql, request);
  const yes = tally.yes.length;
  const no = tally.no.length;
  const status =
    request.status === 'open'
      ? say.tallyLine(request, yes, no, votesNeeded, blockOnNee)
      : `${OUTCOME[request.status]} · ${yes} van ${votesNeeded} ja${no > 0 ? ` · ${no} nee` : ''}.`;
  // A text blanked by the retention purge (src/store/retention.ts) is told again from the request.
  const openedText = opened?.text ? opened.text : null;
  const head = openedText ?? say.requestOpened(request, votesNeeded);
  return {
    number: request.number,
    status: request.status,
    request,
    tally,
    votesNeeded,
    openedText,
    platformMessageId: opened?.platform_message_id ?? null,
    text: `${head}\n\n${status}`,
  };
}
