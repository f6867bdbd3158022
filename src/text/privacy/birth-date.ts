/**
 * Dates of birth in chat text (docs/rules.md rule 11).
 *
 * Judgement calls:
 * - A date of birth is a date right after `geb.`, `geb`, `geboren (op)`, `geboortedatum`,
 *   `geb.datum` or `DOB` (day and month are enough there; a two-digit year is fine; the parts
 *   may be separated by spaces or written together: `geb 01021980`, `geb 010280`), or a
 *   full date with a four-digit year (`12-03-1985`, `12/3/1985`, `1985-03-12`,
 *   `12 maart 1985`) that lies at least 12 years before `now`.
 * - A month may be written in full or abbreviated (`3 okt 1990`, `3 okt. 1990`), the day as an
 *   ordinal (`3e oktober`, `1ste mei`, `3de okt`), the year with an apostrophe (`03-10-'90`,
 *   `3 okt '90`): that is the latest such year not after `now` (`'90` is 1990) and counts as
 *   a full year for the 12-year rule. A date without a year (`3e oktober`) is only a date of
 *   birth after a keyword (`geb 3e oktober`): an appointment is no personal data.
 * - A date split over a line break, or written in other digits (full-width, Arabic-Indic:
 *   cleanText reads them as ASCII digits), is found as the same date.
 *
 * @example
 * findBirthDates('geb. 12-03-1985', new Date('2026-01-01'));
 * // → [{ kind: 'geboortedatum', index: 5, length: 10 }]
 */

import type { PersonalDataHit } from './types.ts';
import {
  allMatches,
  isAsciiLetterCode,
  isDigitAt,
  isLetterAt,
  isWordAt,
  numberMayEndAt,
  separatorLength,
} from './scan.ts';

