/**
 * Money: the ONE place that reads and writes amounts. Amounts are integer euro cents
 * everywhere (docs/rules.md); digits are parsed as strings, never through floats.
 *
 * Pure: no I/O, no clock. Every function here runs in time linear in its input and
 * never throws on any string.
 */

/** The largest amount the bot accepts anywhere: € 100.000,00. */
export const MAX_AMOUNT_CENTS = 10_000_000;

/**
 * Why an amount that is marked as money still cannot be used: `unreadable` notation
 * (`€1,250`), `zero`, `too-large`, a minus sign (`negative`: `-€20`, `€ −20`), or a number
 * that does not end for certain (`ambiguous-amount`: `€1 250`, `€12 50`, `€1e3`, `€ 20k`,
 * `€ 20-30`). docs/rules.md rule 2: such an amount is never guessed.
 */
export type AmountProblem = 'unreadable' | 'zero' | 'too-large' | 'negative' | 'ambiguous-amount';

/** A stretch of text (UTF-16 index and length). */
export type TextSpan = { index: number; length: number };

/** An amount found in free text, with where it sits (UTF-16 index and length). */
export type FoundAmount =
  | { ok: true; cents: number; index: number; length: number }
  | { ok: false; problem: AmountProblem; index: number; length: number };

/** More integer digits than this is `too-large` without looking at the value. */
const MAX_INTEGER_DIGITS = 9;
/** How much whitespace may sit between `€`/`euro` and the number. */
const MAX_GAP = 3;
/** How far back a number before an amount (`1 250 euro`) is looked for. */
const MAX_LOOK_BACK = 32;

/** A run of ASCII digits (sticky: read at `lastIndex`). */
const DIGIT_RUN = /\d+/y;
/** The words `eur` / `euro` (any case), not followed by another letter (sticky). */
const EURO_WORD = /euro?(?![A-Za-zÀ-ÖØ-öø-ÿ])/iy;
/** A single letter (Latin with accents is enough to tell words from numbers). */
const LETTER = /[\p{L}]/u;
/** Whitespace, including NBSP and the narrow NBSP that nl-NL formatting uses. */
const SPACE = /\s/;

/** Every RegExp this module uses (checked for ReDoS in the tests). */
export const MONEY_PATTERNS: readonly RegExp[] = [DIGIT_RUN, EURO_WORD, LETTER, SPACE];

/** Dashes people type (or phones autocorrect) in `33,-` / `33,--` / `33,—`. */
const DASHES = new Set(['-', '–', '—']);
/** Minus signs in front of a number: `€-33`, `€ −33`. */
export const MINUS: ReadonlySet<string> = new Set(['-', '−', '–']);
/** The minus sign proper (U+2212): a minus even with a space after it (`− €20`). */
const TRUE_MINUS = '−';
/** Dashes between two numbers (`20-30`): a range, not one amount. */
const RANGE_DASHES = new Set(['-', '–', '—', '−']);

type NumberToken = {
  /** Index just after the number (including a `,-` / `,--` ending). */
  end: number;
  /** Integer digits, thousands separators removed. */
  integer: string;
  /** 0–2 decimal digits. */
  fraction: string;
  /** Ends in `,-` / `,--`: marked as money by itself. */
  dashed: boolean;
  /** Not a number we can read with certainty (`1,250`, `1.2345`, `1.250.5`). */
  unreadable: boolean;
};

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && SPACE.test(ch);
}

/** Whitespace within a line: a line break ends a number for certain. */
function isInlineSpace(ch: string | undefined): boolean {
  return isSpace(ch) && ch !== '\n' && ch !== '\r' && ch !== '\u2028' && ch !== '\u2029';
}

/** Length of the digit run at `index` (0 if none). */
function digitRunLength(text: string, index: number): number {
  DIGIT_RUN.lastIndex = index;
  const m = DIGIT_RUN.exec(text);
  return m === null ? 0 : m[0].length;
}

/** Index after the `eur`/`euro` word at `index`, or -1. Checks the word start too. */
function euroWordEnd(text: string, index: number): number {
  if (index > 0 && isLetter(text[index - 1])) return -1;
  EURO_WORD.lastIndex = index;
  const m = EURO_WORD.exec(text);
  return m === null ? -1 : index + m[0].length;
}

