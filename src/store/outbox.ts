import type { Statements } from './statements.ts';

/**
 * The outbox (`outbox`, `outbox_files`): the replies the bot owes, written in the transaction that
 * decided them and delivered afterwards (src/delivery/). Every statement on these two tables that
 * is about one message stands here; moving a chat (chats.ts) and the retention purge
 * (retention.ts) touch them among other tables.
 */

/** An outbox row as delivery reads it. */
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

/** A file of an outbox message, as the adapters get it. */
export interface StoredFile {
  filename: string;
  mediaType: string;
  data: Uint8Array;
}

/** What a new outbox row holds. */
export interface NewOutboxRow {
  chatId: string;
  text: string;
  replyTo: string | null;
  requestId: number | null;
  purpose: string;
  at: Date;
}

/** Writes a message to the outbox, due at once; returns its id. Run in the deciding transaction. */
export function insertMessage(sql: Statements, row: NewOutboxRow): number {
  const { chatId, text, replyTo, requestId, purpose } = row;
  const at = row.at.getTime(); // created now, and due now
  const result = sql.run(
    `INSERT INTO outbox (chat_id, text, reply_to, request_id, purpose, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    chatId,
    text,
    replyTo,
    requestId,
    purpose,
    at,
    at,
  );
  return Number(result.lastInsertRowid);
}

/** Writes one file of an outbox message at its position. */
export function insertFile(
  sql: Statements,
  outboxId: number,
  position: number,
  file: StoredFile,
): void {
  sql.run(
    'INSERT INTO outbox_files (outbox_id, position, filename, media_type, data) VALUES (?, ?, ?, ?, ?)',
    outboxId,
    position,
    file.filename,
    file.mediaType,
    Buffer.from(file.data),
  );
}

/** The files of an outbox message, in their order. */
export function filesOf(sql: Statements, outboxId: number): StoredFile[] {
  return sql
    .all<{ filename: string; media_type: string; data: Buffer }>(
      'SELECT filename, media_type, data FROM outbox_files WHERE outbox_id = ? ORDER BY position',
      outboxId,
    )
    .map((f) => ({ filename: f.filename, mediaType: f.media_type, data: new Uint8Array(f.data) }));
}

/** One outbox row by its id (undefined when it is gone). */
export function outboxRow(sql: Statements, id: number): OutboxRow | undefined {
  return sql.get<OutboxRow>(
    'SELECT id, chat_id, text, reply_to, request_id, purpose, created_at, attempts FROM outbox WHERE id = ?',
    id,
  );
}

/**
 * The oldest waiting message of each chat, with its chat and time: one walk of the partial index
 * `outbox_waiting` (chat, id, time) over the waiting messages only, in its own order, so no
 * temporary b-tree (migration 009). `min(id)` takes the other columns from its own row.
 */
export function oldestWaiting(
  sql: Statements,
): { id: number; chat_id: string; next_attempt_at: number }[] {
  return sql.all<{ id: number; chat_id: string; next_attempt_at: number }>(
    `SELECT min(id) AS id, chat_id, next_attempt_at FROM outbox
     WHERE sent_at IS NULL AND failed_at IS NULL GROUP BY chat_id`,
  );
}

/**
 * The oldest message of a chat still waiting (the one that must go first), with when it may be
 * tried and whether it has files (so they are read only when there are some); undefined when
 * the chat owes nothing.
 */
export function chatHeadRow(
  sql: Statements,
  chatId: string,
): (OutboxRow & { next_attempt_at: number; has_files: number }) | undefined {
  return sql.get<OutboxRow & { next_attempt_at: number; has_files: number }>(
    `SELECT id, chat_id, text, reply_to, request_id, purpose, created_at, attempts, next_attempt_at,
       EXISTS (SELECT 1 FROM outbox_files f WHERE f.outbox_id = outbox.id) AS has_files
     FROM outbox
     WHERE chat_id = ? AND sent_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT 1`,
    chatId,
  );
}

/**
 * The rows waiting to be delivered (neither sent nor given up) with an id above `afterId`,
 * oldest first.
 */
export function waitingAfter(sql: Statements, afterId: number): { id: number; chat_id: string }[] {
  return sql.all<{ id: number; chat_id: string }>(
    `SELECT id, chat_id FROM outbox
     WHERE sent_at IS NULL AND failed_at IS NULL AND id > ? ORDER BY id`,
    afterId,
  );
}

/** The chat of an outbox row, or null when the row is gone. */
export function chatOfRow(sql: Statements, id: number): string | null {
  return (
    sql.get<{ chat_id: string }>('SELECT chat_id FROM outbox WHERE id = ?', id)?.chat_id ?? null
  );
}

/**
 * Whether the outbox holds (or held) a message of this purpose for the chat. The purpose goes in
 * as a literal, so the index of notices (migration 012) serves the lookup: give only a fixed
 * purpose name, never text from outside.
 */
export function holdsPurpose(sql: Statements, chatId: string, purpose: string): boolean {
  return (
    sql.get(`SELECT 1 AS yes FROM outbox WHERE chat_id = ? AND purpose = '${purpose}'`, chatId) !==
    undefined
  );
}

/** Marks a message delivered, with the platform's id for it, and drops its files. */
export function markRowSent(
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

/** Puts a message back for another attempt at `retryAt` (`counted`: the attempt counts). */
export function markRowRetry(
  sql: Statements,
  id: number,
  error: string,
  retryAt: Date,
  counted: boolean,
): void {
  sql.run(
    'UPDATE outbox SET attempts = attempts + ?, next_attempt_at = ?, last_error = ? WHERE id = ?',
    counted ? 1 : 0,
    retryAt.getTime(),
    error,
    id,
  );
}

/** Gives a message up for good. */
export function markRowFailed(sql: Statements, id: number, error: string, at: Date): void {
  sql.run(
    'UPDATE outbox SET attempts = attempts + 1, failed_at = ?, last_error = ? WHERE id = ?',
    at.getTime(),
    error,
    id,
  );
}

/** The highest outbox id so far (0 when the outbox is empty): what comes after it is new. */
export function lastOutboxId(sql: Statements): number {
  return sql.number('SELECT coalesce(max(id), 0) FROM outbox');
}

/** The texts of a chat's messages queued after `afterId`, in their order. */
export function textsAfter(sql: Statements, afterId: number, chatId: string): string[] {
  const rows = sql.all<{ text: string }>(
    'SELECT text FROM outbox WHERE id > ? AND chat_id = ? ORDER BY id',
    afterId,
    chatId,
  );
  return rows.map((r) => r.text);
}

/** The message the bot posted when a request opened (its first 'request-opened' message). */
export function openedMessage(
  sql: Statements,
  requestId: number,
): { text: string; platform_message_id: string | null } | undefined {
  return sql.get<{ text: string; platform_message_id: string | null }>(
    `SELECT text, platform_message_id FROM outbox
     WHERE request_id = ? AND purpose = 'request-opened' ORDER BY id LIMIT 1`,
    requestId,
  );
}

/** Sets when a message may be tried next (an export held back until it is rendered). */
export function setNextAttempt(sql: Statements, id: number, at: number): void {
  sql.run('UPDATE outbox SET next_attempt_at = ? WHERE id = ?', at, id);
}

/** The files of one media type that wait in messages not sent nor given up, by message and position. */
export function waitingFilesOfType(
  sql: Statements,
  mediaType: string,
): { outbox_id: number; position: number; data: Buffer }[] {
  return sql.all<{ outbox_id: number; position: number; data: Buffer }>(
    `SELECT f.outbox_id, f.position, f.data FROM outbox_files f JOIN outbox o ON o.id = f.outbox_id
     WHERE f.media_type = ? AND o.sent_at IS NULL AND o.failed_at IS NULL
     ORDER BY f.outbox_id, f.position`,
    mediaType,
  );
}

/** Drops the file at one position of a message. */
export function deleteFile(sql: Statements, outboxId: number, position: number): void {
  sql.run('DELETE FROM outbox_files WHERE outbox_id = ? AND position = ?', outboxId, position);
}

/** Adds a line to a message's text. */
export function appendText(sql: Statements, id: number, text: string): void {
  sql.run('UPDATE outbox SET text = text || ? WHERE id = ?', text, id);
}

/** Releases a message held at `heldAt`: due at its own time again (a message not held stays). */
export function releaseHeld(sql: Statements, id: number, heldAt: number): void {
  sql.run(
    'UPDATE outbox SET next_attempt_at = created_at WHERE id = ? AND next_attempt_at = ?',
    id,
    heldAt,
  );
}

/** An outbox message that is not sent yet: waiting for its next attempt, or given up. */
export interface UnsentMessage {
  id: number;
  chat_id: string;
  purpose: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: number;
  /** When delivery gave up on it; null while it still waits. */
  failed_at: number | null;
  created_at: number;
  text: string;
}

/**
 * Every message not sent yet, oldest first: what `mmb outbox` lists.
 *
 * @example
 * unsentMessages(sql).filter((m) => m.failed_at !== null) // the given-up ones
 */
export function unsentMessages(sql: Statements): UnsentMessage[] {
  return sql.all<UnsentMessage>(
    `SELECT id, chat_id, purpose, attempts, last_error, next_attempt_at, failed_at, created_at, text
     FROM outbox WHERE sent_at IS NULL ORDER BY id`,
  );
}

/** The ids of every given-up message, oldest first. */
export function givenUpIds(sql: Statements): number[] {
  return sql
    .all<{ id: number }>(
      'SELECT id FROM outbox WHERE failed_at IS NOT NULL AND sent_at IS NULL ORDER BY id',
    )
    .map((row) => row.id);
}

/** Whether message `id` exists, was sent, or was given up; undefined when there is none. */
export function deliveryStateOf(
  sql: Statements,
  id: number,
): { failed_at: number | null; sent_at: number | null } | undefined {
  return sql.get('SELECT failed_at, sent_at FROM outbox WHERE id = ?', id);
}

/** Puts a given-up message back: no attempts yet, the next one at `now`. */
export function putBack(sql: Statements, id: number, now: Date): void {
  sql.run(
    'UPDATE outbox SET failed_at = NULL, attempts = 0, next_attempt_at = ? WHERE id = ?',
    now.getTime(),
    id,
  );
}

/** How many replies wait to be sent (neither sent nor given up): the next start sends them. */
export function waitingCount(sql: Statements): number {
  return sql.number('SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL');
}
