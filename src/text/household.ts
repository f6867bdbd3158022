/**
 * Households: team-internal codes, never names (docs/rules.md rule 2 and 11).
 *
 * Pure: no I/O. Linear in the input; never throws on any string.
 */

import { cleanText } from './clean-text.ts';

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
/** Characters that do not count when comparing codes (hyphens are looked at first, see readHouseholdCode). */
const IGNORED_IN_CODE = /[\s.\u200B-\u200D\u2060\uFEFF]/g;
/** Hyphens and dashes: they do not count either, but one between digits (`21-22`) may part two codes. */
const HYPHENS = /[\u2010-\u2015-]/g;
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
/** A letter that looks like a digit between two digits (`1O2`, `1l2`, `1I2`): 102, 112, or a typo? */
const LOOK_ALIKE = /\d[OoIl|]\d/;
/** A hyphen or dash between two digits (`21-22`): one code, or households 21 and 22? */
const DIGIT_HYPHEN_DIGIT = /\d[\u2010-\u2015-]\d/;
/**
 * The format of a household code (docs/rules.md rule 2), as stored: digits, with at most a short
 * letter prefix (up to three letters: `N12`, `AB7`) or suffix (up to two: `12a`, `7bis` is not).
 * Longer letter runs are names or streets (`DeVries3`, `Dorpsstraat4`), never codes.
 */
export const DEFAULT_CODE_FORMAT = /^[A-Z]{0,3}\d{1,12}[A-Z]{0,2}$/;
/** A stored code: ASCII letters and digits. */
const ASCII_CODE = /^[A-Z0-9]+$/;
/** A word that joins two codes: `hh 21 en 22`, `hh 21 of 22`, `hh 21 t/m 24` (sticky). */
const JOIN_WORD = /(?:en\/of|en|of|tot|t\/m|and)(?![\p{L}\p{N}])/iuy;
/** Money right after a number: that number is an amount, not a second code (sticky). */
const MONEY_AFTER = /\s{0,3}(?:€|eur(?:o)?(?![\p{L}])|[.,][-–—])/iuy;