/** Index after at most MAX_GAP whitespace characters from `index`. */
function skipGap(text: string, index: number): number {
  let p = index;
  while (p < text.length && p - index < MAX_GAP && isSpace(text[p])) p++;
  return p;
}

/** Does a number (optionally negative) start at `index`, after a small gap? */
function numberFollows(text: string, index: number): boolean {
  let p = skipGap(text, index);
  if (MINUS.has(text[p] ?? '')) p++;
  return isDigit(text[p]);
}

/**
 * Read the number that starts at `start` (a digit). Dutch notation: `.` groups thousands
 * (`1.250`, exactly three digits per group), `,` starts decimals (`12,5`, `12,50`) or a
 * dash (`33,-`). A dot with one or two digits is read as decimals (`12.50`).
 */
function readNumber(text: string, start: number): NumberToken {
  let p = start;
  const firstLength = digitRunLength(text, p);
  let integer = text.slice(p, p + firstLength);
  p += firstLength;
  let fraction = '';
  let dashed = false;
  let unreadable = false;
  let grouped = false;

  if (firstLength <= 3) {
    while (text[p] === '.' && digitRunLength(text, p + 1) === 3) {
      integer += text.slice(p + 1, p + 4);
      p += 4;
      grouped = true;
    }
  }

  const sep = text[p];
  if ((sep === ',' || sep === '.') && DASHES.has(text[p + 1] ?? '')) {
    p += 2;
    if (DASHES.has(text[p] ?? '')) p++;
    dashed = true;
  } else if ((sep === ',' || sep === '.') && isDigit(text[p + 1])) {
    const run = digitRunLength(text, p + 1);
    if (run <= 2 && !(sep === '.' && grouped)) fraction = text.slice(p + 1, p + 1 + run);
    else unreadable = true;
    p += 1 + run;
  }

  // More groups after that (`1,250.00`, `1.250.5`, `12,50,3`): not a number we trust.
  while (!dashed && (text[p] === '.' || text[p] === ',') && isDigit(text[p + 1])) {
    p += 1 + digitRunLength(text, p + 1);
    unreadable = true;
  }

  return { end: p, integer, fraction, dashed, unreadable };
}

type Evaluated = { ok: true; cents: number } | { ok: false; problem: AmountProblem };

/**
 * The cents of a number read as digit strings (integer digits without separators, 0–2 decimal
 * digits), or why it cannot be used (`negative`, `zero`, `too-large`). The one place digits
 * become cents, for chat amounts and spreadsheet cells (see sheet-amount.ts) alike.
 *
 * @example
 * centsFromDigits('1250', '5', false) //=> { ok: true, cents: 125050 }
 */
export function centsFromDigits(integer: string, fraction: string, negative: boolean): Evaluated {
  return evaluate({ end: 0, integer, fraction, dashed: false, unreadable: false }, negative);
}

function evaluate(token: NumberToken, negative: boolean): Evaluated {
  let first = 0;
  while (first < token.integer.length - 1 && token.integer[first] === '0') first++;
  const integer = token.integer.slice(first);
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, problem: 'too-large' };
  if (negative) return { ok: false, problem: 'negative' };
  if (token.unreadable) return { ok: false, problem: 'unreadable' };
  const fraction = token.fraction.padEnd(2, '0');
  const cents = Number(integer) * 100 + Number(fraction);
  if (cents === 0) return { ok: false, problem: 'zero' };
  if (cents > MAX_AMOUNT_CENTS) return { ok: false, problem: 'too-large' };
  return { ok: true, cents };
}

/** Index after a money marker (`€`, `eur`, `euro`) that follows a number, or -1. */
function suffixMarkerEnd(text: string, index: number): number {
  const p = skipGap(text, index);
  let end = -1;
  if (text[p] === '€') end = p + 1;
  else end = euroWordEnd(text, p);
  // `12 €33`: that `€` belongs to the next number, not to this one.
  if (end === -1 || numberFollows(text, end)) return -1;
  return end;
}

