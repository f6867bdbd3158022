/**
 * Households: team-internal codes, never names (docs/rules.md rule 2 and 11).
 *
 * Pure: no I/O. Linear in the input; never throws on any string.
 */

/** A normalised code is at most this long. */
const MAX_CODE_LENGTH = 20;
/** How many separators (`:`, `#`, `-`, `nr.`, `nummer`) may follow the keyword. */
const MAX_SEPARATORS = 4;
/** Longest word read after a keyword (a usable code is far shorter). */
const MAX_WORD_LENGTH = 64;
/** How many name particles (`van`, `de`, `mevrouw` …) are skipped to find a name. */
const MAX_PARTICLES = 3;

/** The keywords; word boundaries are checked in code (a digit may follow: `hh12`). */
const KEYWORD = /huishouden|hh|gezin/gi;
/** `nr`, `nr.` or `nummer` between the keyword and the code (sticky). */
const NUMBER_WORD = /(?:nr|nummer)(?![A-Za-z])\.?/iy;
/** Characters that do not count when comparing codes. */
const IGNORED_IN_CODE = /[\s.\u2010-\u2015\u200B-\u200D\u2060\uFEFF-]/g;
/** What a normalised code may consist of. */
const CODE_CHARS = /^[\p{L}\p{N}]+$/u;
/** One letter or digit. */
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** A capital letter (a name: `Jansen`, `Ali`). */
const CAPITAL = /^\p{Lu}/u;
/** An ASCII digit: codes always have one. */
const DIGIT = /\d/;
/** Whitespace. */
const SPACE = /\s/;
/** A dot between two digits (`12.0`, `1.250`): 12 or 120? Not a code we can read for certain. */
const DECIMAL_POINT = /\d\.\d/;

/** Every RegExp this module uses (checked for ReDoS in the tests). */
export const HOUSEHOLD_PATTERNS: readonly RegExp[] = [
  KEYWORD,
  NUMBER_WORD,
  IGNORED_IN_CODE,
  CODE_CHARS,
  WORD_CHAR,
  CAPITAL,
  DIGIT,
  SPACE,
  DECIMAL_POINT,
];

/** Characters that may sit between the keyword and the code. */
const SEPARATOR_CHARS = new Set([':', '#', '-', '–', '—']);
/** Words between the keyword and a name: `gezin van Ali`, `huishouden mevrouw De Vries`. */
const NAME_PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  'ter',
  'te',
  'mevrouw',
  'meneer',
  'mevr',
  'mw',
  'dhr',
  'heer',
  'fam',
  'familie',
]);

/** How a household code as typed reads: the code, or why it is not one. */
export type CodeReading =
  { ok: true; code: string } | { ok: false; problem: 'ambiguous-code' | 'not-a-code' };

/** `code` without the zeros in front of its first digit that still has a digit after it. */
function withoutLeadingZeros(code: string): string {
  let first = 0;
  while (code[first] === '0' && DIGIT.test(code[first + 1] ?? '')) first++;
  return code.slice(first);
}

/**
 * @name readHouseholdCode
 * @summary Read a household code as typed into the form codes are compared and stored in.
 *
 * @description
 * docs/rules.md rule 2: codes compare without case, spaces, dots, hyphens, a leading `HH` and
 * leading zeros (`hh 012` is `12`, `HH-01` is `1`, `007b` is `7B`). The code is upper case,
 * has at least one digit (codes are never names: `Jansen` is `not-a-code`), holds only
 * letters and digits and is at most 20 characters long. A dot between two digits (`12.0`,
 * `1.250`) is `ambiguous-code`: household 12 or 120 is not certain, so it is never guessed.
 *
 * @param raw - the code as typed (after `huishouden`, `hh`, `gezin`, or `/huishouden`)
 * @returns the code, or why it cannot be used
 *
 * @example
 * const result = readHouseholdCode('HH-012')
 * //=> { ok: true, code: '12' }
 *
 * @example
 * const result = readHouseholdCode('12.0')
 * //=> { ok: false, problem: 'ambiguous-code' }
 */
