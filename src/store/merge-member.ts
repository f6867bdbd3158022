import { touchDue } from './due-version.ts';
import type { Statements } from './statements.ts';
import { mergeVotes } from './votes.ts';

/**
 * One person seen under two ids on one platform (WhatsApp's `whatsapp:<lid>@lid` before their
 * phone number was known, `whatsapp:<digits>` after): moves what `fromId` holds to `toId` where
 * `toId` has none — votes per request (where both voted the later stays, mergeVotes), the
 * requests they made, coordinator and adviser roles, the display name, the subscription to the
 * overviews and the record of the rounds it was sent — and drops the rest, so a vote never counts
 * twice and a round is never sent twice. `toId` is the resolved identity: its waiting votes count
 * from now on (docs/rules.md rule 15). Run inside a write transaction. Returns whether anything moved,
 * and the requests whose waiting votes now count (to be judged again).
 *
 * @example
 * mergeMember(sql, 'whatsapp:1234@lid', 'whatsapp:31612345678') // { moved: true, counted: [7] }
 */
export function mergeMember(
  sql: Statements,
  fromId: string,
  toId: string,
): { moved: boolean; counted: number[] } {
  if (fromId === toId) return { moved: false, counted: [] };
  const votes = mergeVotes(sql, fromId, toId);
  let moved = votes.moved;
  for (const table of ['coordinators', 'advisers']) {
    moved += sql.run(
      `UPDATE OR IGNORE ${table} SET member_id = ? WHERE member_id = ?`,
      toId,
      fromId,
    ).changes;
    sql.run(`DELETE FROM ${table} WHERE member_id = ?`, fromId); // toId had its own there
  }
  const requests = sql.run(
    'UPDATE requests SET requester_id = ? WHERE requester_id = ?',
    toId,
    fromId,
  ).changes;
  moved += requests;
  // A vote on a request they made under the other id is their own: it never counts.
  if (requests > 0 || votes.moved > 0)
    sql.run(
      'DELETE FROM votes WHERE member_id = ? AND request_id IN (SELECT id FROM requests WHERE requester_id = ?)',
      toId,
      toId,
    );
  moved += mergeSubscription(sql, fromId, toId);
  const from = sql.get<{ display_name: string | null; seen_at: number }>(
    'SELECT display_name, seen_at FROM members WHERE id = ?',
    fromId,
  );
  if (from) {
    sql.run(
      `INSERT INTO members (id, display_name, seen_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET display_name = coalesce(members.display_name, excluded.display_name),
         seen_at = max(members.seen_at, excluded.seen_at)`,
      toId,
      from.display_name,
      from.seen_at,
    );
    moved += sql.run('DELETE FROM members WHERE id = ?', fromId).changes;
  }
  return { moved: moved > 0, counted: votes.counted };
}

/**
 * Moves `fromId`'s subscription and the record of its sent rounds to `toId`. Both subscribed: one
 * subscription stays, `toId`'s chat since the earlier of the two moments (a round is owed from
 * then), and each round is recorded once. Returns how many rows moved.
 */
function mergeSubscription(sql: Statements, fromId: string, toId: string): number {
  const from = sql.get<{ chat_id: string; subscribed_at: number }>(
    'SELECT chat_id, subscribed_at FROM subscriptions WHERE member_id = ?',
    fromId,
  );
  let moved = sql.run(
    'UPDATE OR IGNORE subscription_sends SET member_id = ? WHERE member_id = ?',
    toId,
    fromId,
  ).changes;
  sql.run('DELETE FROM subscription_sends WHERE member_id = ?', fromId); // toId had its own there
  if (from) {
    moved += sql.run(
      `INSERT INTO subscriptions (member_id, chat_id, subscribed_at) VALUES (?, ?, ?)
       ON CONFLICT (member_id) DO UPDATE SET
         subscribed_at = min(subscriptions.subscribed_at, excluded.subscribed_at)`,
      toId,
      from.chat_id,
      from.subscribed_at,
    ).changes;
    sql.run('DELETE FROM subscriptions WHERE member_id = ?', fromId);
  }
  if (moved > 0) touchDue(sql.db, 'team'); // what a subscription owes next
  return moved;
}