function found(result: Evaluated, index: number, end: number): FoundAmount {
  return result.ok
    ? { ok: true, cents: result.cents, index, length: end - index }
    : { ok: false, problem: result.problem, index, length: end - index };
}

function isWordChar(ch: string | undefined): boolean {
  return isDigit(ch) || isLetter(ch);
}

/** Index after the run of letters and digits at `index`. */
function wordRunEnd(text: string, index: number): number {
  let p = index;
  while (p < text.length && isWordChar(text[p])) p++;
  return p;
}

/** Index after at most MAX_GAP whitespace characters within the line from `index`. */
function skipInlineGap(text: string, index: number): number {
  let p = index;
  while (p < text.length && p - index < MAX_GAP && isInlineSpace(text[p])) p++;
  return p;
}

/** Index of the first of at most MAX_GAP whitespace characters within the line before `index`. */
function backInlineGap(text: string, index: number): number {
  let p = index;
  while (p > 0 && index - p < MAX_GAP && isInlineSpace(text[p - 1])) p--;
  return p;
}

/**
 * Where a number that should end at `token.end` in fact goes on, so that it is not certain
 * which amount is meant: `€1 250` and `€12 50` (a space, then more digits), `€1e3` and
 * `€ 20k` (a letter glued on), `€ 20-30` (a range). Returns the end of that stretch, or -1
 * when the number ends for certain. A line break, a `,-` ending, decimals followed by a
 * space (`€12,50 3 stuks`) and punctuation (`€33.`) end a number for certain.
 */
function uncertainEnd(text: string, token: NumberToken): number {
  if (token.dashed) return -1;
  const p = token.end;
  if (isLetter(text[p])) return wordRunEnd(text, p);
  if (RANGE_DASHES.has(text[p] ?? '') && isDigit(text[p + 1])) return readNumber(text, p + 1).end;
  if (token.fraction === '') {
    const q = skipInlineGap(text, p);
    if (q > p && isDigit(text[q])) return readNumber(text, q).end;
  }
  return -1;
}

/**
 * The index of a minus sign in front of the marker or number that starts at `index`:
 * `-€20`, `−€20`, `-20 euro`, and the minus sign proper (U+2212) with a space after it too
 * (`− €20`). A hyphen or dash with a space after it is a separator (`grofvuil - €33`), and
 * one glued to a word or number (`HH-12`, `20-30`) is no sign. Returns -1 when there is none.
 */
function minusBefore(text: string, index: number): number {
  if (MINUS.has(text[index - 1] ?? '') && !isWordChar(text[index - 2])) return index - 1;
  const p = backInlineGap(text, index);
  return p < index && text[p - 1] === TRUE_MINUS && !isWordChar(text[p - 2]) ? p - 1 : -1;
}

/**
 * The start of a number just before the amount that starts at `index` and may belong to it
 * (`1 250 euro`, `12 50 euro`, `20-30 euro`), or -1. Digits inside `codes` (household codes,
 * as in `hh 12 50 euro`) are a code, not part of the amount.
 */
function numberBefore(text: string, index: number, codes: readonly TextSpan[]): number {
  let p = index;
  if (RANGE_DASHES.has(text[index - 1] ?? '') && isDigit(text[index - 2])) p = index - 1;
  else {
    p = backInlineGap(text, index);
    if (p === index) return -1;
  }
  if (!isDigit(text[p - 1])) return -1;
  let start = p - 1;
  while (
    start > 0 &&
    p - start < MAX_LOOK_BACK &&
    (isDigit(text[start - 1]) || text[start - 1] === '.' || text[start - 1] === ',')
  ) {
    start--;
  }
  while (!isDigit(text[start])) start++;
  if (codes.some((code) => start < code.index + code.length && code.index < p)) return -1;
  return start;
}

/** The verdict on a number: its value, or why it cannot be used. */
function judge(token: NumberToken, negative: boolean, uncertain: boolean): Evaluated {
  const result = evaluate(token, negative);
  if (uncertain && (result.ok || result.problem === 'zero')) {
    return { ok: false, problem: 'ambiguous-amount' };
  }
  return result;
}

