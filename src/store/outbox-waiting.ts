import type { Statements } from './statements.ts';

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
