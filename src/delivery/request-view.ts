import * as say from '../rules/replies.ts';
import { requestById, type BudgetRequest } from '../store/requests.ts';
import type { Statements } from '../store/statements.ts';
import { findTeam } from '../store/teams.ts';
import { tallyVotes, type Tally } from '../store/votes.ts';

/** What a platform needs to show a request message as it stands now (for editing it in place). */
export interface RequestView {
  request: BudgetRequest;
  tally: Tally;
  votesNeeded: number;
  /** The text the bot posted when the request opened (its 'request-opened' outbox message). */
  openedText: string | null;
  /** The platform's id of that message once it was delivered, else null. */
  platformMessageId: string | null;
  /** The whole text the request message should show now: the opening, then the tally or outcome. */
  text: string;
}

const OUTCOME: Record<Exclude<BudgetRequest['status'], 'open'>, string> = {
  approved: '✅ Toegekend',
  expired: '⌛ Verlopen',
  cancelled: '🚫 Geannuleerd',
};

/**
 * A request with its tally and the bot message that announced it. Pure read; null for an
 * unknown request id.
 *
 * @example
 * requestView(sql, 7)?.text
 * // '📝 Aanvraag #1: € 33,00 grofvuil …\n\n#1: 2 van 3 ja · verloopt do 5 mrt 14:05.'
 */
export function requestView(sql: Statements, requestId: number): RequestView | null {
  const request = requestById(sql, requestId);
  if (!request) return null;
  const team = findTeam(sql, request.teamId);
  const votesNeeded = team?.settings.votesNeeded ?? 3;
  const blockOnNee = team?.settings.blockOnNee ?? false;
  const opened = sql.get<{ text: string; platform_message_id: string | null }>(
    `SELECT text, platform_message_id FROM outbox
     WHERE request_id = ? AND purpose = 'request-opened' ORDER BY id LIMIT 1`,
    request.id,
  );
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
    request,
    tally,
    votesNeeded,
    openedText,
    platformMessageId: opened?.platform_message_id ?? null,
    text: `${head}\n\n${status}`,
  };
}