/** The next amount marked as money at or after `from`, and where to look on. */
function nextAmount(
  text: string,
  from: number,
  codes: readonly TextSpan[],
): { amount: FoundAmount; end: number } | null {
  const n = text.length;
  let i = from;
  while (i < n) {
    const ch = text[i];
    const wordEnd = ch === '€' ? i + 1 : euroWordEnd(text, i);
    if (wordEnd !== -1) {
      let p = skipGap(text, wordEnd);
      let negative = false;
      if (MINUS.has(text[p] ?? '') && isDigit(text[p + 1])) {
        negative = true;
        p++;
      }
      if (isDigit(text[p])) {
        const token = readNumber(text, p);
        let end = token.end;
        let uncertain = false;
        const suffix = token.dashed ? -1 : suffixMarkerEnd(text, end);
        if (suffix !== -1) end = suffix;
        else {
          const further = uncertainEnd(text, token);
          if (further !== -1) {
            uncertain = true;
            end = further;
          }
        }
        const minus = minusBefore(text, i);
        const signed = minus >= from;
        const result = judge(token, negative || signed, uncertain);
        return { amount: found(result, signed ? minus : i, end), end };
      }
      i = wordEnd;
      continue;
    }
    if (isDigit(ch)) {
      const token = readNumber(text, i);
      // Glued to a word or a reference (`hh12`, `#12`): a code, never an amount.
      const before = text[i - 1];
      const glued = i > 0 && (isLetter(before) || before === '#');
      if (!glued) {
        const end = token.dashed ? token.end : suffixMarkerEnd(text, token.end);
        if (end !== -1) {
          // Only what no earlier amount took: `€12,50 3 euro` is two amounts.
          const earlier = numberBefore(text, i, codes);
          const unsure = earlier >= from;
          const minus = unsure ? -1 : minusBefore(text, i);
          const negative = minus >= from;
          const start = unsure ? earlier : negative ? minus : i;
          return { amount: found(judge(token, negative, unsure), start, end), end };
        }
      }
      i = token.end;
      continue;
    }
    i++;
  }
  return null;
}

/**
 * @name findAmount
 * @summary Find the first amount in free text that is marked as money.
 *
 * @description
 * Reads `€33`, `€ 33,50`, `33 euro`, `33 EUR`, `EUR 33`, `33€`, `33,-`, `33,--`,
 * `€1.250` (dot + three digits = thousands), `€ 1.250,00`, `€ 12.50` (dot + one or two
 * digits = decimals) and `€12,5`. A bare number without `€`/`eur`/`euro`/`,-` is not an
 * amount (it may be a household code or a phone number) and is skipped.
 *
 * A marked number that cannot be used is still returned, with its problem (docs/rules.md
 * rule 2: what is not certain is never guessed):
 * - `negative` for a minus sign: `€-33`, `€ -33`, `-€33`, `−€33`, `− €33`, `-33 euro`
 *   (a hyphen with a space after it, `grofvuil - €33`, is a separator);
 * - `ambiguous-amount` for a number that does not end for certain: `€1 250`, `€12 50`,
 *   `1 250 euro` (a space and more digits), `€1e3`, `€ 20k` (a letter glued on), `€ 20-30`
 *   (a range); the span then covers the whole uncertain stretch;
 * - `unreadable` for ambiguous notation (`€1,250`, `€ 1.250.5`); `zero` for `€0`;
 *   `too-large` above MAX_AMOUNT_CENTS or with more than nine integer digits (so `€`
 *   followed by 400 digits is `too-large`, in linear time).
 *
 * Never throws. `index`/`length` cover the sign, the marker and the number in `text`
 * (UTF-16 units).
 *
 * @param text - free text, e.g. a chat message
 * @returns the first marked amount, or `null` when there is none
 *
 * @example
 * // A request in the group chat:
 * const result = findAmount('grofvuil €33 voor huishouden HH-12')
 * //=> { ok: true, cents: 3300, index: 9, length: 3 }
 *
 * @example
 * // A household code alone is not an amount:
 * const result = findAmount('hoe gaat het met hh 12?')
 * //=> null
 *
 * @example
 * // €1 250: € 1, € 12,50 or € 1.250? Not certain, so not read:
 * const result = findAmount('grofvuil €1 250 hh 12')
 * //=> { ok: false, problem: 'ambiguous-amount', index: 9, length: 6 }
 */
