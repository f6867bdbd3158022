/**
 * Votes (docs/rules.md rule 5): "ja" / "nee" in their chat spellings, emoji and reactions.
 *
 * Pure: no I/O. Never throws on any string.
 */

/** A vote on a request. */
export type VoteValue = 'ja' | 'nee';

/** A vote is a short message; anything longer is conversation. */
const MAX_VOTE_CHARS = 120;
/** At most this many filler words (`hoor`, `prima`, `van mij` …) around the vote. */
const MAX_FILLER_WORDS = 4;

/** Zero-width characters and bidi marks (invisible, may be pasted into a vote). */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** A request reference: `#12`, `# 12`. */
const REQUEST_REF = /#\s?(\d{1,9})(?!\d)/g;
/** `+1` / `-1` as a token of its own. */
const PLUS_MINUS_ONE = /(?<![\p{L}\p{N}+-])([+-])1(?!\p{N})/gu;
/** 👍 and ✅ (a skin tone after 👍 stays behind and is ignored like other emoji). */
const YES_EMOJI = /\u{1F44D}|\u2705/gu;
/** 👎 and ❌. */
const NO_EMOJI = /\u{1F44E}|\u274C/gu;
/** 👍/✅ and 👎/❌ anywhere (not global: for `test`). */
const YES_EMOJI_ANY = /\u{1F44D}|\u2705/u;
const NO_EMOJI_ANY = /\u{1F44E}|\u274C/u;
/** Any digit left over means the message says more than a vote. */
const ANY_DIGIT = /\p{N}/u;
/** Words. Everything else (punctuation, emoji, spaces) is ignored. */
const WORD = /\p{L}+/gu;
/** `ja`, `jaa`, `JAAAA`. */
const JA = /^ja+$/;
/** `nee`, `neee`, `neen`. */
const NEE = /^nee+n?$/;
/** Skin tones and emoji/text variation selectors, for reactions. */
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F]/gu;

/** Where a vote ends and its reason begins: `nee, te duur`, `ja! goed plan`, `nee - valt onder …`. */
const REASON_BREAK = /[,.!:;]|\s[-–—]\s/;

/** A vote emoji or `+1`/`-1` at the very start of a message. */
const LEADING_VOTE_SIGN = /^(?:\u{1F44D}|\u2705|\u{1F44E}|\u274C|[+-]1(?!\p{N}))/u;

