/**
 * What a chat message means to the bot (docs/rules.md rules 2 and 5): a command, a request,
 * a request that cannot be taken as it is, a vote, or ordinary chatter.
 *
 * Pure: no I/O, no clock. Only the first MAX_PARSE_CHARS characters are ever looked at,
 * and no pattern here has nested quantifiers, so catastrophic backtracking is ruled out
 * by construction. Never throws on any string.
 */

import { isBotEcho } from './bot-echo.ts';
import { cleanText } from './clean-text.ts';
import { DEFAULT_FORMAT, findHouseholds } from './household.ts';
import type { CodeFormat, FoundHousehold } from './household.ts';
import { estimateAround, findAmount, findAmounts, parseAmountArgument } from './money.ts';
import type { AmountProblem, FoundAmount } from './money.ts';
import { parseVote, unclearVote } from './parse-vote.ts';
import { isPastReport, isQuestion } from './request-intent.ts';
import type { VoteValue } from './parse-vote.ts';
import { mentionsName } from './privacy/index.ts';

/** The parser only ever reads this many characters (UTF-16 units) of a message. */
export const MAX_PARSE_CHARS = 1000;

/** Longest description and prevented-cost text kept (characters). */
const MAX_TEXT_CHARS = 200;

/** Longest piece of the message a problem quotes back (`seen`). */
const MAX_SEEN_CHARS = 30;

/**
 * Why a message that looks like a request cannot be taken as it is. Besides the amount's own
 * problems (see AmountProblem: `negative`, `ambiguous-amount` …): `two-amounts` (more than
 * one amount for one request, also the same amount twice), `two-households` (more than one
 * household code, also `hh 21 en 22` and `hh 21-22`), `ambiguous-household` (`hh 12.0`: 12 or
 * 120? `hh 1O2`), `no-household`, `household-is-name`, `household-format` (a name or street as
 * a code: `hh DeVries3`), `no-amount`, `estimate` (a range or estimate in words: `tussen 50 en
 * 60 euro`, `ongeveer €50`), and the two that are not requests at all (rule 16): `question`
 * and `past-report`, which get a hint and reserve nothing.
 */
export type RequestProblem =
  | 'no-household'
  | 'household-is-name'
  | 'household-format'
  | 'estimate'
  | 'question'
  | 'past-report'
  | 'no-amount'
  | 'two-amounts'
  | 'two-households'
  | 'ambiguous-household'
  | AmountProblem;

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
  | {
      kind: 'request-problem';
      problem: RequestProblem;
      amountCents: number | null;
      /** What was read, as typed (`€1 250`, `-€20`, `hh 12`): only when the reply names it. */
      seen?: readonly string[];
    }
  | { kind: 'vote'; vote: VoteValue; requestNumber: number | null }
  /** A vote taken back in the same message (`ja… nee wacht`): asked about, not counted (rule 5). */
  | { kind: 'vote-unclear'; requestNumber: number | null }
  | { kind: 'chatter' };

/** How a team reads its messages: its household code format (DEFAULT_FORMAT unless it set one). */
export type ParseOptions = { codeFormat?: CodeFormat };

/** `/name` or `/name@botname` at the start (Telegram appends the bot's name). */
const COMMAND = /^\/([A-Za-z][A-Za-z0-9_]{0,31})(?:@[A-Za-z0-9_]{1,64})?(?![A-Za-z0-9_@])/;
/** Accents, once a character is decomposed (NFD): dropped from a command name (foldCommandName). */
const COMBINING_MARK = /\p{M}/gu;
/** One character a command name is made of. */
const NAME_CHAR = /^[A-Za-z0-9_]$/;
/** The word that starts the prevented-cost part. */
const VOORKOMT = /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9])voorkomt(?![A-Za-zÀ-ÖØ-öø-ÿ0-9])/i;
/** A run of non-space characters (a token). */
const TOKEN = /\S+/g;
/** A token that is a number as far as `/aanvraag` is concerned: `120,50`, `33,-`. */
const NUMERIC_TOKEN = /^[-−]?\d[\d.,–—-]*$/;
/** A token made of punctuation only. */
const PUNCTUATION_ONLY = /^[,.;:!()[\]/|–—-]+$/;
/** Leading separators of the prevented-cost text (`voorkomt: boete`). */
const PREVENTED_LEAD = /^[\s:;,.–—-]+/;
/** One whitespace character. */
const SPACE = /\s/;
/** Any whitespace run (collapsed to one space). */
const WHITESPACE = /\s+/g;