export function findAmount(text: string): FoundAmount | null {
  if (typeof text !== 'string') return null;
  return nextAmount(text, 0, [])?.amount ?? null;
}

/**
 * @name findAmounts
 * @summary Find every amount in free text that is marked as money, in order.
 *
 * @description
 * Reads each amount as findAmount does, going on after each one, so a request that names
 * two amounts (`€ 20 en € 30 hh 12`) can be told from one that names one. Digits inside
 * `codes` (the spans of household codes) are never taken as the first part of an amount:
 * in `hh 12 50 euro` the `12` is the household, so `50 euro` is certain. Linear in the
 * length of `text`; never throws.
 *
 * @param text - free text, e.g. a chat message
 * @param codes - spans of household codes in `text` (see findHouseholds)
 * @returns the amounts (usable or with their problem), empty when there is none
 *
 * @example
 * const result = findAmounts('€ 20 en € 30 hh 12')
 * //=> [{ ok: true, cents: 2000, index: 0, length: 4 },
 * //    { ok: true, cents: 3000, index: 8, length: 4 }]
 */
export function findAmounts(text: string, codes: readonly TextSpan[] = []): FoundAmount[] {
  if (typeof text !== 'string') return [];
  const amounts: FoundAmount[] = [];
  let from = 0;
  for (let next = nextAmount(text, from, codes); next !== null;) {
    amounts.push(next.amount);
    from = Math.max(next.end, from + 1);
    next = nextAmount(text, from, codes);
  }
  return amounts;
}

/** How many words before an amount are looked at for a word of estimate (`rond de €50`). */
const MAX_HEDGE_WORDS = 3;
/** Longest word looked at around an amount. */
const MAX_HEDGE_WORD = 16;
/** Words that make the amount after them an estimate or a limit, not one certain amount. */
const HEDGE_BEFORE = new Set([
  'ongeveer',
  'circa',
  'ca',
  'rond',
  'rondom',
  'omstreeks',
  'omtrent',
  'ongeveer',
  'maximaal',
  'max',
  'maximum',
  'hooguit',
  'hoogstens',
  'minimaal',
  'minstens',
  'tenminste',
  'ruim',
  'bijna',
  "zo'n",
  'zo’n',
  'zon',
  'plusminus',
  'pakweg',
  'schatting',
  'geschat',
  'misschien',
  'wellicht',
  'waarschijnlijk',
  'tussen',
  'tot',
  'meer',
  'minder',
  'ongeveer',
]);
/** Words that may stand between such a word and the amount (`rond de`, `iets meer dan`). */
const HEDGE_FILLER = new Set([
  'de',
  'het',
  'een',
  'om',
  'op',
  'iets',
  'wel',
  'dan',
  'en',
  'van',
  'zo',
]);
/** Words right after an amount that make it an estimate (`€50 ongeveer`, `€50 max`). */
const HEDGE_AFTER = new Set([
  'ongeveer',
  'circa',
  'ca',
  'max',
  'maximaal',
  'hooguit',
  'ofzo',
  'zoiets',
  'plusminus',
  'misschien',
]);
/** After `of` right after an amount: `€50 of zo`, `€50 of meer`. */
const OF_WHAT = new Set(['zo', 'zoiets', 'meer', 'minder', 'wat', 'iets']);
/** Symbols right before an amount that make it an estimate: `±`, `~`, `≈`, `+/-`, `+-`. */
const HEDGE_SIGNS = ['±', '~', '≈', '+/-', '+-', '+/−', '+−'];
/** Words between two numbers that make them a range or a choice: `50 tot 60`, `50 à 60`, `50 of 60`. */
const RANGE_WORDS = new Set(['tot', 'à', 'á', 'a', 'of', 't/m', 'tm', 'en']);