/** How a message that starts as a vote can start (a quick first look, see unclearVote). */
const VOTE_START = /^(?:#\s?\d+\s*)?(?:[jnaeyo]|[+-]1|\u{1F44D}|\u2705|\u{1F44E}|\u274C)/u;

/** Every RegExp this module uses (checked for ReDoS in the tests). */
export const VOTE_PATTERNS: readonly RegExp[] = [
  VOTE_START,
  LEADING_VOTE_SIGN,
  YES_EMOJI_ANY,
  NO_EMOJI_ANY,
  INVISIBLE,
  REQUEST_REF,
  PLUS_MINUS_ONE,
  YES_EMOJI,
  NO_EMOJI,
  ANY_DIGIT,
  WORD,
  JA,
  NEE,
  EMOJI_MODIFIERS,
  REASON_BREAK,
];

const YES_WORDS = new Set(['jazeker', 'jawel', 'akkoord', 'eens', 'yes']);
const FILLER_WORDS = new Set([
  'hoor',
  'prima',
  'zeker',
  'van',
  'mij',
  'me',
  'ik',
  'hier',
  'helemaal',
  'goed',
  'voor',
  'top',
  'ook',
  'mee',
  'wat',
  'betreft',
  'natuurlijk',
  'tuurlijk',
  'uiteraard',
  'absoluut',
  'graag',
  'super',
  'prachtig',
  'mooi',
  'lijkt',
  'dus',
  'de',
  'het',
  'aanvraag',
  'idee',
  'plan',
]);

/**
 * @name parseVote
 * @summary Read a chat message as a "ja"/"nee" vote, if that is all it is.
 *
 * @description
 * Yes: `ja`, `Ja!`, `JA`, `jaa`, `jazeker`, `jawel`, `ja hoor`, `akkoord`, `eens`,
 * `mee eens`, `yes`, `👍` (any skin tone), `✅`, `+1`. No: `nee`, `Nee.`, `neen`,
 * `niet akkoord`, `(niet) mee eens`, `👎`, `❌`, `-1`. A request may be named with
 * `#nr` anywhere: `ja #12`, `#12 ja`, `ja voor #12`, `👍 #4`.
 *
 * The message must be essentially just the vote: besides vote words only punctuation,
 * other emoji, one `#nr` and at most four filler words (`hoor`, `prima`, `zeker`,
 * `van mij`, `hier`, `helemaal`, `goed`, `voor`, `top`, `ook` …). Anything else is not a
 * vote: other words (`ja, ik bel haar morgen`), other numbers, two different `#nr`s,
 * both yes and no, or a question mark (`ja?` asks, it does not vote). Never throws.
 *
 * @param text - the chat message
 * @returns the vote and the request number it names (or `null`), or `null`
 *
 * @example
 * const result = parseVote('Ja hoor, van mij #12 👍')
 * //=> { vote: 'ja', requestNumber: 12 }
 *
 * @example
 * const result = parseVote('ja maar ik twijfel nog over het bedrag')
 * //=> null
 */
export function parseVote(text: string): { vote: VoteValue; requestNumber: number | null } | null {
  if (typeof text !== 'string') return null;
  let s = text.replace(INVISIBLE, '').trim();
  if (s === '' || s.length > MAX_VOTE_CHARS || s.includes('?')) return null;
  s = s.toLowerCase();

  const refs = new Set<number>();
  let yes = 0;
  let no = 0;
  s = s.replace(REQUEST_REF, (_m: string, digits: string) => {
    refs.add(Number(digits));
    return ' ';
  });
  s = s.replace(PLUS_MINUS_ONE, (_m: string, sign: string) => {
    if (sign === '+') yes++;
    else no++;
    return ' ';
  });
  s = s.replace(YES_EMOJI, () => {
    yes++;
    return ' ';
  });
  s = s.replace(NO_EMOJI, () => {
    no++;
    return ' ';
  });
  if (ANY_DIGIT.test(s) || refs.size > 1) return null;

  const words = s.match(WORD) ?? [];
  let fillers = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const next = words[i + 1];
    if (JA.test(word) || YES_WORDS.has(word)) yes++;
    else if (NEE.test(word) || word === 'oneens') no++;
    else if (word === 'niet') {
      if (next === 'akkoord' || next === 'eens') i += 1;
      else if (next === 'mee' && words[i + 2] === 'eens') i += 2;
      else return null;
      no++;
    } else if (word === 'mee' && next === 'eens') {
      yes++;
      i += 1;
    } else if (FILLER_WORDS.has(word)) fillers++;
    else return null;
  }

  if (fillers > MAX_FILLER_WORDS) return null;
  if (yes > 0 === no > 0) return null;
  const [requestNumber = null] = refs;
  return { vote: yes > 0 ? 'ja' : 'nee', requestNumber };
}

/**
 * @name parseVoteWithReason
 * @summary Read an answer to a request as a vote followed by its reason.
 *
 * @description
 * For a message that replies to a request: a vote (as `parseVote` reads it) up to the first
 * comma, full stop, exclamation mark, colon or dash, followed by a reason: `nee, te duur`,
 * `ja! goed dat we dit doen`, `nee - dit valt onder de bijzondere bijstand`. Without such a
 * break it is not a vote (`nee joh dat bedoelde ik niet`), nor with a question mark anywhere.
 * Never throws.
 *
 * @example
 * const result = parseVoteWithReason('nee, dit valt onder de bijzondere bijstand')
 * //=> { vote: 'nee', requestNumber: null }
 *
 * @example
 * const result = parseVoteWithReason('nee joh dat bedoelde ik niet')
 * //=> null
 */
export function parseVoteWithReason(
  text: string,
): { vote: VoteValue; requestNumber: number | null } | null {
  if (typeof text !== 'string' || text.length > 1000 || text.includes('?')) return null;
  if (unclearVote(text) !== null) return null;
  const head = text.replace(INVISIBLE, '').trim();
  const cut = REASON_BREAK.exec(head);
  if (!cut) return null;
  return parseVote(head.slice(0, cut.index + (cut[0].trim() === '!' ? 1 : 0)));
}

/**
 * @name voteFromReaction
 * @summary Read an emoji reaction on a request as a vote.
 *
 * @description
 * 👍 (any skin tone) and ✅ are "ja", 👎 (any skin tone) and ❌ are "nee"; any other
 * reaction is not a vote.
 *
 * @param emoji - the reaction as the platform delivers it
 * @returns the vote, or `null`
 *
 * @example
 * const result = voteFromReaction('👍🏽')
 * //=> 'ja'
 *
 * @example
 * const result = voteFromReaction('❤️')
 * //=> null
 */
