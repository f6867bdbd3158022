import type { VoteValue } from '../text/parse-vote.ts';
import type { Statements } from './statements.ts';

export type VoteSource = 'reply' | 'number' | 'alone' | 'reaction' | 'button';

/** How storing a vote turned out. */
export type VoteChange = 'new' | 'changed' | 'same' | 'older';

/**
 * Stores a member's vote on a request: one vote per member, the latest (by the time it was cast)
 * replaces an earlier one; a vote cast before the stored one changes nothing.
 */
export function putVote(
  sql: Statements,
  requestId: number,
  memberId: string,
  value: VoteValue,
  castAt: Date,
  source: VoteSource,
): VoteChange {
  const existing = sql.get<{ value: VoteValue; cast_at: number }>(
    'SELECT value, cast_at FROM votes WHERE request_id = ? AND member_id = ?',
    requestId,
    memberId,
  );
  if (existing && existing.cast_at > castAt.getTime()) return 'older';
  sql.run(
    `INSERT INTO votes (request_id, member_id, value, cast_at, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (request_id, member_id) DO UPDATE SET value = excluded.value, cast_at = excluded.cast_at, source = excluded.source`,
    requestId,
    memberId,
    value,
    castAt.getTime(),
    source,
  );
  if (!existing) return 'new';
  return existing.value === value ? 'same' : 'changed';
}

/**
 * Withdraws a member's vote made by `source` (a reaction taken off), if that is still their
 * latest vote and was cast before `at`. Returns whether a vote was withdrawn.
 */
export function withdrawVote(
  sql: Statements,
  requestId: number,
  memberId: string,
  source: VoteSource,
  at: Date,
): boolean {
  return (
    sql.run(
      'DELETE FROM votes WHERE request_id = ? AND member_id = ? AND source = ? AND cast_at <= ?',
      requestId,
      memberId,
      source,
      at.getTime(),
    ).changes > 0
  );
}

/** The members who voted ja and nee on a request, in the order they voted. */
export interface Tally {
  yes: string[];
  no: string[];
}

/**
 * The votes that count on a request: cast before its deadline, not by the requester.
 *
 * @example
 * tallyVotes(sql, request) // { yes: ['bas', 'carla'], no: [] }
 */
export function tallyVotes(
  sql: Statements,
  request: { id: number; requesterId: string; deadlineAt: Date },
): Tally {
  const rows = sql.all<{ member_id: string; value: VoteValue }>(
    `SELECT member_id, value FROM votes WHERE request_id = ? AND member_id <> ? AND cast_at < ?
     ORDER BY cast_at, member_id`,
    request.id,
    request.requesterId,
    request.deadlineAt.getTime(),
  );
  return {
    yes: rows.filter((row) => row.value === 'ja').map((row) => row.member_id),
    no: rows.filter((row) => row.value === 'nee').map((row) => row.member_id),
  };
}
