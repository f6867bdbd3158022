/**
 * What an adapter needs to show a request message as it stands now (to edit it in place, to
 * decide on vote buttons). The dispatcher computes it once per delivered message.
 *
 * @example
 * const view: RequestView = { number: 1, status: 'open', platformMessageId: '17',
 *   text: '📝 Aanvraag #1: € 33,00 grofvuil …\n\n#1: 2 van 3 ja · verloopt do 5 mrt 14:05.' };
 */
export interface RequestView {
  /** The request's number in its team (`#1`). */
  number: number;
  status: 'open' | 'approved' | 'expired' | 'cancelled';
  /** The platform's id of the message that announced the request, once delivered, else null. */
  platformMessageId: string | null;
  /** The whole text the request message should show now: the opening, then the tally or outcome. */
  text: string;
}
