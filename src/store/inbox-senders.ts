import type { Statements } from './statements.ts';

/**
 * The dedupe keys of a chat's events (eventKey in src/core/incoming.ts: `<kind>|<chat>|<id>`) as
 * ranges of the inbox's key, one per kind, so the chat's events are found without an index on
 * the chat (migration 009): from `m|<chat>|` up to `m|<chat>}` (`}` follows `|`).
 */
const KINDS = ['m', 'e', 'r', 'b'] as const;
const KEY_RANGES = KINDS.map(() => '(event_key >= ? AND event_key < ?)').join(' OR ');
const keyRanges = (chatId: string): string[] =>
  KINDS.flatMap((kind) => [`${kind}|${chatId}|`, `${kind}|${chatId}}`]);

/**
 * Whether `senderId` wrote in `chatId` before the event of `eventKey`, as the inbox (which dedupe
 * keeps anyway) remembers: a private chat tells a stranger its one line only once.
 *
 * @example
 * wroteBefore(sql, 'telegram:77', 'telegram:77', 'm|telegram:77|12') // false the first time
 */
export function wroteBefore(
  sql: Statements,
  chatId: string,
  senderId: string,
  eventKey: string,
): boolean {
  const before = sql.get(
    `SELECT 1 AS yes FROM inbox
     WHERE (${KEY_RANGES}) AND chat_id = ? AND sender_id = ? AND event_key <> ? LIMIT 1`,
    ...keyRanges(chatId),
    chatId,
    senderId,
    eventKey,
  );
  return before !== undefined;
}
