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

export interface OutboxRow {
  id: number;
  chat_id: string;
  text: string;
  reply_to: string | null;
  request_id: number | null;
  purpose: string;
  created_at: number;
  attempts: number;
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

/** The files of an outbox message, in their order. */
export const filesOf = (sql: Statements, outboxId: number): OutboxFile[] =>
  sql
    .all<{ filename: string; media_type: string; data: Buffer }>(
      'SELECT filename, media_type, data FROM outbox_files WHERE outbox_id = ? ORDER BY position',
      outboxId,
    )
    .map((f) => ({ filename: f.filename, mediaType: f.media_type, data: new Uint8Array(f.data) }));

/** Queues a reply for a chat. Call inside the transaction that decided it. */
export function enqueue(
  sql: Statements,
  chatId: string,
  reply: Reply,
  at: Date,
  replyTo: string | null = null,
): number {
  const result = sql.run(
    `INSERT INTO outbox (chat_id, text, reply_to, request_id, purpose, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    chatId,
    reply.text,
    replyTo,
    reply.requestId ?? null,
    reply.purpose ?? 'reply',
    at.getTime(),
    at.getTime(),
  );
  const id = Number(result.lastInsertRowid);
  (reply.files ?? []).forEach((file, position) => {
    sql.run(
      'INSERT INTO outbox_files (outbox_id, position, filename, media_type, data) VALUES (?, ?, ?, ?, ?)',
      id,
      position,
      file.filename,
      file.mediaType,
      Buffer.from(file.data),
    );
  });
  return id;
}

/**
 * The messages that may go out now: per chat only the oldest one waiting (so a chat's messages
 * keep their order), and one waiting for a retry only once its time came.
 */
export function pendingMessages(sql: Statements, now: Date, limit = 100): OutboxMessage[] {
  const messages: OutboxMessage[] = [];
  for (const { id } of dueHeads(sql, now, limit)) {
    const row = sql.get<OutboxRow>(
      'SELECT id, chat_id, text, reply_to, request_id, purpose, created_at, attempts FROM outbox WHERE id = ?',
      id,
    )!;
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
 * The oldest waiting message of each chat, with its chat and time: one walk of the partial index
 * `outbox_waiting` (chat, id, time) over the waiting messages only, in its own order, so no
 * temporary b-tree (migration 009). `min(id)` takes the other columns from its own row.
 */
function oldestWaiting(
  sql: Statements,
): { id: number; chat_id: string; next_attempt_at: number }[] {
  return sql.all<{ id: number; chat_id: string; next_attempt_at: number }>(
    `SELECT min(id) AS id, chat_id, next_attempt_at FROM outbox
     WHERE sent_at IS NULL AND failed_at IS NULL GROUP BY chat_id`,
  );
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
  sql.run(
    'UPDATE outbox SET sent_at = ?, platform_message_id = ?, attempts = attempts + 1 WHERE id = ?',
    at.getTime(),
    platformMessageId,
    id,
  );
  sql.run('DELETE FROM outbox_files WHERE outbox_id = ?', id);
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
  if (retryAt) {
    sql.run(
      'UPDATE outbox SET attempts = attempts + ?, next_attempt_at = ?, last_error = ? WHERE id = ?',
      counted ? 1 : 0,
      retryAt.getTime(),
      error,
      id,
    );
  } else {
    sql.run(
      'UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?',
      at.getTime(),
      error,
      id,
    );
  }
}