/** Every RegExp this module uses (checked for ReDoS in the tests). */
export const HOUSEHOLD_PATTERNS: readonly RegExp[] = [
  KEYWORD,
  NUMBER_WORD,
  IGNORED_IN_CODE,
  HYPHENS,
  LOOK_ALIKE,
  DIGIT_HYPHEN_DIGIT,
  DEFAULT_CODE_FORMAT,
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

/**
 * Why a household code as typed cannot be used: `not-a-code` (no digit, nothing left, or not
 * letters and digits), `ambiguous-code` (`12.0`, `1O2`: not certain which household),
 * `several-codes` (`21-22`: one code or two households?) and `not-code-format` (letters and
 * digits, but not in the team's code format: a name or a street such as `DeVries3`).
 */
export type CodeProblem = 'ambiguous-code' | 'not-a-code' | 'several-codes' | 'not-code-format';

/** How a household code as typed reads: the code, or why it is not one. */
export type CodeReading = { ok: true; code: string } | { ok: false; problem: CodeProblem };

/**
 * The format a team's household codes have: DEFAULT_CODE_FORMAT unless the team set its own
 * pattern (`householdCodePattern` in its settings, see team-settings.ts). A team's pattern is
 * matched against the code as typed in upper case without spaces, dots and a leading `HH`,
 * but with its hyphens (`^\d{2}-\d{2}$` lets `21-22` be one code), and against the stored
 * form (hyphens and leading zeros dropped too).
 */
export type CodeFormat = { pattern: RegExp | null };

/** The default: DEFAULT_CODE_FORMAT, and a hyphen between digits parts two codes. */
export const DEFAULT_FORMAT: CodeFormat = { pattern: null };

/** Compiled team patterns, by source (a team's settings hold the source). */
const compiled = new Map<string, CodeFormat>();

/**
 * The code format of a team's settings: its own pattern (validated when the configuration was
 * read, see team-settings.ts) or DEFAULT_FORMAT. Compiled once per pattern.
 *
 * @example
 * codeFormatOf({ householdCodePattern: '^\\d{2}-\\d{2}$' }).pattern // /^\d{2}-\d{2}$/
 */
export function codeFormatOf(settings: { householdCodePattern?: string }): CodeFormat {
  const source = settings.householdCodePattern;
  if (source === undefined) return DEFAULT_FORMAT;
  let format = compiled.get(source);
  if (format === undefined) {
    try {
      format = { pattern: new RegExp(source) };
    } catch {
      format = DEFAULT_FORMAT;
    }
    compiled.set(source, format);
  }
  return format;
}

/** `code` without the zeros in front of its first digit that still has a digit after it. */
function withoutLeadingZeros(code: string): string {
  let first = 0;
  while (code[first] === '0' && DIGIT.test(code[first + 1] ?? '')) first++;
  return code.slice(first);
}

/** `typed` without a leading `HH` (and the hyphens right after it): `HH-12` is `12`. */
function withoutHhPrefix(typed: string): string {
  if (!typed.startsWith('HH')) return typed;
  let p = 2;
  while (typed[p] === '-') p++;
  return typed.slice(p);
}

/**
 * @name readHouseholdCode
 * @summary Read a household code as typed into the form codes are compared and stored in: the
 * one validator of codes for chat, `/huishouden` and both imports.
 *
 * @description
 * docs/rules.md rule 2: codes compare without case, spaces, dots, hyphens, a leading `HH` and
 * leading zeros (`hh 012` is `12`, `HH-01` is `1`, `007b` is `7B`). A stored code is plain
 * ASCII upper case, at most 20 characters, in the team's format (DEFAULT_CODE_FORMAT:
 * digits with at most a short letter prefix or suffix, `N12`, `12a`). What is not certain is
 * never guessed: a dot between digits (`12.0`, `1.250`) or a look-alike letter between digits
 * (`1O2`, `1l2`) is `ambiguous-code`; a hyphen between digits (`21-22`) is `several-codes`
 * unless the team's own pattern allows it; a name or street with a digit (`DeVries3`,
 * `Dorpsstraat4`) is `not-code-format`; no digit at all (`Jansen`) is `not-a-code`. Digits of
 * other scripts must have been made ASCII before (cleanText does that for every chat text and
 * import cell), so a code that still holds one is `not-code-format`.
 *
 * @param raw - the code as typed (after `huishouden`, `hh`, `gezin`, or `/huishouden`)
 * @param format - the team's code format (DEFAULT_FORMAT when not given)
 * @returns the code, or why it cannot be used
 *
 * @example
 * const result = readHouseholdCode('HH-012')
 * //=> { ok: true, code: '12' }
 *
 * @example
 * const result = readHouseholdCode('1O2')
 * //=> { ok: false, problem: 'ambiguous-code' }
 *
 * @example
 * const result = readHouseholdCode('DeVries3')
 * //=> { ok: false, problem: 'not-code-format' }
 */
export function readHouseholdCode(raw: string, format: CodeFormat = DEFAULT_FORMAT): CodeReading {
  if (typeof raw !== 'string') return { ok: false, problem: 'not-a-code' };
  // Digits of every script as ASCII (cleanText), whoever calls: chat, /huishouden, imports.
  const cleaned = cleanText(raw.slice(0, MAX_WORD_LENGTH * 2));
  const compact = cleaned.replace(IGNORED_IN_CODE, '');
  const typed = withoutHhPrefix(compact.replace(HYPHENS, '-').toUpperCase());
  let code = typed.replace(HYPHENS, '');
  if (code === '' || !CODE_CHARS.test(code) || !DIGIT.test(code)) {
    return { ok: false, problem: 'not-a-code' };
  }
  if (DECIMAL_POINT.test(cleaned) || LOOK_ALIKE.test(compact)) {
    return { ok: false, problem: 'ambiguous-code' };
  }
  code = withoutLeadingZeros(code);
  const pattern = format.pattern;
  if (pattern === null) {
    if (DIGIT_HYPHEN_DIGIT.test(typed)) return { ok: false, problem: 'several-codes' };
    if (code.length > MAX_CODE_LENGTH || !DEFAULT_CODE_FORMAT.test(code)) {
      return { ok: false, problem: 'not-code-format' };
    }
    return { ok: true, code };
  }
  if (code.length > MAX_CODE_LENGTH || !ASCII_CODE.test(code)) {
    return { ok: false, problem: 'not-code-format' };
  }
  if (matches(pattern, typed) || (!DIGIT_HYPHEN_DIGIT.test(typed) && matches(pattern, code))) {
    return { ok: true, code };
  }
  return {
    ok: false,
    problem: DIGIT_HYPHEN_DIGIT.test(typed) ? 'several-codes' : 'not-code-format',
  };
}

/** Does `pattern` match `text` (a fresh search, whatever flags the pattern has)? */
function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
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
      problem:
        'missing-code' | 'looks-like-name' | 'ambiguous-code' | 'several-codes' | 'not-code-format';
      index: number;
      length: number;
    };

