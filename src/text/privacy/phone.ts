/**
 * Phone numbers in chat text (docs/rules.md rule 11).
 *
 * Judgement calls:
 * - A Dutch phone number is a national number of 9 digits after `0`, `+31`, `0031` or
 *   `+31 (0)`, in any grouping (`06.12.34.56.78`, `06/12345678`, `0 6 1 2 3 4 5 6 7 8`, over a
 *   line break), or `(020) 1234567`. A number may be glued to `tel`, `telnr`, `mob` or `gsm`.
 *   A date with a time after it (`01-02-2026 10`) is not a phone number.
 * - A foreign number is `+` or `00` with a country code and 9 to 15 digits in all, in any
 *   grouping (`+32 470 12 34 56`, `+49 171 1234567`, `+90 532 123 45 67`, `+212 612 345678`,
 *   `0032 470 12 34 56`). Which digits are the country code is not checked; fewer than 9
 *   (`+1` as a vote, `+32 12`) are not a phone number. Groups after it are read greedily up
 *   to the most digits its country's numbers have (15 for a country not in the table), so the
 *   next number of a list is not read into it; an amount written right after it in digits
 *   only may still be masked with it.
 * - Every number of a list is found: `06-12345678 / 06-87654321`, `06-12345678/06-87654321`,
 *   `…, …`, `…; …`.
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
import {
  hasDobKeywordBefore,
  isRealDate,
  mayHoldDobKeyword,
  numericDateEnd,
} from './birth-date.ts';

/** Start of a phone number; the digits and what comes before are read in code. */
const PHONE_START_RE = /(?<!\d)(?:\+(?=\d)|\(0|0)/g;

/** The patterns of this file, for the ReDoS check. */
export const PHONE_PATTERNS: readonly RegExp[] = [PHONE_START_RE];

const PHONE_GLUED: ReadonlySet<string> = new Set(['tel', 'telnr', 'mob', 'mobiel', 'gsm']);

/** Digits of a foreign number with its country code: E.164 allows at most 15. */
const FOREIGN_MAX_DIGITS = 15;
/** Fewer digits than this after `+` or `00` is no phone number (`+1`, `+32 12`). */
const FOREIGN_MIN_DIGITS = 9;

/**
 * The most digits (country code included) a number of a country has, by country code, for the
 * countries members' households most often call; any other country may have up to 15 digits.
 * A foreign number ends at the last group boundary within its country's length, so the next
 * number of a list (`+90 532 123 45 67⏎06-…`) is not read into it.
 */
const FOREIGN_LENGTHS: ReadonlyMap<string, number> = new Map(
  (
    '1:11 7:11 20:12 27:11 30:12 31:11 32:11 33:11 34:11 36:11 39:13 40:11 41:11 43:13 44:12 ' +
    '45:10 46:12 47:10 48:11 49:13 61:11 62:13 63:12 86:13 90:12 91:12 92:12 93:11 94:11 ' +
    '98:12 212:12 213:12 216:11 234:13 297:10 351:12 352:11 355:12 375:12 380:12 420:12 ' +
    '421:12 597:10 599:10 963:12 964:13 966:12 971:12'
  )
    .split(' ')
    .map((pair) => {
      const [code = '', length = ''] = pair.split(':');
      return [code, Number(length)] as const;
    }),
);

/** The most digits a number with these leading digits may have (country code included). */
function foreignMaxDigits(leading: string): number {
  for (let n = 1; n <= 3; n++) {
    const length = FOREIGN_LENGTHS.get(leading.slice(0, n));
    if (length !== undefined) return length;
  }
  return FOREIGN_MAX_DIGITS;
}

/**
 * End of a foreign number starting at `start` (`+32 470 12 34 56`, `0049 171 1234567`), or
 * -1: a country code and the number, 9 to 15 digits in all, separators between groups; it
 * ends at the last whole group within its country's length ({@link FOREIGN_LENGTHS}).
 */
function foreignEnd(text: string, start: number): number {
  let p = start + (text[start] === '+' ? 1 : 2);
  if (!isDigitAt(text, p) || text[p] === '0') return -1;
  let count = 0;
  let leading = '';
  let max = FOREIGN_MAX_DIGITS;
  let best = -1;
  while (count < FOREIGN_MAX_DIGITS && p < text.length) {
    if (isDigitAt(text, p)) {
      count++;
      if (count <= 3) leading += text[p] ?? '';
      if (count === 3) max = foreignMaxDigits(leading);
      p++;
      if (count > max) break;
      if (count >= FOREIGN_MIN_DIGITS && !isDigitAt(text, p) && numberMayEndAt(text, p)) best = p;
      continue;
    }
    const n = separatorLength(text, p);
    if (n === 0 || !isDigitAt(text, p + n)) break;
    // `+32 470123456 / 0049 …`: a slash after a whole number starts the next one.
    if (count >= FOREIGN_MIN_DIGITS && text.slice(p, p + n).includes('/')) break;
    p += n;
  }
  return best;
}

/** End of a phone number starting at `start`, or -1. */
function phoneEnd(text: string, start: number): number {
  const dutch = text.startsWith('+31', start) || text.startsWith('0031', start);
  const foreign = text[start] === '+' || (text.startsWith('00', start) && !dutch);
  if (foreign && !dutch) return foreignEnd(text, start);
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
    // Digit by digit: `0 6 1 2 3 4 5 6 7 8`.
    if (!isDigitAt(text, p)) p += separatorLength(text, p);
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

/** Whether only a list separator (`/`, `,`, `;`, `&`, `|`) stands between `from` and `to`. */
function listSeparatorBetween(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to).trim();
  return to - from <= 5 && between.length === 1 && '/,;&|'.includes(between);
}

/**
 * Where a date of birth written in digits stands right after its keyword: no phone number starts
 * inside one. `geb 01011930 45 euro` is a date, then an amount (not `0101193045`);
 * `geb 10 01 1930 0031 2 …` and `geb01 01 1930 0031-2-…` are a date, then a phone number (not
 * `01 1930 0031`, which would hide the real number behind it).
 *
 * @example
 * birthDateSpans('geb 10 01 1930 0031-2-00001001') // [[4, 14]]
 */
function birthDateSpans(text: string): [from: number, to: number][] {
  const spans: [number, number][] = [];
  if (!mayHoldDobKeyword(text)) return spans; // no keyword, no date after one
  for (let i = 0; i < text.length; i++) {
    if (!isDigitAt(text, i) || isDigitAt(text, i - 1) || !hasDobKeywordBefore(text, i)) continue;
    const end = numericDateEnd(text, i);
    if (end > 0) spans.push([i, end]);
  }
  return spans;
}

export function findPhones(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  let lastEnd = -1;
  const dates = birthDateSpans(text);
  for (const m of allMatches(PHONE_START_RE, text)) {
    if (m.index < lastEnd) continue; // inside the number before it
    if (dates.some(([from, to]) => from <= m.index && m.index < to)) continue;
    // `06-12345678/06-87654321`: the second number starts right after the first one's slash.
    const listed = lastEnd >= 0 && listSeparatorBetween(text, lastEnd, m.index);
    if (!listed && !numberMayStartAt(text, m.index, PHONE_GLUED)) continue;
    const end = phoneEnd(text, m.index);
    if (end > 0) {
      hits.push({ kind: 'telefoon', index: m.index, length: end - m.index });
      lastEnd = end;
    }
  }
  return hits;
}
