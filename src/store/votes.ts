import type { VoteValue } from '../text/parse-vote.ts';
import type { Statements } from './statements.ts';

export type VoteSource = 'reply' | 'number' | 'alone' | 'reaction' | 'button';

/** How storing a vote turned out. */
export type VoteChange = 'new' | 'changed' | 'same';

/**
 * Stores a member's vote on a request: one vote per member, the one received last replaces the
 * earlier one, whatever times the platform gave them (docs/rules.md rule 14). A `pending` vote
 * (its member's identity is not resolved yet, docs/rules.md rule 15) is kept apart, in
 * `pending_votes`, and counts only once `mergeVotes` moves it to the person's resolved id.
 */
export function putVote(
  sql: Statements,
  requestId: number,
  memberId: string,
  value: VoteValue,
  castAt: Date,
  source: VoteSource,
  pending = false,
): VoteChange {
  const table = pending ? 'pending_votes' : 'votes';
  const existing = sql.get<{ value: VoteValue; cast_at: number }>(
    `SELECT value, cast_at FROM ${table} WHERE request_id = ? AND member_id = ?`,
    requestId,
    memberId,
  );
  sql.run(
    `INSERT INTO ${table} (request_id, member_id, value, cast_at, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (request_id, member_id) DO UPDATE SET value = excluded.value,
       cast_at = excluded.cast_at, source = excluded.source`,
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
 * latest vote — received order, as every vote (`pending`: one that waits for its identity).
 * Returns whether a vote was withdrawn.
 */
export function withdrawVote(
  sql: Statements,
  requestId: number,
  memberId: string,
  source: VoteSource,
  pending = false,
): boolean {
  const withdraw = (table: string) =>
    sql.run(
      `DELETE FROM ${table} WHERE request_id = ? AND member_id = ? AND source = ?`,
      requestId,
      memberId,
      source,
    ).changes;
  return (pending ? withdraw('pending_votes') : withdraw('votes')) > 0;
}

/** The members who voted ja and nee on a request, in the order they voted. */
export interface Tally {
  yes: string[];
  no: string[];
}

/**
 * The votes that count on a request: cast before its deadline, not by the requester (the votes
 * that wait for their member's identity are not in `votes`, docs/rules.md rule 15).
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

/**
 * Moves the votes of `fromId` to `toId`, one person (docs/rules.md rule 15): where both voted on a
 * request the later vote stays. `toId` is the resolved identity, so the votes
 * that waited under `fromId` (`pending_votes`) now count — on the requests still open, except
 * the ones `toId` made (their own); the rest are dropped. Returns how many votes moved and the requests whose waiting votes now count, for the
 * caller to judge again (an approval may be due). Run inside a write transaction.
 *
 * @example
 * mergeVotes(sql, 'whatsapp:1234@lid', 'whatsapp:31612345678') // { moved: 1, counted: [7] }
 */
export function mergeVotes(
  sql: Statements,
  fromId: string,
  toId: string,
): { moved: number; counted: number[] } {
  const counted = sql
    .all<{ request_id: number }>(
      `INSERT INTO votes (request_id, member_id, value, cast_at, source)
       SELECT p.request_id, ?, p.value, p.cast_at, p.source FROM pending_votes p
       WHERE p.member_id = ?
         AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.request_id = p.request_id
           AND v.member_id = ? AND v.cast_at > p.cast_at)
         AND EXISTS (SELECT 1 FROM requests r WHERE r.id = p.request_id
           AND r.status = 'open' AND r.requester_id <> ?)
       ON CONFLICT (request_id, member_id) DO UPDATE SET value = excluded.value,
         cast_at = excluded.cast_at, source = excluded.source
       RETURNING request_id`,
      toId,
      fromId,
      toId,
      toId,
    )
    .map((row) => row.request_id);
  sql.run('DELETE FROM pending_votes WHERE member_id = ?', fromId);
  // The latest vote replaces an earlier one, whichever identity cast it.
  sql.run(
    `DELETE FROM votes WHERE member_id = ? AND request_id IN (
       SELECT f.request_id FROM votes f JOIN votes t ON t.request_id = f.request_id
       WHERE f.member_id = ? AND t.member_id = ? AND f.cast_at > t.cast_at)`,
    toId,
    fromId,
    toId,
  );
  const moved = sql.run(
    'UPDATE OR IGNORE votes SET member_id = ? WHERE member_id = ?',
    toId,
    fromId,
  ).changes;
  sql.run('DELETE FROM votes WHERE member_id = ?', fromId); // toId had a later one there
  return { moved: moved + counted.length, counted };
}