/** Every RegExp this module uses (checked for ReDoS in the tests). */
export const MESSAGE_PATTERNS: readonly RegExp[] = [
  COMMAND,
  COMBINING_MARK,
  NAME_CHAR,
  VOORKOMT,
  TOKEN,
  NUMERIC_TOKEN,
  PUNCTUATION_ONLY,
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

/** What the bot read, as a reply quotes it back: whitespace collapsed, kept short. */
function seenText(text: string, span: Span): string {
  const seen = text
    .slice(span.index, span.index + span.length)
    .replace(WHITESPACE, ' ')
    .trim();
  return limit(seen, MAX_SEEN_CHARS);
}

function problem(
  kind: RequestProblem,
  amountCents: number | null = null,
  seen: readonly string[] = [],
): RequestProblemMessage {
  return seen.length === 0
    ? { kind: 'request-problem', problem: kind, amountCents }
    : { kind: 'request-problem', problem: kind, amountCents, seen };
}

/**
 * The amounts of a `/aanvraag`: the amounts marked as money (`€`, `eur`, `euro`, `,-`) when
 * there are any, which win over bare numbers (`/aanvraag 2 matrassen €150 hh 7` is € 150);
 * else the first bare number that is not a household code (`/aanvraag 120,50 huur hh 3`). Later
 * bare numbers are description (`… deel 1 huishouden 3`).
 */
function explicitAmounts(text: string, households: readonly Span[]): FoundAmount[] {
  const notHousehold = (span: Span) => !households.some((h) => overlaps(h, span));
  const marked = findAmounts(text, households).filter(notHousehold);
  if (marked.length > 0) return marked;
  for (const m of text.matchAll(TOKEN)) {
    const leading = trimChars(m[0], AMOUNT_LEADING, { end: false });
    const raw = trimChars(leading, AMOUNT_TRAILING, { start: false });
    const span = { index: m.index + m[0].length - leading.length, length: raw.length };
    if (!NUMERIC_TOKEN.test(raw) || !notHousehold(span)) continue;
    const parsed = parseAmountArgument(raw);
    return [
      parsed.ok
        ? { ok: true, cents: parsed.cents, ...span }
        : { ok: false, problem: parsed.problem, ...span },
    ];
  }
  return [];
}

type RequestProblemMessage = Extract<ParsedMessage, { kind: 'request-problem' }>;

/**
 * The one amount of a request, or why there is not one: the first amount that cannot be used
 * (a minus sign and an uncertain number quote what was read), else `two-amounts` when there
 * is more than one, also the same amount twice (one amount, or a total?).
 */
function judgeAmounts(
  text: string,
  amounts: readonly FoundAmount[],
):
  | { ok: true; amount: Extract<FoundAmount, { ok: true }> }
  | { ok: false; problem: RequestProblemMessage } {
  for (const amount of amounts) {
    const estimate = estimateAround(text, amount);
    if (estimate !== null) {
      return { ok: false, problem: problem('estimate', null, [seenText(text, estimate)]) };
    }
  }
  const unusable = amounts.find((a) => !a.ok);
  if (unusable !== undefined && !unusable.ok) {
    const quoted = unusable.problem === 'negative' || unusable.problem === 'ambiguous-amount';
    return {
      ok: false,
      problem: problem(unusable.problem, null, quoted ? [seenText(text, unusable)] : []),
    };
  }
  const [first] = amounts;
  if (amounts.length === 1 && first !== undefined && first.ok) return { ok: true, amount: first };
  const seen = amounts.map((a) => seenText(text, a));
  return { ok: false, problem: problem('two-amounts', null, seen) };
}

/**
 * A message that names an amount and a household (docs/rules.md rule 2). What is not certain is
 * never guessed: a problem is returned, the bot asks and books nothing.
 */
function parseRequest(body: string, explicit: boolean, format: CodeFormat): ParsedMessage {
  const reading = readRequest(body, explicit, format);
  if (reading.kind !== 'request' && reading.kind !== 'request-problem') return reading;
  // Rule 16: a question or a report of the past is not a request; at most a hint.
  if (isQuestion(body)) return problem('question');
  if (!explicit && isPastReport(body)) return problem('past-report');
  return reading;
}

/** parseRequest without the rule-16 checks: what the text would ask for as a request. */
function readRequest(body: string, explicit: boolean, format: CodeFormat): ParsedMessage {
  const split = VOORKOMT.exec(body);
  const beforeEnd = split === null ? body.length : split.index;
  const afterStart = split === null ? body.length : split.index + split[0].length;
  const before = body.slice(0, beforeEnd);
  const after = body.slice(afterStart);

  // The household belongs in the request; accept it after `voorkomt` too.
  const named = findHouseholds(before, format);
  const namedAfter = split === null ? [] : findHouseholds(after, format).filter((h) => h.ok);
  const usable = named.filter((h) => h.ok);
  const householdInAfter = usable.length === 0 && namedAfter.length > 0;
  const household: FoundHousehold | null = usable[0] ?? namedAfter[0] ?? named[0] ?? null;
  const householdSpans: Span[] = named.map((h) => ({ index: h.index, length: h.length }));

  const amounts = explicit
    ? explicitAmounts(before, householdSpans)
    : findAmounts(before, householdSpans);
  if (amounts.length === 0) return explicit ? problem('no-amount') : CHATTER;
  if (!explicit && household === null) {
    // `leefgeld 50 euro voor mevrouw Jansen`: a name where the code belongs gets the name hint.
    const reading = judgeAmounts(before, amounts);
    return reading.ok && mentionsName(before)
      ? problem('household-is-name', reading.amount.cents)
      : CHATTER;
  }

  // Two households for one request (`€ 20 hh 12 en € 300 hh 13`), or one not certain (`hh 12.0`).
  const codes = new Map<string, string>();
  const note = (text: string, h: FoundHousehold) => {
    if (h.ok && !codes.has(h.code)) codes.set(h.code, seenText(text, h));
  };
  for (const h of usable) note(before, h);
  for (const h of namedAfter) note(after, h);
  if (codes.size > 1) return problem('two-households', null, [...codes.values()]);
  const several = named.find((h) => !h.ok && h.problem === 'several-codes');
  if (several !== undefined) return problem('two-households', null, [seenText(before, several)]);
  const unsure = named.find((h) => !h.ok && h.problem === 'ambiguous-code');
  if (unsure !== undefined) return problem('ambiguous-household', null, [seenText(before, unsure)]);

  const reading = judgeAmounts(before, amounts);
  if (household === null || !household.ok) {
    // No usable household. With a clear amount (in free text: also with two clear amounts) that
    // is what the bot says; otherwise a /aanvraag hears about its amount and free text is chatter.
    const clear = reading.ok || (!explicit && reading.problem.problem === 'two-amounts');
    const kind =
      household?.problem === 'not-code-format'
        ? 'household-format'
        : household?.problem === 'looks-like-name' || mentionsName(before)
          ? 'household-is-name'
          : 'no-household';
    if (clear) return problem(kind, reading.ok ? reading.amount.cents : null);
    return explicit ? reading.problem : CHATTER;
  }
  if (!reading.ok) return reading.problem;
  const single = reading.amount;
  // `huishouden 33 euro`: the only "code" is the amount itself.
  if (!householdInAfter && overlaps(household, single)) {
    return problem('no-household', single.cents);
  }

  const sameHousehold = householdInAfter
    ? []
    : named.filter((h) => h.ok && h.code === household.code);
  const description = describe(before, [single, ...sameHousehold]);
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
    amountCents: single.cents,
    household: household.code,
    description,
    preventedCents,
    preventedText,
  };
}

