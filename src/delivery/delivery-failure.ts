import { inWriteTransaction } from '../store/database.ts';
import type { Statements } from '../store/statements.ts';
import { markAttemptFailed } from './outbox.ts';
import { backoffMs } from './port/backoff.ts';
import { DeliveryError } from './port/delivery-error.ts';
import type { OutboxMessage } from './port/outbox-message.ts';

/** After this many counted attempts a message is given up (`mmb outbox` shows it). */
export const MAX_ATTEMPTS = 25;
/** The longest wait between two attempts at one message. */
export const MAX_BACKOFF_MS = 10 * 60_000;

/** What became of a failed delivery, as written to its outbox row. */
export interface FailedDelivery {
  /** Attempts after this one (a `waiting` refusal is no attempt). */
  attempts: number;
  /** Whether the refusal counted as an attempt (`waiting` does not). */
  counted: boolean;
  /** Given up for good: `failed_at` is set. */
  giveUp: boolean;
  /** When it may be tried again (null when given up). */
  retryAt: Date | null;
  /** The error's name, for the row and the log (never the message text). */
  error: string;
}

/**
 * Records a failed delivery on its outbox row, in its own write transaction, the same way for
 * every delivery implementation: `waiting` (paced, not connected) is no attempt and never gives a
 * message up; `permanent`, or the 25th attempt, gives it up; otherwise it is tried again after
 * `retryAfterMs` or the back-off.
 *
 * @example
 * recordFailedDelivery(sql, message, new DeliveryError('429', { retryAfterMs: 5000 }), now)
 * // { attempts: 1, counted: true, giveUp: false, retryAt: now + 5 s, error: 'DeliveryError' }
 */
export function recordFailedDelivery(
  sql: Statements,
  message: Pick<OutboxMessage, 'id' | 'attempts'>,
  error: unknown,
  now: Date,
): FailedDelivery {
  const options = error instanceof DeliveryError ? error.options : {};
  const counted = options.waiting !== true;
  const attempts = message.attempts + (counted ? 1 : 0);
  const giveUp = counted && (options.permanent === true || attempts >= MAX_ATTEMPTS);
  const backoff = options.retryAfterMs ?? backoffMs(Math.max(attempts, 1), MAX_BACKOFF_MS);
  const retryAt = giveUp ? null : new Date(now.getTime() + backoff);
  const name = error instanceof Error ? error.name : 'Error';
  inWriteTransaction(sql.db, () => markAttemptFailed(sql, message.id, name, retryAt, now, counted));
  return { attempts, counted, giveUp, retryAt, error: name };
}