export function voteFromReaction(emoji: string): VoteValue | null {
  if (typeof emoji !== 'string' || emoji.length > 16) return null;
  const bare = emoji.replace(EMOJI_MODIFIERS, '').replace(INVISIBLE, '').trim();
  if (bare === '\u{1F44D}' || bare === '\u2705') return 'ja';
  if (bare === '\u{1F44E}' || bare === '\u274C') return 'nee';
  return null;
}

/** A message this long or longer is conversation, not a vote taken back. */
const MAX_UNCLEAR_CHARS = 200;
/** Words that take a vote back in the same breath (`ja… nee wacht`, `ja, sorry, verkeerde`). */
const RETRACTION_WORDS = new Set([
  'wacht',
  'sorry',
  'sorrie',
  'sory',
  'oeps',
  'oops',
  'excuus',
  'excuses',
  'verkeerd',
  'verkeerde',
  'fout',
  'foutje',
  'vergeet',
  'laatmaar',
  'ofnee',
]);
/** `toch (maar) niet`, `laat maar`, `doe maar niet`: a retraction in two or three words. */
function retractsAt(words: readonly string[], i: number): boolean {
  const word = words[i];
  const next = words[i + 1];
  if (word === 'toch') return next === 'niet' || (next === 'maar' && words[i + 2] === 'niet');
  if (word === 'laat') return next === 'maar';
  if (word === 'doe') return next === 'maar' && words[i + 2] === 'niet';
  return false;
}

function isYesWord(word: string): boolean {
  return JA.test(word) || YES_WORDS.has(word);
}

function isNoWord(word: string): boolean {
  return NEE.test(word) || word === 'oneens';
}

/**
 * @name unclearVote
 * @summary Recognise a vote taken back in the same message: asked about, never counted.
 *
 * @description
 * docs/rules.md rule 5: a message that starts as a vote (a yes- or no-word, 👍/👎/✅/❌, `+1`/`-1`)
 * and also holds the other vote or a retraction (`wacht`, `sorry`, `oeps`, `verkeerde`,
 * `toch (maar) niet`, `laat maar`) is not a vote: `ja… nee wacht`, `ja, sorry, verkeerde
 * aanvraag`, `ja, toch maar niet`, `ja nee`, `👍 oeps`. The bot asks which vote is meant.
 * A request named with `#nr` is returned, so the question can name it. A message with a
 * question mark is a question, not a vote (see parseVote); anything of MAX_UNCLEAR_CHARS or
 * more is conversation. Never throws.
 *
 * @param text - the chat message
 * @returns the request it names (or `null`), or `null` when it is not a vote taken back
 *
 * @example
 * const result = unclearVote('ja, sorry, verkeerde aanvraag')
 * //=> { requestNumber: null }
 *
 * @example
 * const result = unclearVote('nee, te duur')
 * //=> null
 */
export function unclearVote(text: string): { requestNumber: number | null } | null {
  if (typeof text !== 'string') return null;
  const s = text.replace(INVISIBLE, '').trim().toLowerCase();
  if (s === '' || s.length >= MAX_UNCLEAR_CHARS || s.includes('?') || !VOTE_START.test(s))
    return null;
  const refs = new Set<number>();
  for (const m of s.matchAll(REQUEST_REF)) refs.add(Number(m[1]));
  const rest = s.replace(REQUEST_REF, ' ').trim();
  const words = rest.match(WORD) ?? [];
  const first = words[0] ?? '';
  const sign = LEADING_VOTE_SIGN.exec(rest);
  const startsYes =
    (sign === null && isYesWord(first)) ||
    (sign !== null && (sign[0] === '+1' || sign[0] === '\u{1F44D}' || sign[0] === '\u2705'));
  const startsNo = (sign === null && isNoWord(first)) || (sign !== null && !startsYes);
  if (!startsYes && !startsNo) return null;
  const from = sign === null ? 1 : 0;
  let yes = startsYes || YES_EMOJI_ANY.test(rest.slice(1));
  let no = startsNo || NO_EMOJI_ANY.test(rest.slice(1));
  let retracted = false;
  for (let i = from; i < words.length; i++) {
    const word = words[i] ?? '';
    if (isYesWord(word)) yes = true;
    else if (isNoWord(word)) no = true;
    else if (RETRACTION_WORDS.has(word) || retractsAt(words, i)) retracted = true;
  }
  if (!retracted && !(yes && no)) return null;
  const [requestNumber = null] = refs.size === 1 ? refs : [];
  return { requestNumber };
}