/**
 * Drops the accents from the letters of a command name, so `/coördinator` (typed with `ö`, or
 * with `o` and a combining `¨`) reads as `/coordinator`. Only the name changes: it ends at the
 * first character that is not a letter, digit or `_` once its accents are gone; the rest of the
 * text is kept as typed. At most 64 characters are looked at (a name has at most 32).
 *
 * @example
 * foldCommandName('/Coördinator weg bas') // '/Coordinator weg bas'
 */
function foldCommandName(text: string): string {
  let name = '';
  let end = 1;
  let looked = 0;
  for (const char of text.slice(1)) {
    if (++looked > 64) break;
    const plain = char.normalize('NFD').replace(COMBINING_MARK, '');
    if (plain !== '' && !NAME_CHAR.test(plain)) break;
    name += plain;
    end += char.length;
  }
  return `/${name}${text.slice(end)}`;
}

function parse(text: string, format: CodeFormat): ParsedMessage {
  const trimmed = clean(text).trim();
  if (trimmed === '') return CHATTER;

  if (trimmed.startsWith('/')) {
    const m = COMMAND.exec(foldCommandName(trimmed));
    if (m !== null) {
      const name = (m[1] ?? '').toLowerCase();
      const args = m.input.slice(m[0].length).trim();
      if (name !== 'aanvraag') return { kind: 'command', name, args };
      // Rule 16: the bot's own words pasted after /aanvraag are no request either.
      return isBotEcho(args) ? CHATTER : parseRequest(args, true, format);
    }
  }

  // Rule 16: a quote or paste of the bot's own message is neither a request nor a vote.
  if (isBotEcho(trimmed)) return CHATTER;

  const vote = parseVote(trimmed);
  if (vote !== null) return { kind: 'vote', vote: vote.vote, requestNumber: vote.requestNumber };
  const unclear = unclearVote(trimmed);
  if (unclear !== null) return { kind: 'vote-unclear', requestNumber: unclear.requestNumber };

  return parseRequest(trimmed, false, format);
}