/** The word (letters, `'`, `/`) that ends just before `end`, lower case, and where it starts. */
function wordBefore(text: string, end: number): { word: string; start: number } {
  let p = end;
  while (
    p > 0 &&
    end - p < MAX_HEDGE_WORD &&
    (isLetter(text[p - 1]) || text[p - 1] === "'" || text[p - 1] === '’' || text[p - 1] === '/')
  )
    p--;
  return { word: text.slice(p, end).toLowerCase(), start: p };
}

/** The word (letters, `'`, `/`) that starts at `start`, lower case, and where it ends. */
function wordAfter(text: string, start: number): { word: string; end: number } {
  let p = start;
  while (
    p < text.length &&
    p - start < MAX_HEDGE_WORD &&
    (isLetter(text[p]) || text[p] === "'" || text[p] === '’' || text[p] === '/')
  )
    p++;
  return { word: text.slice(start, p).toLowerCase(), end: p };
}

/** Index just after a digit run (with `.`/`,` inside) that ends at `end`, going back; -1 if none. */
function numberStartBefore(text: string, end: number): number {
  if (!isDigit(text[end - 1])) return -1;
  let p = end - 1;
  while (
    p > 0 &&
    end - p < MAX_LOOK_BACK &&
    (isDigit(text[p - 1]) || text[p - 1] === '.' || text[p - 1] === ',')
  )
    p--;
  while (!isDigit(text[p])) p++;
  return p;
}

/**
 * Where an estimate or range around the amount at `span` starts and ends, or `null` when the
 * amount stands on its own (docs/rules.md rule 2: a range or estimate is asked about, never
 * reserved as certain). Read: a word of estimate up to three words before it (`ongeveer €50`,
 * `circa`, `ca.`, `rond de €50`, `maximaal`, `hooguit`, `tussen`, `zo'n`), a sign right before
 * it (`± €50`, `~€50`, `+/- €50`), a number joined to it by a range word or slash (`50 tot 60
 * euro`, `50/60 euro`, `50 à 60 euro`, `50 of 60 euro`, `tussen 50 en 60 euro`, `€50/60`,
 * `€ 50 tot 60`) and a word of estimate right after it (`€50 ongeveer`, `€50 max`, `€50 of zo`).
 * Looks at a bounded stretch of text around the amount: linear, never throws.
 *
 * @param text - the text the amount was found in
 * @param span - where the amount is (see findAmounts)
 * @returns the stretch of the estimate (amount included), or `null`
 *
 * @example
 * const text = 'bed ongeveer €50 hh 12'
 * estimateAround(text, { index: 13, length: 3 })
 * //=> { index: 4, length: 12 }
 */
export function estimateAround(text: string, span: TextSpan): TextSpan | null {
  if (typeof text !== 'string') return null;
  const amountEnd = span.index + span.length;
  let start = -1;
  let end = amountEnd;

  // Before: a sign, a number joined by a range word, or a word of estimate.
  let p = backInlineGap(text, span.index);
  for (const sign of HEDGE_SIGNS) {
    if (text.slice(Math.max(0, p - sign.length), p) === sign) start = p - sign.length;
  }
  if (start === -1) {
    const joiner = text[p - 1] === '/' ? { word: '/', start: p - 1 } : wordBefore(text, p);
    if (joiner.word === '/' || RANGE_WORDS.has(joiner.word)) {
      const q = backInlineGap(text, joiner.start);
      const number = joiner.word === '/' || q < joiner.start ? numberStartBefore(text, q) : -1;
      if (number !== -1) {
        const tussen = wordBefore(text, backInlineGap(text, number));
        if (joiner.word !== 'en' || tussen.word === 'tussen') start = number;
      }
    }
  }
  for (let k = 0, q = p; start === -1 && k < MAX_HEDGE_WORDS; k++) {
    const before = wordBefore(text, q);
    const word = before.word.endsWith('.') ? before.word.slice(0, -1) : before.word;
    if (word === '') {
      // `ca.` / `max.`: a full stop after the word.
      if (text[q - 1] !== '.') break;
      const dotted = wordBefore(text, q - 1);
      if (HEDGE_BEFORE.has(dotted.word)) start = dotted.start;
      break;
    }
    if (HEDGE_BEFORE.has(word)) start = before.start;
    else if (!HEDGE_FILLER.has(word)) break;
    q = backInlineGap(text, before.start);
    if (q === before.start) break;
  }

  // After: a number joined by a range word or slash, or a word of estimate.
  let a = skipInlineGap(text, amountEnd);
  if (text[amountEnd] === '/' && (isDigit(text[amountEnd + 1]) || text[amountEnd + 1] === '€')) {
    end = wordRunEnd(text, amountEnd + (text[amountEnd + 1] === '€' ? 2 : 1));
  } else if (a > amountEnd || text[a] === '(') {
    if (text[a] === '(') a++;
    const after = wordAfter(text, a);
    const word = after.word;
    if (HEDGE_AFTER.has(word) || HEDGE_SIGNS.includes(text.slice(a, a + 3)) || text[a] === '±') {
      end = Math.max(after.end, a + 1);
    } else if (RANGE_WORDS.has(word) && word !== 'en') {
      const q = skipInlineGap(text, after.end);
      const r = text[q] === '€' ? skipInlineGap(text, q + 1) : q;
      if (q > after.end && isDigit(text[r])) end = readNumber(text, r).end;
      else if (word === 'of' && OF_WHAT.has(wordAfter(text, q).word)) end = wordAfter(text, q).end;
    }
  }
  if (start === -1 && end === amountEnd) return null;
  const from = start === -1 ? span.index : start;
  return { index: from, length: end - from };
}

