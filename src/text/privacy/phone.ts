/**
 * Phone numbers in chat text (DOMAIN.md rule 11).
 *
 * Judgement calls:
 * - Phone numbers are Dutch: a national number of 9 digits after `0`, `+31`, `0031` or
 *   `+31 (0)`, in any grouping (`06.12.34.56.78`, `06/12345678`), or `(020) 1234567`. A
 *   number may be glued to `tel`, `telnr`, `mob` or `gsm`. A date with a time after it
 *   (`01-02-2026 10`) is not a phone number.
 * - A date right after a birth-date keyword is never the start of a phone number
 *   (`geb 01011930 45 euro`).
 *
 * @example
 * findPhones('bel 06-12345678'); // → [{ kind: 'telefoon', index: 4, length: 11 }]
 */

import type { PersonalDataHit } from './types.ts';
import {
  allMatches,
  isDigitAt,
  numberMayEndAt,
  numberMayStartAt,
  separatorLength,
} from './scan.ts';
import { hasDobKeywordBefore, isRealDate, numericDateEnd } from './birth-date.ts';

/** Start of a Dutch phone number; the digits and what comes before are read in code. */
const PHONE_START_RE = /(?<!\d)(?:\+31|0031|\(0|0)/g;

/** The patterns of this file, for the ReDoS check. */
export const PHONE_PATTERNS: readonly RegExp[] = [PHONE_START_RE];

const PHONE_GLUED: ReadonlySet<string> = new Set(['tel', 'telnr', 'mob', 'mobiel', 'gsm']);

/** End of a Dutch phone number starting at `start`, or -1. */
function phoneEnd(text: string, start: number): number {
  let p = start;
  let paren = false;
  let national = false; // written with the leading 0: may be a date (`01-02-2026 10`)
  if (text.startsWith('+31', p) || text.startsWith('0031', p)) {
    p += text[p] === '+' ? 3 : 4;
    if (text.startsWith('(0)', p + separatorLength(text, p))) {
      p += separatorLength(text, p) + 3;
    }
    if (!isDigitAt(text, p)) p += separatorLength(text, p);
  } else if (text.startsWith('(0', p)) {
    paren = true;
    p += 2;
  } else if (text[p] === '0') {
    national = true;
    p += 1;
  } else {
    return -1;
  }
  // National number: 9 digits, the first not 0, separators between groups.
  if (!isDigitAt(text, p) || text[p] === '0') return -1;
  let count = 0;
  let closed = false;
  const groups: string[] = [national ? '0' : ''];
  const separators: string[] = [];
  while (count < 9 && p < text.length) {
    if (isDigitAt(text, p)) {
      count++;
      groups[groups.length - 1] += text[p] ?? '';
      p++;
      continue;
    }
    if (paren && !closed && text[p] === ')' && count >= 1 && count <= 3) {
      closed = true;
      p++;
      if (text[p] === ' ' || text[p] === '-') p++;
      if (!isDigitAt(text, p)) return -1;
      continue;
    }
    const n = separatorLength(text, p);
    if (n === 0 || !isDigitAt(text, p + n)) break;
    separators.push(text.slice(p, p + n));
    groups.push('');
    p += n;
  }
  if (count < 9 || (paren && !closed)) return -1;
  if (!numberMayEndAt(text, p)) return -1;
  return national && looksLikeDateAndMore(groups, separators) ? -1 : p;
}

/**
 * `01-02-2026 10`, `1.3.2025 14.30`: a date (day, month, four-digit year, one separator that is
 * not a space) and then other digits after another separator; not a phone number.
 */
function looksLikeDateAndMore(groups: readonly string[], separators: readonly string[]): boolean {
  const [day = '', month = '', year = ''] = groups;
  const [first = '', second = '', third = ''] = separators;
  if (day.length > 2 || month.length > 2 || year.length !== 4) return false;
  if (first.trim() === '' || first !== second || third === first) return false;
  const y = Number(year);
  return y >= 1900 && y <= 2099 && isRealDate(y, Number(month), Number(day));
}

export function findPhones(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(PHONE_START_RE, text)) {
    if (!numberMayStartAt(text, m.index, PHONE_GLUED)) continue;
    // `geb 01011930 45 euro`: a date of birth, then an amount; not `0101193045`.
    if (hasDobKeywordBefore(text, m.index) && numericDateEnd(text, m.index) > 0) continue;
    const end = phoneEnd(text, m.index);
    if (end > 0) hits.push({ kind: 'telefoon', index: m.index, length: end - m.index });
  }
  return hits;
}