/** Characters that join two codes without a word: `hh 21/22`, `hh 21 + 22`, `hh 21 & 22`, `hh 21, 22`. */
const JOIN_CHARS = new Set(['/', '+', '&', ',']);

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

/**
 * The end of a second code joined to the one that ends at `index` (`hh 21 en 22`, `hh 21/22`,
 * `hh 21 + 22`, `hh 21, 22`), or -1. A number with money right after it is an amount
 * (`hh 12 en 50 euro`), not a code. Looks at a few characters only.
 */
function secondCodeEnd(text: string, index: number, format: CodeFormat): number {
  let p = skipSpace(text, index);
  if (JOIN_CHARS.has(text[p] ?? '')) p++;
  else {
    JOIN_WORD.lastIndex = p;
    const m = p > index ? JOIN_WORD.exec(text) : null;
    if (m === null) return -1;
    p += m[0].length;
  }
  p = skipSpace(text, p);
  const end = wordEnd(text, p);
  if (end === p || !DIGIT.test(text.slice(p, end))) return -1;
  MONEY_AFTER.lastIndex = end;
  if (MONEY_AFTER.test(text)) return -1;
  const reading = readHouseholdCode(text.slice(p, end), format);
  return reading.ok || reading.problem !== 'not-a-code' ? end : -1;
}

/** Read what follows the keyword that ends at `keywordEnd`. */
function readCode(
  text: string,
  keywordStart: number,
  keywordEnd: number,
  format: CodeFormat,
): FoundHousehold {
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
    const reading = readHouseholdCode(raw, format);
    const span = { index: keywordStart, length: end - keywordStart };
    if (reading.ok) {
      const second = secondCodeEnd(text, end, format);
      if (second !== -1) {
        return {
          ok: false,
          problem: 'several-codes',
          index: keywordStart,
          length: second - keywordStart,
        };
      }
      return { ok: true, code: reading.code, raw, ...span };
    }
    if (reading.problem === 'not-a-code') return missing(end);
    return { ok: false, problem: reading.problem, ...span };
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
function* mentions(text: string, format: CodeFormat): Generator<FoundHousehold> {
  let covered = 0;
  for (const m of text.matchAll(KEYWORD)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start < covered) continue;
    if (start > 0 && isWordChar(text[start - 1])) continue;
    if (isLetter(text[end])) continue;
    const result = readCode(text, start, end, format);
    if (result.ok || (result.problem !== 'missing-code' && result.problem !== 'looks-like-name'))
      covered = result.index + result.length;
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
export function findHousehold(
  text: string,
  format: CodeFormat = DEFAULT_FORMAT,
): FoundHousehold | null {
  if (typeof text !== 'string') return null;
  let firstProblem: FoundHousehold | null = null;
  for (const result of mentions(text, format)) {
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
export function findHouseholds(
  text: string,
  format: CodeFormat = DEFAULT_FORMAT,
): FoundHousehold[] {
  if (typeof text !== 'string') return [];
  return Array.from(mentions(text, format));
}