export function readHouseholdCode(raw: string): CodeReading {
  if (typeof raw !== 'string') return { ok: false, problem: 'not-a-code' };
  let code = raw.replace(IGNORED_IN_CODE, '').toUpperCase();
  if (code.startsWith('HH')) code = code.slice(2);
  if (code === '' || !CODE_CHARS.test(code) || !DIGIT.test(code)) {
    return { ok: false, problem: 'not-a-code' };
  }
  if (DECIMAL_POINT.test(raw)) return { ok: false, problem: 'ambiguous-code' };
  code = withoutLeadingZeros(code);
  if (code.length > MAX_CODE_LENGTH) return { ok: false, problem: 'not-a-code' };
  return { ok: true, code };
}

/**
 * @name normalizeHousehold
 * @summary Turn a household code as typed into the form codes are compared in.
 *
 * @description
 * The code readHouseholdCode reads, or `null` when it reads none (nothing left, longer than
 * 20 characters, anything but letters and digits, no digit at all, or a dot between digits).
 *
 * @param raw - the code as typed
 * @returns the normalised code, or `null`
 *
 * @example
 * // All of these are household 12:
 * const result = normalizeHousehold('HH-012')
 * //=> '12'
 *
 * @example
 * const result = normalizeHousehold('a.b-7')
 * //=> 'AB7'
 */
export function normalizeHousehold(raw: string): string | null {
  const reading = readHouseholdCode(raw);
  return reading.ok ? reading.code : null;
}

/** A household named in free text, or why the named one cannot be used. */
export type FoundHousehold =
  | { ok: true; code: string; raw: string; index: number; length: number }
  | {
      ok: false;
      problem: 'missing-code' | 'looks-like-name' | 'ambiguous-code';
      index: number;
      length: number;
    };

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

function isLetter(ch: string | undefined): boolean {
  return isWordChar(ch) && !DIGIT.test(ch ?? '');
}

function skipSpace(text: string, index: number): number {
  let p = index;
  while (p < text.length && SPACE.test(text[p] ?? '')) p++;
  return p;
}

/**
 * End of the word at `index`: letters and digits, with `.`/`-` inside (`HH-12`, `a.b-7`).
 * Stops after MAX_WORD_LENGTH characters, so `hh-hh-hh-…` stays linear.
 */
function wordEnd(text: string, index: number): number {
  let p = index;
  const stop = Math.min(text.length, index + MAX_WORD_LENGTH);
  while (p < stop) {
    const ch = text[p];
    if (isWordChar(ch)) p++;
    else if ((ch === '.' || ch === '-') && p > index && isWordChar(text[p + 1])) p++;
    else break;
  }
  return p;
}

/** Index after the separators that may follow the keyword. */
function skipSeparators(text: string, index: number): number {
  let p = index;
  for (let k = 0; k < MAX_SEPARATORS; k++) {
    p = skipSpace(text, p);
    if (SEPARATOR_CHARS.has(text[p] ?? '')) {
      p++;
      continue;
    }
    if (!isWordChar(text[p - 1])) {
      NUMBER_WORD.lastIndex = p;
      const m = NUMBER_WORD.exec(text);
      if (m !== null) {
        p += m[0].length;
        continue;
      }
    }
    break;
  }
  return skipSpace(text, p);
}

/** Read what follows the keyword that ends at `keywordEnd`. */
function readCode(text: string, keywordStart: number, keywordEnd: number): FoundHousehold {
  const start = skipSeparators(text, keywordEnd);
  let end = wordEnd(text, start);
  const missing = (until: number): FoundHousehold => ({
    ok: false,
    problem: 'missing-code',
    index: keywordStart,
    length: Math.max(until, keywordEnd) - keywordStart,
  });
  if (end === start) return missing(keywordEnd);

  const raw = text.slice(start, end);
  if (DIGIT.test(raw)) {
    const reading = readHouseholdCode(raw);
    if (reading.ok) {
      return { ok: true, code: reading.code, raw, index: keywordStart, length: end - keywordStart };
    }
    if (reading.problem === 'ambiguous-code') {
      return {
        ok: false,
        problem: 'ambiguous-code',
        index: keywordStart,
        length: end - keywordStart,
      };
    }
    return missing(end);
  }

  // No digit: a word. Look past `van`, `de`, `mevrouw` … for a capitalised name.
  let word = raw;
  for (let k = 0; k < MAX_PARTICLES && NAME_PARTICLES.has(word.toLowerCase()); k++) {
    const next = skipSpace(text, end);
    const nextEnd = wordEnd(text, next);
    if (nextEnd === next) return missing(end);
    word = text.slice(next, nextEnd);
    end = nextEnd;
  }
  if (CAPITAL.test(word) && !NAME_PARTICLES.has(word.toLowerCase())) {
    return {
      ok: false,
      problem: 'looks-like-name',
      index: keywordStart,
      length: end - keywordStart,
    };
  }
  return missing(end);
}