/**
 * @name readLeadingAmount
 * @summary Read the amount at the start of command arguments; the rest is free text.
 *
 * @description
 * For `/storten 500`, `/storten € 500,00 extra van de wijkraad`, `/correctie 12 28,00`:
 * a bare number is fine here, with or without `€`/`eur`/`euro` before or after it. The
 * amount must end for certain (docs/rules.md rule 2), so these are refused, never guessed:
 * `€ 1 250` and `12 50` (`ambiguous-amount`: € 1, € 12,50 or € 1.250?), `20k`, `1e3`,
 * `20-30` (`ambiguous-amount`), `-50`, `-€ 50`, `€ −50` (`negative`). After a marker or
 * decimals the amount is complete, so `28 euro 2 bonnen` and `12,50 3 bonnen` are fine.
 * Other problems as in parseAmountArgument. Never throws.
 *
 * @param text - the arguments of a command
 * @returns the amount in cents and the rest of the text (trimmed), or the problem
 *
 * @example
 * const result = readLeadingAmount('€ 28,50 echte kosten')
 * //=> { ok: true, cents: 2850, rest: 'echte kosten' }
 *
 * @example
 * const result = readLeadingAmount('€ 1 250')
 * //=> { ok: false, problem: 'ambiguous-amount' }
 */
export function readLeadingAmount(
  text: string,
): { ok: true; cents: number; rest: string } | { ok: false; problem: AmountProblem } {
  if (typeof text !== 'string') return { ok: false, problem: 'unreadable' };
  const s = text.trim();
  let p = 0;
  let negative = false;
  if (MINUS.has(s[p] ?? '')) {
    negative = true;
    p = skipGap(s, p + 1);
  }
  const marker = s[p] === '€' ? p + 1 : euroWordEnd(s, p);
  if (marker !== -1) p = skipGap(s, marker);
  if (MINUS.has(s[p] ?? '')) {
    negative = true;
    p = skipGap(s, p + 1);
  }
  if (!isDigit(s[p])) return { ok: false, problem: 'unreadable' };
  const token = readNumber(s, p);
  let end = token.end;
  let suffix = -1;
  if (!token.dashed) {
    const q = skipGap(s, end);
    suffix = s[q] === '€' ? q + 1 : euroWordEnd(s, q);
    if (suffix !== -1) end = suffix;
  }
  const uncertain = suffix === -1 && uncertainEnd(s, token) !== -1;
  const result = judge(token, negative, uncertain);
  if (!result.ok) return result;
  if (end < s.length && !isSpace(s[end])) return { ok: false, problem: 'unreadable' };
  return { ok: true, cents: result.cents, rest: s.slice(end).trim() };
}

