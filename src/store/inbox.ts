import type { Statements } from './statements.ts';

/**
 * The inbox: one dedupe record per inbound event the engine applied (its key, src/core/incoming.ts
 * `eventKey`), so a redelivered event changes nothing. Old records are purged by retention.ts,
 * which leaves a mark (purge-marks.ts) the engine reads beside these.
 */

/** What the engine records of an event it applies. */
export interface InboxRecord {
  key: string;
  chatId: string;
  /** The platform's id of the message; null for a reaction or a button. */
  messageId: string | null;
  senderId: string;
  at: Date;
}

/**
 * Whether the event with this key was applied before.
 *
 * @example
 * wasApplied(sql, 'm|telegram:-1|42') // true after the engine handled that message
 */
export function wasApplied(sql: Statements, key: string): boolean {
  return sql.get('SELECT 1 AS yes FROM inbox WHERE event_key = ?', key) !== undefined;
}

/**
 * Records an event as applied. Run in the transaction that applies it.
 *
 * @example
 * recordApplied(sql, { key, chatId: 'telegram:-1', messageId: '42', senderId: 'telegram:7', at })
 */
export function recordApplied(sql: Statements, record: InboxRecord): void {
  sql.run(
    'INSERT INTO inbox (event_key, chat_id, message_id, sender_id, event_at) VALUES (?, ?, ?, ?, ?)',
    record.key,
    record.chatId,
    record.messageId,
    record.senderId,
    record.at.getTime(),
  );
}

/**
 * The time of the latest event applied in a chat, in ms; null when none is kept.
 *
 * @example
 * lastEventAt(sql, 'whatsapp:123@g.us') // 1767225600000
 */
export function lastEventAt(sql: Statements, chatId: string): number | null {
  return (
    sql.get<{ at: number | null }>(
      'SELECT max(event_at) AS at FROM inbox WHERE chat_id = ?',
      chatId,
    )?.at ?? null
  );
}

/**
 * Who sent message `messageId` of a chat, by its dedupe record (the message's key, or its edit's);
 * null when the bot keeps no record of it.
 *
 * @example
 * senderOfMessage(sql, 'telegram:-1', '42') // 'telegram:7'
 */
export function senderOfMessage(sql: Statements, chatId: string, messageId: string): string | null {
  return (
    sql.get<{ sender_id: string }>(
      'SELECT sender_id FROM inbox WHERE event_key IN (?, ?) AND chat_id = ? AND message_id = ?',
      `m|${chatId}|${messageId}`,
      `e|${chatId}|${messageId}`,
      chatId,
      messageId,
    )?.sender_id ?? null
  );
}
