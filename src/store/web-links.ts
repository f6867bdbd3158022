import { createHash, randomBytes } from 'node:crypto';
import type { Statements } from './statements.ts';

/** How long a sign-in link works: 10 minutes. */
export const WEB_LINK_MS = 10 * 60_000;

/** A stored sign-in link: the hash of its secret, never the secret. */
export interface WebLinkRow {
  id: string;
  secretHash: Buffer;
  memberId: string;
  createdAt: number;
  expiresAt: number;
}

/**
 * SHA-256 of a secret (a link's or a session's), as stored.
 *
 * @example
 * sha256('abc').length // 32
 */
export const sha256 = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/**
 * Makes a one-time sign-in link for `memberId` (in the event's transaction) and returns its token,
 * `<id>.<secret>`: a 64-bit public id to find the row and a 256-bit secret of which only the
 * SHA-256 hash is stored, so the database alone cannot sign anyone in. Links that stopped working
 * are removed on the way. `random` is injectable for tests.
 *
 * @example
 * issueWebLink(sql, 'telegram:55', now) // 'q3L0…Xw.Zx9…' (base64url)
 */
export function issueWebLink(
  sql: Statements,
  memberId: string,
  at: Date,
  random: (bytes: number) => Buffer = randomBytes,
): string {
  sql.run('DELETE FROM web_links WHERE expires_at <= ?', at.getTime());
  const id = random(8).toString('base64url');
  const secret = random(32).toString('base64url');
  // Always after the person's last `/web uit`, even within the same millisecond: a link asked for
  // after signing out is newer than that moment, one made before is not.
  const createdAt = Math.max(at.getTime(), (lastWebSignOut(sql, memberId) ?? -1) + 1);
  sql.run(
    'INSERT INTO web_links (id, secret_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    id,
    sha256(secret),
    memberId,
    createdAt,
    at.getTime() + WEB_LINK_MS,
  );
  return `${id}.${secret}`;
}

/** The stored link with this public id, or null. */
export function findWebLink(sql: Statements, id: string): WebLinkRow | null {
  const row = sql.get<{
    id: string;
    secret_hash: Buffer;
    member_id: string;
    created_at: number;
    expires_at: number;
  }>('SELECT id, secret_hash, member_id, created_at, expires_at FROM web_links WHERE id = ?', id);
  return row
    ? {
        id: row.id,
        secretHash: row.secret_hash,
        memberId: row.member_id,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      }
    : null;
}

/**
 * `/web uit`: ends every web session of `memberId` at its next request, and every link made for
 * them up to now (the web process compares a session's link time with this moment).
 */
export function signOutOfWeb(sql: Statements, memberId: string, at: Date): void {
  sql.run('DELETE FROM web_links WHERE member_id = ?', memberId);
  sql.run(
    `INSERT INTO web_sign_outs (member_id, at) VALUES (?, ?)
     ON CONFLICT (member_id) DO UPDATE SET at = max(at, excluded.at)`,
    memberId,
    at.getTime(),
  );
}

/** When `memberId` last ended their web sessions (`/web uit`), or null. */
export function lastWebSignOut(sql: Statements, memberId: string): number | null {
  return (
    sql.get<{ at: number }>('SELECT at FROM web_sign_outs WHERE member_id = ?', memberId)?.at ??
    null
  );
}