/**
 * Every household keyword in `text` with what follows it. A keyword inside a code read just
 * before (`huishouden HH-12`) is part of that code; after a keyword without a code the next
 * keyword is read on its own (`huishouden hh 7`).
 */
function* mentions(text: string): Generator<FoundHousehold> {
  let covered = 0;
  for (const m of text.matchAll(KEYWORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start < covered) continue;
    if (start > 0 && isWordChar(text[start - 1])) continue;
    if (isLetter(text[end])) continue;
    const result = readCode(text, start, end);
    if (result.ok || result.problem === 'ambiguous-code') covered = result.index + result.length;
    yield result;
  }
}

/**
 * @name findHousehold
 * @summary Find the household code named in free text.
 *
 * @description
 * A code follows the keyword `huishouden`, `hh` or `gezin` (any case, whole words; a
 * digit may follow directly: `hh12`), optionally after `:`, `#`, `-`, `nr`, `nr.` or
 * `nummer`: `huishouden HH-12`, `hh 7`, `HH-12`, `gezin 3`, `huishouden: 12b`,
 * `gezin nr. 4`. `huishoudens` and `huishoudelijk` are not keywords.
 *
 * A code has at least one digit. When a keyword is followed by a word without digits the
 * result is `looks-like-name` if that word (after `van`, `de`, `mevrouw` …) is
 * capitalised (`gezin Jansen`, `voor het gezin van Ali`) and `missing-code` otherwise
 * (`gezin met drie kinderen`). A code with a dot between digits (`hh 12.0`) is
 * `ambiguous-code`. The first usable code wins; when there is none the first problem is
 * returned; `null` means no keyword at all. To see every household a text names, use
 * findHouseholds.
 *
 * `index`/`length` cover keyword and code; `raw` is the code as typed, `code` the
 * normalised form (see readHouseholdCode: `hh 012` is household `12`).
 *
 * @param text - free text, e.g. a chat message
 * @returns the household, its problem, or `null`
 *
 * @example
 * const result = findHousehold('grofvuil €33 voor huishouden HH-12')
 * //=> { ok: true, code: '12', raw: 'HH-12', index: 18, length: 16 }
 *
 * @example
 * // Names are refused: households are codes.
 * const result = findHousehold('€40 voor het gezin van Ali')
 * //=> { ok: false, problem: 'looks-like-name', index: 13, length: 13 }
 */
export function findHousehold(text: string): FoundHousehold | null {
  if (typeof text !== 'string') return null;
  let firstProblem: FoundHousehold | null = null;
  for (const result of mentions(text)) {
    if (result.ok) return result;
    firstProblem ??= result;
  }
  return firstProblem;
}

/**
 * @name findHouseholds
 * @summary Find every household named in free text, in order.
 *
 * @description
 * Each keyword read as findHousehold reads it, usable or with its problem, so a message
 * that names two households (`€ 20 hh 12 en € 300 hh 13`) can be told from one that names
 * one. A keyword inside the code of the one before (`huishouden HH-12`) is not a second
 * household. Linear in the length of `text`; never throws.
 *
 * @param text - free text, e.g. a chat message
 * @returns the households named, empty when there is no keyword
 *
 * @example
 * const result = findHouseholds('€ 20 hh 12 en € 300 hh 13')
 * //=> [{ ok: true, code: '12', raw: '12', index: 5, length: 5 },
 * //    { ok: true, code: '13', raw: '13', index: 20, length: 5 }]
 */
export function findHouseholds(text: string): FoundHousehold[] {
  if (typeof text !== 'string') return [];
  return Array.from(mentions(text));
}