/** Numeric date day-month-year: `12-03-1985`, `12/3/1985`, `12.03.85`. */
const DATE_DMY_RE =
  /(?<![\w/.-])(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d|['\u2019]?\d\d)(?![\w/-]|[.,]\d)/g;
/** ISO date year-month-day: `1985-03-12`. */
const DATE_YMD_RE = /(?<![\w/.-])((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?![\w/-]|[.,]\d)/g;
/** Date with a month name: `12 maart 1985`, `12 mrt. 1985`, `3 mei`, `3 okt '90` (name checked
 * in code). */
const DATE_TEXT_RE =
  /(?<!\w)(\d{1,2})\.? ?([a-z]{3,9})\.?(?: ((?:19|20)\d\d|['\u2019]\d\d))?(?!\w)/gi;
/** Ordinal day and a month name: `3e oktober`, `1ste mei`, `3de okt.`; a year after it is read
 * in code (in one pattern with the year it could backtrack too much). */
const DATE_ORDINAL_RE = /(?<!\w)(\d{1,2})(?:e|de|ste|st|nd|rd|th)\.? ([a-z]{3,9})(?!\w)/gi;
/** Birth-date keyword right before a date (tested on a short slice before the date). */
const DOB_KEYWORD_BEFORE_RE =
  /(?<![a-z])(?:geboortedatum|geb\.? ?datum|geboren|geb|dob|d\.o\.b)[\s:.=/-]{0,4}$/i;
/** What every birth-date keyword above holds: without it no keyword stands anywhere. */
const DOB_KEYWORD_CORE_RE = /geb|dob|d\.o\.b/i;
/** A birth-date keyword anywhere; the date after it is read in code. */
const DOB_KEYWORD_RE =
  /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9])(?:geboortedatum|geb\.? ?datum|geboren|geb|dob|d\.o\.b)(?![A-Za-zÀ-ÖØ-öø-ÿ])/gi;

/** The patterns of this file, for the ReDoS check. */
export const BIRTH_DATE_PATTERNS: readonly RegExp[] = [
  DOB_KEYWORD_CORE_RE,
  DATE_DMY_RE,
  DATE_YMD_RE,
  DATE_TEXT_RE,
  DATE_ORDINAL_RE,
  DOB_KEYWORD_BEFORE_RE,
  DOB_KEYWORD_RE,
];

/** Month names and abbreviations (Dutch and English), one entry per month. */
const MONTH_NAMES: readonly string[] = [
  'januari january jan',
  'februari february feb febr',
  'maart march mrt mar maa',
  'april apr',
  'mei may',
  'juni june jun',
  'juli july jul',
  'augustus august aug',
  'september sept sep',
  'oktober october okt oct',
  'november nov',
  'december dec',
];
const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((names, i) => names.split(' ').map((name) => [name, i + 1] as const)),
);

export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * Whether `text` may hold a birth-date keyword at all (a quick first look: when `false`,
 * {@link hasDobKeywordBefore} is `false` at every index of `text`).
 */
export function mayHoldDobKeyword(text: string): boolean {
  return DOB_KEYWORD_CORE_RE.test(text);
}

export function hasDobKeywordBefore(text: string, index: number): boolean {
  let before = text.slice(Math.max(0, index - 32), index);
  // Allow `geboren op 12 maart`, `DOB on 1985-03-12`.
  let end = before.length;
  while (end > 0 && ' \t\n:'.includes(before[end - 1] ?? 'x')) end--;
  const word = before.slice(end - 2, end).toLowerCase();
  if ((word === 'op' || word === 'on') && !isAsciiLetterCode(before.charCodeAt(end - 3))) {
    before = before.slice(0, end - 2);
  }
  return DOB_KEYWORD_BEFORE_RE.test(before);
}

interface DateCandidate {
  index: number;
  length: number;
  /** Calendar date (UTC ms) when the year is written in full, else undefined. */
  fullDate: number | undefined;
}

/**
 * The year of a year written as `1990`, `'90` (the latest year ending so that is not after
 * `nowYear`: `'90` is 1990, `'05` is 2005 in 2026) or `90` (read as 2090: without the
 * apostrophe a two-digit year only counts after a birth-date keyword); and whether it is
 * certain enough for the 12-year rule.
 */
function yearOf(yearText: string, nowYear: number): { year: number; full: boolean } {
  if (yearText.length === 4) return { year: Number(yearText), full: true };
  const yy = Number(yearText.slice(-2));
  if (yearText.length === 2) return { year: 2000 + yy, full: false };
  return { year: 2000 + yy <= nowYear ? 2000 + yy : 1900 + yy, full: true };
}

/** A year right after a month name at `p` (`. 1990`, ` '90`), or undefined. */
function yearAfter(text: string, p: number): { yearText: string; end: number } | undefined {
  let q = p;
  if (text[q] === '.') q++;
  if (text[q] !== ' ') return undefined;
  q++;
  const apostrophe = text[q] === "'" || text[q] === '\u2019';
  const from = apostrophe ? q + 1 : q;
  let end = from;
  while (isDigitAt(text, end) && end - from < 5) end++;
  const digits = end - from;
  if (isWordAt(text, end) || (apostrophe ? digits !== 2 : digits !== 4)) return undefined;
  const century = text.slice(from, from + 2);
  if (!apostrophe && century !== '19' && century !== '20') return undefined;
  return { yearText: text.slice(q, end), end };
}

function findDateCandidates(text: string, nowYear: number): DateCandidate[] {
  const out: DateCandidate[] = [];
  for (const m of allMatches(DATE_DMY_RE, text)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const { year, full } = yearOf(m[3] ?? '', nowYear);
    const dmy = isRealDate(year, b, a);
    // 3/25/1985 (month first) also counts as a date.
    if (!dmy && !isRealDate(year, a, b)) continue;
    const fullDate = full ? (dmy ? Date.UTC(year, b - 1, a) : Date.UTC(year, a - 1, b)) : undefined;
    out.push({ index: m.index, length: m[0].length, fullDate });
  }
  for (const m of allMatches(DATE_YMD_RE, text)) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (!isRealDate(year, month, day)) continue;
    out.push({ index: m.index, length: m[0].length, fullDate: Date.UTC(year, month - 1, day) });
  }
  for (const m of allMatches(DATE_ORDINAL_RE, text)) {
    const day = Number(m[1]);
    const month = MONTHS.get((m[2] ?? '').toLowerCase());
    if (month === undefined) continue;
    const after = yearAfter(text, m.index + m[0].length);
    const year = after === undefined ? 2000 : yearOf(after.yearText, nowYear).year;
    if (!isRealDate(year, month, day)) continue;
    const fullDate = after === undefined ? undefined : Date.UTC(year, month - 1, day);
    const nameEnd = m.index + m[0].length;
    const end = after?.end ?? (text[nameEnd] === '.' ? nameEnd + 1 : nameEnd);
    out.push({ index: m.index, length: end - m.index, fullDate });
  }
  for (const m of allMatches(DATE_TEXT_RE, text)) {
    const day = Number(m[1]);
    const month = MONTHS.get((m[2] ?? '').toLowerCase());
    if (month === undefined) continue;
    const yearText = m[3];
    // 2000 when no year is written: a leap year, so 29 feb is a date.
    const year = yearText === undefined ? 2000 : yearOf(yearText, nowYear).year;
    if (!isRealDate(year, month, day)) continue;
    const fullDate = yearText === undefined ? undefined : Date.UTC(year, month - 1, day);
    out.push({ index: m.index, length: m[0].length, fullDate });
  }
  return out;
}

/** End of a date of the form `dd-mm-jjjj` with any separator, `jjjj-mm-dd`, or its digits
 * written together (`01021980`, `010280`, `19800201`), starting at `p`; or -1. */
export function numericDateEnd(text: string, p: number): number {
  if (!isDigitAt(text, p)) return -1;
  let q = p;
  while (isDigitAt(text, q) && q - p < 9) q++;
  const digits = text.slice(p, q);
  const n = digits.length;
  const part = (from: number, to: number) => Number(digits.slice(from, to));
  const ends = (end: number) => (numberMayEndAt(text, end) ? end : -1);
  if (n === 8) {
    const ok =
      isRealDate(part(4, 8), part(2, 4), part(0, 2)) ||
      isRealDate(part(0, 4), part(4, 6), part(6, 8));
    return ok ? ends(q) : -1;
  }
  if (n === 6) return isRealDate(2000 + part(4, 6), part(2, 4), part(0, 2)) ? ends(q) : -1;
  if (n > 2 && n !== 4) return -1;
  // Three groups with one separator: day month year, or year month day.
  const groups: string[] = [digits];
  let end = q;
  for (let k = 0; k < 2; k++) {
    const s = separatorLength(text, end);
    if (s === 0 || !isDigitAt(text, end + s)) return -1;
    let r = end + s;
    while (isDigitAt(text, r) && r - end - s < 5) r++;
    groups.push(text.slice(end + s, r));
    end = r;
  }
  const [a = '', b = '', c = ''] = groups;
  if (b.length > 2) return -1;
  if (a.length === 4) {
    return c.length <= 2 && isRealDate(Number(a), Number(b), Number(c)) ? ends(end) : -1;
  }
  if (c.length !== 2 && c.length !== 4) return -1;
  const year = c.length === 4 ? Number(c) : 2000 + Number(c);
  const ok = isRealDate(year, Number(b), Number(a)) || isRealDate(year, Number(a), Number(b));
  return ok ? ends(end) : -1;
}

/** Dates right after a birth-date keyword that the patterns above do not read. */
function findDatesAfterKeyword(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(DOB_KEYWORD_RE, text)) {
    let p = m.index + m[0].length;
    if (isWordAt(text, m.index - 1) || isLetterAt(text, p)) continue; // other scripts
    for (let k = 0; k < 4 && ' \t\n:.=/-'.includes(text[p] ?? 'x'); k++) p++;
    const word = text.slice(p, p + 2).toLowerCase();
    if ((word === 'op' || word === 'on') && !isLetterAt(text, p + 2)) {
      p += 2;
      for (let k = 0; k < 3 && ' \t\n:'.includes(text[p] ?? 'x'); k++) p++;
    }
    const end = numericDateEnd(text, p);
    if (end > 0) hits.push({ kind: 'geboortedatum', index: p, length: end - p });
  }
  return hits;
}

export function findBirthDates(text: string, now: Date): PersonalDataHit[] {
  const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
  let cutoff = Number.NaN;
  if (Number.isFinite(nowMs)) {
    const n = new Date(nowMs);
    cutoff = Date.UTC(n.getUTCFullYear() - 12, n.getUTCMonth(), n.getUTCDate());
  }
  const hits: PersonalDataHit[] = [];
  const nowYear = Number.isFinite(nowMs) ? new Date(nowMs).getUTCFullYear() : 2000;
  for (const c of findDateCandidates(text, nowYear)) {
    const old = c.fullDate !== undefined && c.fullDate <= cutoff;
    if (old || hasDobKeywordBefore(text, c.index)) {
      hits.push({ kind: 'geboortedatum', index: c.index, length: c.length });
    }
  }
  return [...hits, ...findDatesAfterKeyword(text)];
}
