/**
 * What a chat message means to the bot (DOMAIN.md rules 2 and 5): a command, a request,
 * a request that cannot be taken as it is, a vote, or ordinary chatter.
 *
 * Pure: no I/O, no clock. Only the first MAX_PARSE_CHARS characters are ever looked at,
 * and no pattern here has nested quantifiers, so catastrophic backtracking is ruled out
 * by construction. Never throws on any string.
 */

import { cleanText } from './clean-text.ts';
import { findHousehold } from './household.ts';
import type { FoundHousehold } from './household.ts';
import { findAmount, parseAmountArgument } from './money.ts';
import type { AmountProblem, FoundAmount } from './money.ts';
import { parseVote } from './parse-vote.ts';
import type { VoteValue } from './parse-vote.ts';
import { mentionsName } from './privacy.ts';

/** The parser only ever reads this many characters (UTF-16 units) of a message. */
export const MAX_PARSE_CHARS = 1000;

/** Longest description and prevented-cost text kept (characters). */
const MAX_TEXT_CHARS = 200;

/** Why a message that looks like a request cannot be taken as it is. */
export type RequestProblem = 'no-household' | 'household-is-name' | 'no-amount' | AmountProblem;

/** The meaning of one chat message. */
export type ParsedMessage =
  | { kind: 'command'; name: string; args: string }
  | {
      kind: 'request';
      amountCents: number;
      household: string;
      description: string;
      preventedCents: number | null;
      preventedText: string | null;
    }
  | { kind: 'request-problem'; problem: RequestProblem; amountCents: number | null }
  | { kind: 'vote'; vote: VoteValue; requestNumber: number | null }
  | { kind: 'chatter' };

/** `/name` or `/name@botname` at the start (Telegram appends the bot's name). */
const COMMAND = /^\/([A-Za-z][A-Za-z0-9_]{0,31})(?:@[A-Za-z0-9_]{1,64})?(?![A-Za-z0-9_@])/;
/** The word that starts the prevented-cost part. */
const VOORKOMT = /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9])voorkomt(?![A-Za-zÀ-ÖØ-öø-ÿ0-9])/i;
/** A run of non-space characters (a token). */
const TOKEN = /\S+/g;
/** A token that is a number as far as `/aanvraag` is concerned: `120,50`, `33,-`. */
const NUMERIC_TOKEN = /^[-−]?\d[\d.,–—-]*$/;
/** A token made of punctuation only. */
const PUNCTUATION_ONLY = /^[,.;:!()[\]/|–—-]+$/;
/** `€`, `eur`, `euro` (removed to see whether what is left is a number). */
const MONEY_MARKER = /euro?|€/gi;
/** Leading separators of the prevented-cost text (`voorkomt: boete`). */
const PREVENTED_LEAD = /^[\s:;,.–—-]+/;
/** One whitespace character. */
const SPACE = /\s/;
/** Any whitespace run (collapsed to one space). */
const WHITESPACE = /\s+/g;

/** Every RegExp this module uses (checked for ReDoS in the tests). */
export const MESSAGE_PATTERNS: readonly RegExp[] = [
  COMMAND,
  VOORKOMT,
  TOKEN,
  NUMERIC_TOKEN,
  PUNCTUATION_ONLY,
  MONEY_MARKER,
  PREVENTED_LEAD,
  SPACE,
  WHITESPACE,
];

/*
 * Trimming at the end of a string is done in code, not with `[…]+$`: an unanchored
 * pattern like that is quadratic on long runs of the class that do not reach the end.
 */
/** Punctuation that may be dropped when it stands alone or at the edges. */
const EDGE_PUNCTUATION = new Set([...',.;:!()[]/|–—-']);
/** Brackets: at an edge of a description only dropped when they have no partner. */
const BRACKET_PAIRS: ReadonlyMap<string, string> = new Map([
  ['(', ')'],
  ['[', ']'],
]);
const CLOSING_BRACKETS: ReadonlyMap<string, string> = new Map([
  [')', '('],
  [']', '['],
]);
/** Punctuation glued to the end of an amount token (`28,` `12,50.` `(€33)`). */
const AMOUNT_TRAILING = new Set([...',.;:!)']);
/** Punctuation glued to the start of an amount token (`(€33`). */
const AMOUNT_LEADING = new Set(['(']);
/** Trailing punctuation of the prevented-cost text. */
const PREVENTED_TRAILING = new Set([...',.;:!']);

