import { inWriteTransaction } from '../store/database.ts';
import { enqueue } from './outbox.ts';
import { holdsPurpose } from '../store/outbox.ts';
import type { NoticePurpose } from './port/reply-purpose.ts';
import type { Statements } from '../store/statements.ts';

/**
 * Queues a notice for a chat once: nothing happens when the outbox already holds (or held) a
 * message with the same purpose for that chat, so the notice survives restarts without repeating.
 * Runs in its own write transaction. Returns whether it queued the notice.
 *
 * @example
 * enqueueNoticeOnce(sql, 'telegram:-1001', 'privacy-mode', 'Maak mij beheerder …', new Date()) // true
 * enqueueNoticeOnce(sql, 'telegram:-1001', 'privacy-mode', 'Maak mij beheerder …', new Date()) // false
 */
export function enqueueNoticeOnce(
  sql: Statements,
  chatId: string,
  purpose: NoticePurpose,
  text: string,
  at: Date,
): boolean {
  return inWriteTransaction(sql.db, () => {
    if (holdsPurpose(sql, chatId, purpose)) return false;
    enqueue(sql, chatId, { text, purpose }, at);
    return true;
  });
}
