import { chatHeadRow, filesOf, waitingAfter } from '../store/outbox.ts';
import type { Statements } from '../store/statements.ts';
import { toMessage } from './outbox.ts';
import type { OutboxMessage } from './port/outbox-message.ts';

/** A waiting outbox row as a delivery queue knows it: which row, for which chat. */
export interface WaitingRow {
  id: number;
  chatId: string;
}

/** The oldest waiting message of a chat, and when it may be tried (its back-off). */
export interface ChatHead {
  message: OutboxMessage;
  nextAttemptAt: Date;
}

/**
 * The rows waiting to be delivered (neither sent nor given up) with an id above `afterId`,
 * oldest first: what a delivery queue still has to get a job for.
 *
 * @example
 * waitingRows(sql, 0)   // [{ id: 1, chatId: 'telegram:-1' }, { id: 2, chatId: 'telegram:-2' }]
 * waitingRows(sql, 1)   // [{ id: 2, chatId: 'telegram:-2' }]
 */
export function waitingRows(sql: Statements, afterId = 0): WaitingRow[] {
  return waitingAfter(sql, afterId).map((row) => ({ id: row.id, chatId: row.chat_id }));
}

/** The chat of an outbox row, or null when the row is gone (`chatOfRow(sql, 7) // 'telegram:-1'`). */
export { chatOfRow } from '../store/outbox.ts';

/**
 * The oldest message of `chatId` still waiting (the one that must go first), with its files and
 * when it may be tried; null when the chat owes nothing.
 *
 * @example
 * chatHead(sql, 'telegram:-1')?.message.id // 7
 */
export function chatHead(sql: Statements, chatId: string): ChatHead | null {
  const row = chatHeadRow(sql, chatId);
  if (!row) return null;
  return {
    message: toMessage(row, row.has_files ? filesOf(sql, row.id) : []),
    nextAttemptAt: new Date(row.next_attempt_at),
  };
}
