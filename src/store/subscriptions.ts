import { touchDue } from './due-version.ts';
import type { Statements } from './statements.ts';

/** Someone who gets the overview of their teams in their private chat after each round. */
export interface Subscription {
  memberId: string;
  chatId: string;
  subscribedAt: Date;
}

/** Subscribes (or moves the subscription to this chat). Returns false when it already was. */
export function subscribe(sql: Statements, memberId: string, chatId: string, at: Date): boolean {
  const before = sql.get<{ chat_id: string }>(
    'SELECT chat_id FROM subscriptions WHERE member_id = ?',
    memberId,
  );
  if (before?.chat_id === chatId) return false;
  touchDue(sql.db, 'team');
  sql.run(
    `INSERT INTO subscriptions (member_id, chat_id, subscribed_at) VALUES (?, ?, ?)
     ON CONFLICT (member_id) DO UPDATE SET chat_id = excluded.chat_id`,
    memberId,
    chatId,
    at.getTime(),
  );
  return before === undefined;
}

/** Ends a subscription. Returns whether there was one. */
export function unsubscribe(sql: Statements, memberId: string): boolean {
  touchDue(sql.db, 'team');
  return sql.run('DELETE FROM subscriptions WHERE member_id = ?', memberId).changes > 0;
}

/** Whether a member is subscribed. */
export function isSubscribed(sql: Statements, memberId: string): boolean {
  return sql.get('SELECT 1 AS yes FROM subscriptions WHERE member_id = ?', memberId) !== undefined;
}

/** Every subscription. */
export function listSubscriptions(sql: Statements): Subscription[] {
  return sql
    .all<{ member_id: string; chat_id: string; subscribed_at: number }>(
      'SELECT member_id, chat_id, subscribed_at FROM subscriptions ORDER BY member_id',
    )
    .map((row) => ({
      memberId: row.member_id,
      chatId: row.chat_id,
      subscribedAt: new Date(row.subscribed_at),
    }));
}

/**
 * The rounds posted in the groups (stored overviews with `posted`) of these teams that this
 * subscriber has not been sent yet, posted since they subscribed, oldest first. Only rounds made
 * after the sends purge mark (retention.ts): a round whose record the purge removed was sent, or
 * is older than the retention period.
 *
 * @example
 * unsentRounds(sql, subscription, ['noord']) // [{ teamId: 'noord', cycle: 3, madeAt: Date }]
 */
export function unsentRounds(
  sql: Statements,
  subscription: Subscription,
  teamIds: readonly string[],
): { teamId: string; cycle: number; madeAt: Date }[] {
  if (teamIds.length === 0) return [];
  return sql
    .all<{ team_id: string; cycle: number; made_at: number }>(
      `SELECT o.team_id, o.cycle, o.made_at FROM overviews o
       WHERE o.posted = 1 AND o.made_at >= ? AND o.team_id IN (${teamIds.map(() => '?').join(', ')})
         AND NOT EXISTS (SELECT 1 FROM subscription_sends s
                         WHERE s.member_id = ? AND s.team_id = o.team_id AND s.cycle = o.cycle)
         AND NOT EXISTS (SELECT 1 FROM purge_marks p
                         WHERE p.what = 'subscription_sends' AND p.through_at >= o.made_at)
       ORDER BY o.made_at, o.team_id`,
      subscription.subscribedAt.getTime(),
      ...teamIds,
      subscription.memberId,
    )
    .map((row) => ({ teamId: row.team_id, cycle: row.cycle, madeAt: new Date(row.made_at) }));
}

/** Records that a team's round went to a subscriber (in the transaction that queues it). */
export function recordSent(
  sql: Statements,
  memberId: string,
  teamId: string,
  cycle: number,
  at: Date,
): void {
  touchDue(sql.db, 'team');
  sql.run(
    'INSERT INTO subscription_sends (member_id, team_id, cycle, sent_at) VALUES (?, ?, ?, ?)',
    memberId,
    teamId,
    cycle,
    at.getTime(),
  );
}