/** `text` without the given characters (and whitespace, if asked) at its start and end. */
function trimChars(
  text: string,
  chars: ReadonlySet<string>,
  { start = true, end = true, spaces = false } = {},
): string {
  const drop = (ch: string | undefined): boolean =>
    ch !== undefined && (chars.has(ch) || (spaces && SPACE.test(ch)));
  let from = 0;
  let to = text.length;
  if (start) while (from < to && drop(text[from])) from++;
  if (end) while (to > from && drop(text[to - 1])) to--;
  return text.slice(from, to);
}

/** Words that carry no meaning at either end of a description. */
const EDGE_FILLER = new Set([
  'voor',
  'van',
  't.b.v.',
  'tbv',
  't.b.v',
  'ten',
  'behoeve',
  'bij',
  'à',
  'en',
]);
/** Polite openings that carry no meaning at the start of a description (`Graag €45 voor een bed`). */
const LEADING_FILLER = new Set([
  'graag',
  'verzoek',
  'aanvraag',
  'svp',
  'pls',
  'please',
  'hoi',
  'hallo',
]);
/** Words that carry no meaning at the end of a description (`… voor het huishouden 12`). */
const TRAILING_FILLER = new Set(['de', 'het', 'een', "'t", 'aan', 'met']);
/** Money words that may stand next to a number in a `/aanvraag` argument. */
const MONEY_WORDS = new Set(['€', 'eur', 'euro']);

const CHATTER: ParsedMessage = { kind: 'chatter' };

type Span = { index: number; length: number };

/** Cap, then clean the way the privacy mask does (see cleanText). */
function clean(text: string): string {
  return cleanText(text.slice(0, MAX_PARSE_CHARS));
}

/** Keep at most `max` characters (code points, so no emoji is cut in half). */
function limit(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max).join('').trimEnd();
}

/**
 * Like {@link limit}, but a bracket that the cut would leave open (`… [geboort`) is left out
 * with what follows it, so a mask such as `[BSN]` is shown whole or not at all.
 *
 * @example
 * limitWhole('boodschappen [BSN]', 15) // 'boodschappen'
 */
function limitWhole(text: string, max: number): string {
  const short = limit(text, max);
  if (short.length === text.length) return short;
  for (const [open, close] of BRACKET_PAIRS) {
    const lastOpen = short.lastIndexOf(open);
    if (lastOpen > short.lastIndexOf(close) && text.indexOf(close, lastOpen) >= 0) {
      return trimEdges(short.slice(0, lastOpen));
    }
  }
  return trimEdges(short);
}

/**
 * `text` without spaces and EDGE_PUNCTUATION at its start and end, except brackets that
 * belong to a pair: `boodschappen BSN [BSN]` and `huur (maart)` keep their closing bracket,
 * `(zie boven` loses its opening one.
 *
 * @example
 * trimEdges(', grofvuil (week 3).') // 'grofvuil (week 3)'
 */
function trimEdges(text: string): string {
  const count = new Map<string, number>();
  for (const ch of text) {
    if (BRACKET_PAIRS.has(ch) || CLOSING_BRACKETS.has(ch)) count.set(ch, (count.get(ch) ?? 0) + 1);
  }
  const n = (ch: string | undefined) => (ch === undefined ? 0 : (count.get(ch) ?? 0));
  const droppable = (ch: string | undefined, atStart: boolean): boolean => {
    if (ch === undefined) return false;
    if (SPACE.test(ch)) return true;
    if (!EDGE_PUNCTUATION.has(ch)) return false;
    // An opening bracket at the start stays when as many closing ones follow; a closing one at
    // the end stays when as many opening ones come before.
    if (atStart && BRACKET_PAIRS.has(ch)) return n(BRACKET_PAIRS.get(ch)) < n(ch);
    if (!atStart && CLOSING_BRACKETS.has(ch)) return n(CLOSING_BRACKETS.get(ch)) < n(ch);
    return true;
  };
  let from = 0;
  let to = text.length;
  for (;;) {
    if (from < to && droppable(text[from], true)) {
      const ch = text[from++] ?? '';
      if (count.has(ch)) count.set(ch, n(ch) - 1);
    } else if (to > from && droppable(text[to - 1], false)) {
      const ch = text[--to] ?? '';
      if (count.has(ch)) count.set(ch, n(ch) - 1);
    } else {
      return text.slice(from, to);
    }
  }
}

function overlaps(a: Span, b: Span): boolean {
  return a.index < b.index + b.length && b.index < a.index + a.length;
}

function bare(token: string): string {
  return trimChars(token.toLowerCase(), EDGE_PUNCTUATION);
}

