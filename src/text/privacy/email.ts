/**
 * E-mail addresses in chat text (docs/rules.md rule 11).
 *
 * Judgement calls:
 * - An e-mail address is a local part (any letters, also `ö` or `ç`, digits and `._%+'-`),
 *   `@` and a domain with a top-level domain of letters; the whole address is masked.
 * - An address written to dodge a filter is found too: the `@` as `(at)`, `[at]`, `{at}`,
 *   `<at>`, ` at `, `(apenstaartje)` or with spaces around it (`naam @ domein . nl`), a dot as
 *   `(punt)`, `[dot]`, ` punt `, ` dot ` or with spaces around it. When a word stands for `@` or
 *   a dot, the last label must be a well-known top-level domain (`nl`, `com`, `be`, …), so
 *   `hij at brood` or `wat at je` is no address. The local part is the one word before the
 *   `@` (`mail naam at domein dot com` masks `naam … com`).
 *
 * @example
 * findEmails('mail jan@voorbeeld.nl'); // → [{ kind: 'email', index: 5, length: 16 }]
 */

import type { PersonalDataHit } from './types.ts';
import { allMatches, isAsciiLetterCode, isLetterAt, isWordAt } from './scan.ts';

/** The `@` of an e-mail address; the local part and the domain are read in code. */
const EMAIL_AT_RE = /@/g;
/** A character of the local part of an e-mail address (tested on one character). */
const EMAIL_LOCAL_CHAR_RE = /[\p{L}\p{N}\p{M}._%+'-]/u;
/** A character of a domain label (tested on one character). */
const DOMAIN_CHAR_RE = /[\p{L}\p{N}\p{M}-]/u;

/** A word that may stand for `@` in a dodged address; checked in code. */
const AT_WORD_RE = /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9])(?:at|apenstaartje)(?![A-Za-zÀ-ÖØ-öø-ÿ0-9])/gi;

/** The patterns of this file, for the ReDoS check. */
export const EMAIL_PATTERNS: readonly RegExp[] = [
  EMAIL_AT_RE,
  EMAIL_LOCAL_CHAR_RE,
  DOMAIN_CHAR_RE,
  AT_WORD_RE,
];

/** Words for `@` and for the dot, compared in lower case. */
const AT_WORDS: ReadonlySet<string> = new Set(['at', 'apenstaartje']);
const DOT_WORDS: ReadonlySet<string> = new Set(['punt', 'dot']);
/** Top-level domains a dodged address must end in (a word for `@` or a dot is no proof). */
const KNOWN_TLDS: ReadonlySet<string> = new Set(
  (
    'nl be de com org net eu info fr uk tr ma es it ch at pl nu io me biz edu gov co live ' +
    'online email pt se dk no fi ie lu sr cw aw us ca au'
  ).split(' '),
);
const OPENERS = '([{<';
const CLOSERS = ')]}>';

/** A dodged `@` or dot at `p`, how long it is and whether it was a word; undefined if none. */
function dodgeToken(
  text: string,
  p: number,
  symbol: string,
  words: ReadonlySet<string>,
): { length: number; word: boolean } | undefined {
  let q = p;
  if (text[q] === ' ') q++;
  if (text[q] === symbol) {
    q++;
    if (text[q] === ' ') q++;
    return { length: q - p, word: false };
  }
  const opener = OPENERS.indexOf(text[q] ?? '');
  if (opener >= 0) q++;
  if (opener >= 0 && text[q] === ' ') q++;
  const wordStart = q;
  while (q < text.length && q - wordStart < 12 && isAsciiLetterCode(text.charCodeAt(q))) q++;
  if (!words.has(text.slice(wordStart, q).toLowerCase())) return undefined;
  if (opener >= 0) {
    if (text[q] === ' ') q++;
    if (text[q] !== CLOSERS[opener]) return undefined;
    q++;
    if (text[q] === ' ') q++;
    return { length: q - p, word: true };
  }
  // A bare word needs a space on both sides: `naam at domein`.
  if (wordStart === p || text[q] !== ' ') return undefined;
  return { length: q + 1 - p, word: true };
}

/** End of a run of domain-label characters starting at `p`. */
function labelEnd(text: string, p: number): number {
  let q = p;
  while (q < text.length && q - p < 63 && DOMAIN_CHAR_RE.test(text[q] ?? '')) q++;
  return q;
}

/**
 * An address around the `@` or at-word at `at`, written to dodge a filter (spaces, `(at)`,
 * `(punt)`); undefined when there is none or it is written plainly (findEmails reads that).
 */
function dodgedEmailAt(text: string, at: number): PersonalDataHit | undefined {
  let tokenStart = at;
  if (OPENERS.includes(text[tokenStart - 1] ?? 'x')) tokenStart--;
  if (text[tokenStart - 1] === ' ') tokenStart--;
  let start = tokenStart;
  while (start > 0 && tokenStart - start < 64 && EMAIL_LOCAL_CHAR_RE.test(text[start - 1] ?? '')) {
    start--;
  }
  if (start === tokenStart || !isWordAt(text, start)) return undefined;
  const atToken = dodgeToken(text, tokenStart, '@', AT_WORDS);
  if (atToken === undefined) return undefined;
  let dodged = atToken.length > 1;
  let word = atToken.word;
  let p = tokenStart + atToken.length;
  let end = labelEnd(text, p);
  if (end === p) return undefined;
  let labels = 1;
  let tld = text.slice(p, end);
  for (let k = 0; k < 8; k++) {
    const dot = dodgeToken(text, end, '.', DOT_WORDS);
    if (dot === undefined) break;
    const next = labelEnd(text, end + dot.length);
    if (next === end + dot.length) break;
    dodged ||= dot.length > 1;
    word ||= dot.word;
    tld = text.slice(end + dot.length, next);
    end = next;
    labels++;
  }
  if (!dodged || labels < 2 || tld.length < 2) return undefined;
  for (let i = 0; i < tld.length; i++) if (!isLetterAt(tld, i)) return undefined;
  if (word && !KNOWN_TLDS.has(tld.toLowerCase())) return undefined;
  return { kind: 'email', index: start, length: end - start };
}

/**
 * Addresses written to dodge a filter: `naam (at) domein (punt) nl`, `naam at domein dot com`,
 * `naam[at]domein.nl`, `naam @ domein . nl`.
 *
 * @example
 * findDodgedEmails('mail naam (at) domein (punt) nl');
 * // → [{ kind: 'email', index: 5, length: 26 }]
 */
export function findDodgedEmails(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of [...allMatches(EMAIL_AT_RE, text), ...allMatches(AT_WORD_RE, text)]) {
    const hit = dodgedEmailAt(text, m.index);
    if (hit !== undefined) hits.push(hit);
  }
  return hits;
}

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
