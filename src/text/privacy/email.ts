/**
 * E-mail addresses in chat text (DOMAIN.md rule 11).
 *
 * Judgement calls:
 * - An e-mail address is a local part (any letters, also `ö` or `ç`, digits and `._%+'-`),
 *   `@` and a domain with a top-level domain of letters; the whole address is masked.
 *
 * @example
 * findEmails('mail jan@voorbeeld.nl'); // → [{ kind: 'email', index: 5, length: 16 }]
 */

import type { PersonalDataHit } from './types.ts';
import { allMatches, isLetterAt } from './scan.ts';

/** The `@` of an e-mail address; the local part and the domain are read in code. */
const EMAIL_AT_RE = /@/g;
/** A character of the local part of an e-mail address (tested on one character). */
const EMAIL_LOCAL_CHAR_RE = /[\p{L}\p{N}\p{M}._%+'-]/u;
/** A character of a domain label (tested on one character). */
const DOMAIN_CHAR_RE = /[\p{L}\p{N}\p{M}-]/u;

/** The patterns of this file, for the ReDoS check. */
export const EMAIL_PATTERNS: readonly RegExp[] = [EMAIL_AT_RE, EMAIL_LOCAL_CHAR_RE, DOMAIN_CHAR_RE];

function isValidDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return false;
    if (label.startsWith('-') || label.endsWith('-')) return false;
  }
  const tld = labels[labels.length - 1] ?? '';
  if (tld.length < 2) return false;
  for (let i = 0; i < tld.length; i++) if (!isLetterAt(tld, i)) return false;
  return true;
}

export function findEmails(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(EMAIL_AT_RE, text)) {
    const at = m.index;
    let end = at + 1;
    while (
      end < text.length &&
      end - at <= 253 &&
      (text[end] === '.' || DOMAIN_CHAR_RE.test(text[end] ?? ''))
    ) {
      end++;
    }
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    if (!isValidDomain(text.slice(at + 1, end))) continue;
    let start = at;
    while (start > 0 && at - start < 256 && EMAIL_LOCAL_CHAR_RE.test(text[start - 1] ?? '')) {
      start--;
    }
    if (start === at) continue;
    hits.push({ kind: 'email', index: start, length: end - start });
  }
  return hits;
}