/**
 * @name parseMessage
 * @summary Decide what a chat message means to the bot.
 *
 * @description
 * - Text starting with `/name` is a command (`/saldo@MmbBot` → `saldo`; the name in
 *   lower case, the arguments trimmed). `/aanvraag …` is parsed as an explicit request:
 *   its first number is the amount even without `€`, but an amount marked as money wins
 *   over a bare number (`/aanvraag 2 matrassen €150 hh 7` is € 150).
 * - A message that is essentially "ja"/"nee" is a vote (see parseVote).
 * - Free text that names an amount marked as money (see findAmount) and a household
 *   (see findHousehold) is a request; the description is the rest of the text without
 *   the amount, the household and filler such as `voor`, `van`, `t.b.v.`.
 *   Text after the word `voorkomt` is the prevented cost: its first amount becomes
 *   `preventedCents`, its words `preventedText`; it is not part of the description.
 * - A request with a usable amount but a household keyword without a code (or with a
 *   name) is a `request-problem`; so is one with a household and an unusable amount.
 *   `/aanvraag` without an amount is `no-amount`, without a household `no-household`.
 * - What is not certain is never guessed (docs/rules.md rule 2): a minus sign (`-€20`) is
 *   `negative`; a number that does not end for certain (`€1 250`, `€12 50`, `€1e3`,
 *   `€ 20k`, `€ 20-30`) is `ambiguous-amount`; more than one amount before `voorkomt`
 *   is `two-amounts`, also the same amount twice (one amount, or a total?); more than one
 *   household code (before or after `voorkomt`) is `two-households`; a code with a dot
 *   between digits (`hh 12.0`) is `ambiguous-household`. These problems carry `seen`:
 *   what was read, as typed, for the reply to name. The same code twice is one household.
 * - Rule 2 again: a range or estimate (`tussen 50 en 60 euro`, `50/60 euro`, `50 à 60`,
 *   `ongeveer €50`, `ca. €50`, `rond de €50`, `maximaal`, `hooguit`, `±`) is `estimate`; a
 *   household code in a form the team does not use (`hh DeVries3`, `hh Dorpsstraat4`) is
 *   `household-format`; `hh 21 en 22`, `hh 21/22`, `hh 21-22` are `two-households`.
 * - Rule 16: what would be a request but is a question (ends in `?` or opens with a question
 *   word: `kan hh 12 €50 krijgen`) is `question`; a report of the past (`hh 12 kreeg vorige
 *   week €80`, `heeft al €60 gehad`) is `past-report`. Both only get a hint; nothing is
 *   reserved. A quote or paste of the bot's own words (see isBotEcho) is chatter, never a
 *   request or a vote.
 * - Rule 5: a vote taken back in the same message (`ja… nee wacht`, `ja, sorry, verkeerde
 *   aanvraag`, `ja nee`) is `vote-unclear` (see unclearVote): asked about, never counted.
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
 * @param options - the team's household code format (DEFAULT_FORMAT when not given)
 * @returns what the message means
 *
 * @example
 * const result = parseMessage('grofvuil €33 voor huishouden HH-12')
 * //=> { kind: 'request', amountCents: 3300, household: '12', description: 'grofvuil',
 * //     preventedCents: null, preventedText: null }
 *
 * @example
 * const result = parseMessage('€ 20 en € 30 hh 12')
 * //=> { kind: 'request-problem', problem: 'two-amounts', amountCents: null,
 * //     seen: ['€ 20', '€ 30'] }
 *
 * @example
 * const result = parseMessage('wie heeft er morgen dienst?')
 * //=> { kind: 'chatter' }
 */
export function parseMessage(text: string, options: ParseOptions = {}): ParsedMessage {
  if (typeof text !== 'string') return CHATTER;
  try {
    return parse(text, options.codeFormat ?? DEFAULT_FORMAT);
  } catch {
    // Defensive only: nothing above is expected to throw. A message we cannot read is
    // ordinary chatter, never a crash of the bot.
    return CHATTER;
  }
}