/** The text with the spans taken out, the words around them tidied. */
function describe(text: string, spans: readonly Span[]): string {
  const sorted = [...spans].sort((a, b) => a.index - b.index);
  const tokens: string[] = [];
  let from = 0;
  for (const span of sorted) {
    for (const m of text.slice(from, Math.max(from, span.index)).matchAll(TOKEN)) {
      tokens.push(m[0]);
    }
    // `voor huishouden 12`, `t.b.v. hh 3`: the word before a removed part goes with it.
    const last = tokens[tokens.length - 1];
    if (last !== undefined && EDGE_FILLER.has(bare(last))) tokens.pop();
    from = Math.max(from, span.index + span.length);
  }
  for (const m of text.slice(from).matchAll(TOKEN)) tokens.push(m[0]);

  const words = tokens.filter((token) => !PUNCTUATION_ONLY.test(token));
  for (;;) {
    const first = words[0];
    const last = words[words.length - 1];
    if (first !== undefined && (EDGE_FILLER.has(bare(first)) || LEADING_FILLER.has(bare(first))))
      words.shift();
    else if (last !== undefined && (EDGE_FILLER.has(bare(last)) || TRAILING_FILLER.has(bare(last))))
      words.pop();
    else break;
  }
  return limitWhole(trimEdges(words.join(' ')), MAX_TEXT_CHARS);
}

function isMoneyWord(token: string): boolean {
  return MONEY_WORDS.has(bare(token));
}

/**
 * The amount of a `/aanvraag`: the leading number (even without `€`), else the first
 * amount marked as money, else the first number that is not the household code.
 */
function explicitAmount(text: string, household: Span | null): FoundAmount | null {
  const tokens = Array.from(text.matchAll(TOKEN), (m) => ({ text: m[0], index: m.index }));
  let firstNumber: FoundAmount | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) break;
    if (
      household !== null &&
      overlaps(household, { index: token.index, length: token.text.length })
    ) {
      continue;
    }
    // `€ 28`, `28 euro`: the money word and the number are one amount.
    let lastIndex = i;
    if (isMoneyWord(token.text) && i + 1 < tokens.length) lastIndex = i + 1;
    const following = tokens[lastIndex + 1];
    if (following !== undefined && isMoneyWord(following.text)) lastIndex += 1;
    const last = tokens[lastIndex] ?? token;
    const end = last.index + last.text.length;
    const raw = trimChars(
      trimChars(text.slice(token.index, end), AMOUNT_LEADING, { end: false }),
      AMOUNT_TRAILING,
      { start: false },
    );
    if (!NUMERIC_TOKEN.test(raw.replace(MONEY_MARKER, '').trim())) continue;
    const parsed = parseAmountArgument(raw);
    const span = { index: token.index, length: end - token.index };
    const amount: FoundAmount = parsed.ok
      ? { ok: true, cents: parsed.cents, ...span }
      : { ok: false, problem: parsed.problem, ...span };
    if (i === 0) return amount;
    firstNumber = amount;
    break;
  }
  const marked = findAmount(text);
  if (marked !== null && (household === null || !overlaps(household, marked))) return marked;
  return firstNumber;
}

/**
 * An amount without a household code but with a person's name (`leefgeld 50 euro voor mevrouw
 * Jansen`, or its mask `mevrouw [naam]`) asks for a code instead of a name; else it is chatter.
 */
function nameInsteadOfCode(text: string, amount: FoundAmount | null): ParsedMessage {
  if (amount === null || !amount.ok || !mentionsName(text)) return CHATTER;
  return { kind: 'request-problem', problem: 'household-is-name', amountCents: amount.cents };
}