/**
 * @name parseAmountArgument
 * @summary Read a command argument as an amount; a bare number is fine here.
 *
 * @description
 * For arguments like `/storten 500`, `/correctie 12 28,00` or `/aanvraag 120,50 …`.
 * The whole token must be the amount: `500`, `120,50`, `1.250`, `12.50`, `€ 28`,
 * `28 euro`, `28,-`, `EUR 28`, and `€ 1.967,00` as formatCents writes it. A minus sign
 * (`-7`, `-€ 7,00`, `€ −7`) is `negative`: the bot never takes negative amounts from chat.
 * Anything else is `unreadable`. Never throws.
 *
 * @param token - one argument, surrounding whitespace is ignored
 * @returns the amount in cents, or the problem
 *
 * @example
 * // A coordinator tops up the pot:
 * const result = parseAmountArgument('1.250')
 * //=> { ok: true, cents: 125000 }
 *
 * @example
 * const result = parseAmountArgument('0,00')
 * //=> { ok: false, problem: 'zero' }
 */
export function parseAmountArgument(
  token: string,
): { ok: true; cents: number } | { ok: false; problem: AmountProblem } {
  if (typeof token !== 'string') return { ok: false, problem: 'unreadable' };
  const s = token.trim();
  let p = 0;
  let negative = false;
  if (MINUS.has(s[p] ?? '')) {
    negative = true;
    p = skipGap(s, p + 1);
  }
  const marker = s[p] === '€' ? p + 1 : euroWordEnd(s, p);
  if (marker !== -1) p = marker;
  p = skipGap(s, p);
  if (MINUS.has(s[p] ?? '')) {
    negative = true;
    p++;
  }
  if (!isDigit(s[p])) return { ok: false, problem: 'unreadable' };
  const number = readNumber(s, p);
  let end = number.end;
  if (!number.dashed && end < s.length) {
    const q = skipGap(s, end);
    if (s[q] === '€') end = q + 1;
    else {
      const wordEnd = euroWordEnd(s, q);
      if (wordEnd !== -1) end = wordEnd;
    }
  }
  const result = evaluate(number, negative);
  if (end !== s.length && (result.ok || result.problem !== 'too-large')) {
    return { ok: false, problem: 'unreadable' };
  }
  return result;
}

/**
 * @name formatCents
 * @summary Show integer euro cents the Dutch way.
 *
 * @description
 * nl-NL notation with a plain space after `€` (not Intl's NBSP), `.` for thousands and
 * `,` for cents; negative amounts get a leading `-`. Integer arithmetic only.
 * Throws a RangeError when `cents` is not a safe integer (a bug in the caller: money is
 * integer cents everywhere).
 *
 * @param cents - integer euro cents
 * @returns the display text
 *
 * @example
 * // The pot after a few grants:
 * const result = formatCents(196700)
 * //=> '€ 1.967,00'
 *
 * @example
 * // A correction:
 * const result = formatCents(-700)
 * //=> '-€ 7,00'
 */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`formatCents expects integer cents, got ${String(cents)}`);
  }
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const rest = abs % 100;
  const euros = String((abs - rest) / 100);
  let grouped = '';
  for (let end = euros.length; end > 0; end -= 3) {
    const part = euros.slice(Math.max(0, end - 3), end);
    grouped = grouped === '' ? part : `${part}.${grouped}`;
  }
  return `${negative ? '-' : ''}€ ${grouped},${String(rest).padStart(2, '0')}`;
}

/**
 * @name formatCentsDecimal
 * @summary Integer euro cents as a plain Dutch decimal number, for spreadsheet cells.
 *
 * @description
 * A decimal comma and always two decimals, no `€` sign and no thousands separator, so Dutch
 * Excel reads the cell as a number (`1967,00`). Negative amounts get a leading `-`. Throws a
 * RangeError when `cents` is not a safe integer, like formatCents.
 *
 * @example
 * const result = formatCentsDecimal(196700)
 * //=> '1967,00'
 */
export function formatCentsDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`formatCentsDecimal expects integer cents, got ${String(cents)}`);
  }
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${cents < 0 ? '-' : ''}${(abs - rest) / 100},${String(rest).padStart(2, '0')}`;
}
