/**
 * What is a request (docs/rules.md rule 16), the text side: a statement asking for money now. A
 * question or a report of the past that names an amount and a household is not one: the bot
 * at most hints how to write a request, and reserves nothing.
 *
 * Pure: no I/O. Looks at whole words only, with no regular expression beyond a word match
 * (linear); never throws.
 */

/** Words (letters, with `'` inside). */
const WORD = /[\p{L}'’]+/gu;

/** A letter, a digit or a question mark: what ends the search for a closing `?`. */
const NOT_TRAILING = /[\p{L}\p{N}?]/u;

/** Every RegExp this module uses (checked for ReDoS in the tests). */
export const INTENT_PATTERNS: readonly RegExp[] = [WORD, NOT_TRAILING];

/** Words a Dutch question opens with (`kan hh 12 €50 krijgen`, `hoeveel heeft hh 12 nog`). */
const QUESTION_OPENERS = new Set([
  'is',
  'zijn',
  'ben',
  'kan',
  'kun',
  'kunnen',
  'mag',
  'mogen',
  'moet',
  'moeten',
  'wie',
  'wat',
  'welk',
  'welke',
  'hoeveel',
  'waarom',
  'hoe',
  'wanneer',
  'waar',
  'waarvoor',
  'waarmee',
  'zou',
  'zouden',
  'zal',
  'zullen',
  'klopt',
  'weet',
  'weten',
  'krijgt',
  'krijgen',
  'wordt',
  'vind',
  'vinden',
  'valt',
  'hoort',
]);

/** Past forms that say money was already given or paid (`kreeg`, `heeft al €60 gehad`, `is betaald`). */
const PAST_WORDS = new Set([
  'kreeg',
  'kregen',
  'gekregen',
  'gehad',
  'gaf',
  'gaven',
  'gegeven',
  'ontving',
  'ontvingen',
  'ontvangen',
  'betaald',
  'betaalde',
  'betaalden',
  'uitbetaald',
  'overgemaakt',
  'vergoed',
  'toegekend',
]);

/** Words that ask for money now even beside a past form (`moet betaald worden`, `graag vergoeden`). */
const NOW_WORDS = new Set([
  'nodig',
  'graag',
  'aanvraag',
  'aanvragen',
  'vraag',
  'vragen',
  'verzoek',
  'vergoeden',
  'terugbetalen',
  'voorschieten',
  'worden',
  'wordt',
  'moet',
  'moeten',
  'svp',
]);

/** Characters that may follow a closing question mark (`?)`, `? 🙏`, `?!`). */
function isTrailing(ch: string): boolean {
  return !NOT_TRAILING.test(ch);
}

/**
 * @name isQuestion
 * @summary Is this text a question rather than a statement?
 *
 * @description
 * A question ends in `?` (after it only spaces, emoji and punctuation) or opens with a
 * question word: `is`, `kan`, `mag`, `moet`, `wie`, `wat`, `hoeveel`, `waarom`, `hoe`,
 * `wanneer`, `zou`, `kunnen`, `klopt` … A question is not a request (rule 16).
 *
 * @param text - the message, cleaned
 * @returns whether it asks
 *
 * @example
 * isQuestion('kan hh 12 €50 krijgen voor een bed') //=> true
 * isQuestion('grofvuil €33 hh 12') //=> false
 */
export function isQuestion(text: string): boolean {
  if (typeof text !== 'string') return false;
  const chars = Array.from(text.slice(-64));
  for (let i = chars.length - 1; i >= 0; i--) {
    const ch = chars[i] ?? '';
    if (ch === '?') return true;
    if (!isTrailing(ch)) break;
  }
  // The opening word: the first run of letters, when nothing but spaces comes before it.
  const head = text.trimStart().slice(0, 32);
  WORD.lastIndex = 0;
  const first = WORD.exec(head);
  WORD.lastIndex = 0;
  return first !== null && first.index === 0 && QUESTION_OPENERS.has(first[0].toLowerCase());
}

/**
 * @name isPastReport
 * @summary Does this text report money given or paid before, rather than ask for it now?
 *
 * @description
 * A past form of getting, giving or paying (`kreeg`, `gekregen`, `gehad`, `gegeven`, `betaald`,
 * `overgemaakt` …) makes a report of the past (`kreeg vorige week €80`, `heeft al €60 gehad`,
 * `is betaald`, `hebben we toen €50 gegeven`), unless the text also asks for money now
 * (`nodig`, `graag`, `moet … worden`, `vergoeden`). Such a report is not a request (rule 16).
 *
 * @param text - the message, cleaned
 * @returns whether it reports the past
 *
 * @example
 * isPastReport('hh 12 heeft al €60 gehad') //=> true
 * isPastReport('grofvuil €33 hh 12, moet vrijdag betaald worden') //=> false
 */
export function isPastReport(text: string): boolean {
  if (typeof text !== 'string') return false;
  let past = false;
  for (const m of text.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    if (NOW_WORDS.has(word)) return false;
    if (PAST_WORDS.has(word)) past = true;
  }
  return past;
}
