/**
 * What kind of message an outbox reply is, so an adapter can render each kind its own way (vote
 * buttons under a new request, a tally edited in place). Stored as TEXT in `outbox.purpose`. A
 * new kind added here makes every adapter's exhaustive `switch` fail to compile until it decides
 * what to do with it.
 *
 * @example
 * const purpose: ReplyPurpose = 'request-opened';
 */
export type ReplyPurpose =
  /** An ordinary answer (a command's, a hint). */
  | 'reply'
  /** The privacy warning after a message with personal data. */
  | 'privacy'
  /** A new request: the message the votes go under. */
  | 'request-opened'
  /** A vote changed the count of an open request. */
  | 'tally'
  /** A request reached its votes and was granted. */
  | 'approved'
  /** A request's deadline passed. */
  | 'expired'
  /** A request was cancelled (/annuleer). */
  | 'cancelled'
  /** A request's deadline is near. */
  | 'reminder'
  /** A new budget period opened. */
  | 'period'
  /** The six-weekly overview. */
  | 'overview'
  /** An export, with its files. */
  | 'export'
  /** The once-per-chat notice that privacy mode hides messages from the bot (Telegram). */
  | 'privacy-mode';

/** Every purpose, in the order of the union. */
export const REPLY_PURPOSES: readonly ReplyPurpose[] = [
  'reply',
  'privacy',
  'request-opened',
  'tally',
  'approved',
  'expired',
  'cancelled',
  'reminder',
  'period',
  'overview',
  'export',
  'privacy-mode',
];

/**
 * The purposes of one-off notices (`AdapterHost.noticeOnce`): queued once per chat, ever. The
 * outbox keeps an index of these alone (migration 012), so a new one is added there too.
 */
export type NoticePurpose = Extract<ReplyPurpose, 'privacy-mode'>;

const KNOWN = new Set<string>(REPLY_PURPOSES);

/**
 * The purpose read back from the outbox; a text this version does not know is an ordinary reply.
 *
 * @example
 * toReplyPurpose('tally')   // 'tally'
 * toReplyPurpose('unknown') // 'reply'
 */
export function toReplyPurpose(stored: string): ReplyPurpose {
  return KNOWN.has(stored) ? (stored as ReplyPurpose) : 'reply';
}