function parseRequest(body: string, explicit: boolean): ParsedMessage {
  const split = VOORKOMT.exec(body);
  const beforeEnd = split === null ? body.length : split.index;
  const afterStart = split === null ? body.length : split.index + split[0].length;
  const before = body.slice(0, beforeEnd);
  const after = body.slice(afterStart);

  // The household belongs in the request; accept it after `voorkomt` too.
  let household: FoundHousehold | null = findHousehold(before);
  let householdInAfter = false;
  if (split !== null && (household === null || !household.ok)) {
    const later = findHousehold(after);
    if (later !== null && later.ok) {
      household = later;
      householdInAfter = true;
    }
  }
  const householdSpan =
    household === null
      ? null
      : householdInAfter
        ? null
        : { index: household.index, length: household.length };

  const amount = explicit ? explicitAmount(before, householdSpan) : findAmount(before);

  if (explicit) {
    if (amount === null)
      return { kind: 'request-problem', problem: 'no-amount', amountCents: null };
    if (!amount.ok) return { kind: 'request-problem', problem: amount.problem, amountCents: null };
  } else {
    if (amount === null || household === null) return nameInsteadOfCode(before, amount);
    if (!amount.ok) {
      if (!household.ok) return CHATTER;
      return { kind: 'request-problem', problem: amount.problem, amountCents: null };
    }
  }
  const cents = amount.cents;
  if (household === null || !household.ok) {
    const problem =
      household?.problem === 'looks-like-name' || mentionsName(before)
        ? 'household-is-name'
        : 'no-household';
    return { kind: 'request-problem', problem, amountCents: cents };
  }
  // `huishouden 33 euro`: the only "code" is the amount itself.
  if (householdSpan !== null && overlaps(householdSpan, amount)) {
    return { kind: 'request-problem', problem: 'no-household', amountCents: cents };
  }

  const description = describe(before, householdSpan === null ? [amount] : [amount, householdSpan]);
  let preventedCents: number | null = null;
  let preventedText: string | null = null;
  if (split !== null) {
    const prevented = findAmount(after);
    preventedCents = prevented !== null && prevented.ok ? prevented.cents : null;
    const rest = householdInAfter
      ? after.slice(0, household.index) + ' ' + after.slice(household.index + household.length)
      : after;
    const text = trimChars(
      rest.replace(WHITESPACE, ' ').replace(PREVENTED_LEAD, ''),
      PREVENTED_TRAILING,
      { start: false, spaces: true },
    );
    preventedText = text === '' ? null : limit(text, MAX_TEXT_CHARS);
  }
  return {
    kind: 'request',
    amountCents: cents,
    household: household.code,
    description,
    preventedCents,
    preventedText,
  };
}

function parse(text: string): ParsedMessage {
  const trimmed = clean(text).trim();
  if (trimmed === '') return CHATTER;

  if (trimmed.startsWith('/')) {
    const m = COMMAND.exec(trimmed);
    if (m !== null) {
      const name = (m[1] ?? '').toLowerCase();
      const args = trimmed.slice(m[0].length).trim();
      if (name === 'aanvraag') return parseRequest(args, true);
      return { kind: 'command', name, args };
    }
  }

  const vote = parseVote(trimmed);
  if (vote !== null) return { kind: 'vote', vote: vote.vote, requestNumber: vote.requestNumber };

  return parseRequest(trimmed, false);
}

/**
 * @name parseMessage
 * @summary Decide what a chat message means to the bot.
 *
 * @description
 * - Text starting with `/name` is a command (`/saldo@MmbBot` → `saldo`; the name in
 *   lower case, the arguments trimmed). `/aanvraag …` is parsed as an explicit request:
 *   its leading number is the amount even without `€`.
 * - A message that is essentially "ja"/"nee" is a vote (see parseVote).
 * - Free text that names an amount marked as money (see findAmount) and a household
 *   (see findHousehold) is a request; the description is the rest of the text without
 *   the amount, the household and filler such as `voor`, `van`, `t.b.v.`.
 *   Text after the word `voorkomt` is the prevented cost: its first amount becomes
 *   `preventedCents`, its words `preventedText`; it is not part of the description.
 * - A request with a usable amount but a household keyword without a code (or with a
 *   name) is a `request-problem`; so is one with a household and an unusable amount.
 *   `/aanvraag` without an amount is `no-amount`, without a household `no-household`.
 * - Everything else, including an amount without a household (`de grofvuilkosten waren
 *   €33`) and a household without an amount (`hoe gaat het met hh 12?`), is chatter.
 *
 * - A request with an amount and a person's name after a form of address but no household
 *   code (`leefgeld 50 euro voor mevrouw Jansen`, or as masked: `mevrouw [naam]`) is a
 *   `household-is-name` problem: households are codes, never names.
 * - Descriptions keep brackets that belong together: `boodschappen BSN [BSN]`,
 *   `boodschappen (week 3)`.
 *
 * Only the first MAX_PARSE_CHARS characters are read, cleaned by cleanText (the cleaning the
 * privacy mask uses: invisible and control characters removed, no-break spaces read as
 * spaces). Never throws.
 *
 * @param text - the chat message as received
 * @returns what the message means
 *
 * @example
 * const result = parseMessage('grofvuil €33 voor huishouden HH-12')
 * //=> { kind: 'request', amountCents: 3300, household: '12', description: 'grofvuil',
 * //     preventedCents: null, preventedText: null }
 *
 * @example
 * const result = parseMessage('wie heeft er morgen dienst?')
 * //=> { kind: 'chatter' }
 */
export function parseMessage(text: string): ParsedMessage {
  if (typeof text !== 'string') return CHATTER;
  try {
    return parse(text);
  } catch {
    // Defensive only: nothing above is expected to throw. A message we cannot read is
    // ordinary chatter, never a crash of the bot.
    return CHATTER;
  }
}
