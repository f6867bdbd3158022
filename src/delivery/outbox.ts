import {
  filesOf,
  insertFile,
  insertMessage,
  markRowFailed,
  markRowRetry,
  markRowSent,
  oldestWaiting,
  outboxRow,
  type OutboxRow,
} from '../store/outbox.ts';
import type { Statements } from '../store/statements.ts';
import type { OutboxFile, OutboxMessage } from './port/outbox-message.ts';
import { toReplyPurpose, type ReplyPurpose } from './port/reply-purpose.ts';

/** A reply the bot owes: written in the transaction that decided it, delivered afterwards. */
export interface Reply {
  text: string;
  /** The request the reply is about, so a vote that answers it counts on that request. */
  requestId?: number | null;
  /** What kind of message it is, so an adapter can render it its own way (e.g. `request-opened`). */
  purpose?: ReplyPurpose;
  /** Files to send with it (CSV, PDF). */
  files?: OutboxFile[];
}

/** An outbox row and its files as the message an adapter delivers. */
export const toMessage = (row: OutboxRow, files: OutboxFile[]): OutboxMessage => ({
  id: row.id,
  chatId: row.chat_id,
  text: row.text,
  replyTo: row.reply_to,
  requestId: row.request_id,
  purpose: toReplyPurpose(row.purpose),
  createdAt: new Date(row.created_at),
  attempts: row.attempts,
  files,
});

/** Queues a reply for a chat. Call inside the transaction that decided it. */
export function enqueue(
  sql: Statements,
  chatId: string,
  reply: Reply,
  at: Date,
  replyTo: string | null = null,
): number {
  const id = insertMessage(sql, {
    chatId,
    text: reply.text,
    replyTo,
    requestId: reply.requestId ?? null,
    purpose: reply.purpose ?? 'reply',
    at,
  });
  (reply.files ?? []).forEach((file, position) => insertFile(sql, id, position, file));
  return id;
}

/**
 * The messages that may go out now: per chat only the oldest one waiting (so a chat's messages
 * keep their order), and one waiting for a retry only once its time came.
 */
export function pendingMessages(sql: Statements, now: Date, limit = 100): OutboxMessage[] {
  const messages: OutboxMessage[] = [];
  for (const { id } of dueHeads(sql, now, limit)) {
    const row = outboxRow(sql, id)!;
    messages.push(toMessage(row, filesOf(sql, id)));
  }
  return messages;
}

/**
 * Which messages `pendingMessages` would give, as row id and chat only (one query, no texts or
 * files read): what the dispatcher needs to know which chats to open a lane for.
 *
 * @example
 * dueHeads(sql, now) // [{ id: 3, chatId: 'telegram:-2' }, { id: 5, chatId: 'telegram:-1' }]
 */
export function dueHeads(sql: Statements, now: Date, limit = 100): WaitingHead[] {
  return oldestWaiting(sql)
    .filter((row) => row.next_attempt_at <= now.getTime())
    .sort((a, b) => a.id - b.id)
    .slice(0, limit)
    .map((row) => ({ id: row.id, chatId: row.chat_id }));
}

/** The oldest waiting message of a chat, as `dueHeads` gives it. */
export interface WaitingHead {
  id: number;
  chatId: string;
}

/**
 * The earliest moment a waiting message is due (for a retry timer), or null. Only the oldest
 * waiting message of each chat counts: the ones queued behind it wait for it, whatever their own
 * time says.
 */
export function nextPendingAt(sql: Statements): Date | null {
  let at: number | null = null;
  for (const row of oldestWaiting(sql))
    if (at === null || row.next_attempt_at < at) at = row.next_attempt_at;
  return at === null ? null : new Date(at);
}

/**
 * Marks a message delivered, with the id the platform gave it (so replies to it can be traced),
 * and drops its files: the platform has them now, and the bot never sends them again (a mark
 * lost in a power cut loses the drop with it, so a message sent once more still has its files).
 */
export function markSent(
  sql: Statements,
  id: number,
  at: Date,
  platformMessageId: string | null,
): void {
  markRowSent(sql, id, at, platformMessageId);
}

/** Puts a message back for a later attempt, or gives it up for good. */
export function markAttemptFailed(
  sql: Statements,
  id: number,
  error: string,
  retryAt: Date | null,
  at: Date,
  counted = true,
): void {
  if (retryAt) markRowRetry(sql, id, error, retryAt, counted);
  else markRowFailed(sql, id, error, at);
}
