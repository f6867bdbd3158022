import type { Db } from '../store/database.ts';
import type { Statements } from '../store/statements.ts';

/**
 * What replaying a WhatsApp export (whatsapp-history.ts) reads and removes, on a copy of the
 * database only: the requests and votes the engine made of the export's chat.
 */

/**
 * Takes every request of the chats whose id starts with `chatPrefix`, and what hangs on them
 * (their imports, ledger entries and outbox messages), out of a copy of the database; the
 * ledger's delete guard and the inbox purge mark go with them. Never on the bot's own database.
 *
 * @example
 * dropChatImports(copy, 'import-whatsapp:')
 */
export function dropChatImports(db: Db, chatPrefix: string): void {
  db.exec('DROP TRIGGER IF EXISTS ledger_no_delete');
  db.prepare("DELETE FROM purge_marks WHERE what = 'inbox'").run();
  const like = `${chatPrefix}%`;
  db.prepare(
    'DELETE FROM imports WHERE request_id IN (SELECT id FROM requests WHERE chat_id LIKE ?)',
  ).run(like);
  db.prepare(
    'DELETE FROM ledger WHERE request_id IN (SELECT id FROM requests WHERE chat_id LIKE ?)',
  ).run(like);
  db.prepare(
    'DELETE FROM outbox WHERE request_id IN (SELECT id FROM requests WHERE chat_id LIKE ?)',
  ).run(like);
  db.prepare('DELETE FROM requests WHERE chat_id LIKE ?').run(like);
}

/** Whether the engine made a request of message `messageId` of the chat. */
export function madeRequest(sql: Statements, chatId: string, messageId: string): boolean {
  return (
    sql.get(
      'SELECT 1 AS yes FROM requests WHERE chat_id = ? AND message_id = ?',
      chatId,
      messageId,
    ) !== undefined
  );
}

/** Whether a vote of `memberId` cast at `at` counted on a request of the chat. */
export function voteCounted(sql: Statements, chatId: string, memberId: string, at: Date): boolean {
  return (
    sql.get(
      `SELECT 1 AS yes FROM votes v JOIN requests r ON r.id = v.request_id
       WHERE r.chat_id = ? AND v.member_id = ? AND v.cast_at = ?`,
      chatId,
      memberId,
      at.getTime(),
    ) !== undefined
  );
}

/** The chat's open requests, by number, with who asked and the message (line) they came from. */
export function openRequestsOfChat(
  sql: Statements,
  chatId: string,
): { number: number; requester_id: string; line: string }[] {
  return sql.all<{ number: number; requester_id: string; line: string }>(
    "SELECT number, requester_id, message_id AS line FROM requests WHERE chat_id = ? AND status = 'open' ORDER BY number",
    chatId,
  );
}

/** A request of the replayed chat as it stands. */
export interface ChatRequestRow {
  id: number;
  message_id: string;
  created_at: number;
  requester_id: string;
  amount_cents: number;
  household: string;
  description: string;
  prevented_cents: number | null;
  prevented_text: string | null;
  status: 'approved' | 'expired' | 'cancelled' | 'open';
  decided_at: number | null;
}

/** Every request of the chat, in the order they were made. */
export function requestsOfChat(sql: Statements, chatId: string): ChatRequestRow[] {
  return sql.all<ChatRequestRow>(
    `SELECT id, message_id, created_at, requester_id, amount_cents, household, description,
            prevented_cents, prevented_text, status, decided_at
     FROM requests WHERE chat_id = ? ORDER BY created_at, id`,
    chatId,
  );
}

/** The votes on a request, in the order they were cast (a member's latest only, as counted). */
export function votesInOrder(
  sql: Statements,
  requestId: number,
): { member_id: string; value: 'ja' | 'nee'; cast_at: number }[] {
  return sql.all<{ member_id: string; value: 'ja' | 'nee'; cast_at: number }>(
    'SELECT member_id, value, cast_at FROM votes WHERE request_id = ? ORDER BY cast_at',
    requestId,
  );
}
