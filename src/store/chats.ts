import type { Statements } from './statements.ts';

/**
 * Moves a chat to a new id everywhere it matters (a Telegram group that became a supergroup):
 * its team link, its requests and the replies not sent yet. Sent messages keep the old id, as
 * they live in the old chat. Run inside a write transaction. Returns whether anything moved.
 *
 * @example
 * moveChat(sql, 'telegram:-123', 'telegram:-100123') // true: the link now points at the supergroup
 */
export function moveChat(sql: Statements, fromChatId: string, toChatId: string): boolean {
  if (fromChatId === toChatId) return false;
  const targetLinked = sql.get('SELECT 1 AS yes FROM chat_links WHERE chat_id = ?', toChatId);
  const links = targetLinked
    ? sql.run('DELETE FROM chat_links WHERE chat_id = ?', fromChatId).changes
    : sql.run('UPDATE chat_links SET chat_id = ? WHERE chat_id = ?', toChatId, fromChatId).changes;
  const requests = sql.run(
    'UPDATE OR IGNORE requests SET chat_id = ? WHERE chat_id = ?',
    toChatId,
    fromChatId,
  ).changes;
  const unsent = sql.run(
    'UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND sent_at IS NULL AND failed_at IS NULL',
    toChatId,
    fromChatId,
  ).changes;
  return links + requests + unsent > 0;
}

/**
 * The linked chats of one platform, by chat id.
 *
 * @example
 * linkedChats(sql, 'telegram') // ['telegram:-1001234567890']
 */
export function linkedChats(sql: Statements, platform: string): string[] {
  return sql
    .all<{ chat_id: string }>(
      "SELECT chat_id FROM chat_links WHERE substr(chat_id, 1, length(?) + 1) = ? || ':' ORDER BY chat_id",
      platform,
      platform,
    )
    .map((row) => row.chat_id);
}
