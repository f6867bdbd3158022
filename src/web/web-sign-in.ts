import { timingSafeEqual } from 'node:crypto';
import { findWebLink, lastWebSignOut, sha256 } from '../store/web-links.ts';
import type { Statements } from '../store/statements.ts';
import type { SessionStore } from './web-session-store.ts';

/** Why a link does not sign anyone in (each gets its own Dutch page). */
export type LinkRefusal = 'unknown' | 'expired' | 'used' | 'signed-out';

/** A well-formed token: `<id>.<secret>`, base64url, as issueWebLink makes them. */
const TOKEN = /^([A-Za-z0-9_-]{11})\.([A-Za-z0-9_-]{43})$/;

/** Compared with when a link id is unknown, so an unknown id costs the same time as a wrong secret. */
const NOBODY = sha256('nobody');

/**
 * Checks a sign-in link and, when it is good, marks it used (once: see SessionStore). The secret
 * is compared by its SHA-256 with `timingSafeEqual`, so how long the check takes says nothing
 * about how much of it was right. A link made before its person's last `/web uit` is refused.
 *
 * @example
 * useSignInLink(sql, sessions, token, now) // { memberId: 'telegram:55', linkCreatedAt: 1767… }
 */
export function useSignInLink(
  sql: Statements,
  sessions: SessionStore,
  token: string,
  now: Date,
): { memberId: string; linkCreatedAt: number } | { refusal: LinkRefusal } {
  const parts = TOKEN.exec(token);
  const link = parts ? findWebLink(sql, parts[1]!) : null;
  const same = timingSafeEqual(sha256(parts?.[2] ?? ''), link?.secretHash ?? NOBODY);
  if (!link || !same) return { refusal: 'unknown' };
  if (link.expiresAt <= now.getTime()) return { refusal: 'expired' };
  const signedOut = lastWebSignOut(sql, link.memberId);
  if (signedOut !== null && signedOut >= link.createdAt) return { refusal: 'signed-out' };
  if (!sessions.useLink(link.id, now)) return { refusal: 'used' };
  return { memberId: link.memberId, linkCreatedAt: link.createdAt };
}

/**
 * Whether a session still holds: its person did not sign out (`/web uit`) after its link was made.
 * (That they still have a role is checked by the caller, with the teams they may see.)
 */
export function sessionHolds(sql: Statements, memberId: string, linkCreatedAt: number): boolean {
  const signedOut = lastWebSignOut(sql, memberId);
  return signedOut === null || signedOut < linkCreatedAt;
}
