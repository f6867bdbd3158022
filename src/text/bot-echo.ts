/**
 * The bot's own phrasing (docs/rules.md rule 16): a quote or paste of what the bot said never opens
 * a request or counts as a vote. The bot's replies about requests are built in
 * src/rules/replies.ts and the commands; each carries one of the marks below, and a test
 * (test/rules/bot-echo.test.ts) renders every such reply and checks it is recognised here.
 *
 * Pure: no I/O. Every pattern is a plain sequence without nested quantifiers (linear).
 */

/** `Aanvraag #12: …`, `Aanvraag #12 is toegekend`, `Aanvraag #12 (…)`: the bot naming a request. */
const REQUEST_HEADING = /aanvraag #\d{1,9}(?::| is | \()/i;
/** `#12: 1 van 3 ja`: the running count (votes needed are at most 50, so two digits). */
const TALLY = /\d van \d\d? ja/i;
/** `#12 € 33,00 grofvuil (hh 12): …`: a line of `/open`. */
const OPEN_LINE = /#\d{1,9} € ?\d/;
/** `Die aanvraag past niet:`, `Open aanvragen:`, `Nieuw saldo:`, `Stem met 'ja #…`, `zet het dan zo`, `🔒 Let op:`. */
const FIXED_PHRASE =
  /die aanvraag past niet:|open aanvragen:|nieuw saldo:|stem met 'ja #|zet het dan zo|\uD83D\uDD12 let op:|deze periode: toegekend/i;
/** `bijvoorbeeld 'grofvuil €33 hh 12'`: the bot's examples of how to write something. */
const EXAMPLE = /bijvoorbeeld:? ['‘/]/i;

/** Every RegExp this module uses (checked for ReDoS in the tests). */
export const BOT_ECHO_PATTERNS: readonly RegExp[] = [
  REQUEST_HEADING,
  TALLY,
  OPEN_LINE,
  FIXED_PHRASE,
  EXAMPLE,
];

/**
 * @name isBotEcho
 * @summary Does this text quote or paste the bot's own words?
 *
 * @description
 * True when the text holds one of the bot's marks: a request heading (`📝 Aanvraag #1: € 33,00
 * …`, `✅ Aanvraag #1 is toegekend`, `⌛ Aanvraag #3 (…) is verlopen`), a vote count (`#1: 2 van
 * 3 ja`), a line of `/open`, a fixed phrase of the bot (`Nieuw saldo:`, `Stem met 'ja #`,
 * `Open aanvragen:`, `zet het dan zo`, `🔒 Let op:`) or one of its examples (`bijvoorbeeld
 * 'grofvuil €33 hh 12'`), wherever it stands (a WhatsApp copy puts `[12:03] Bot:` before it, a
 * quote `> `). Such a text is neither a request nor a vote. Never throws.
 *
 * @param text - the chat message, cleaned (see cleanText)
 * @returns whether it holds the bot's own words
 *
 * @example
 * isBotEcho('> ✅ Aanvraag #1 is toegekend: € 33,00 grofvuil voor huishouden 12.') //=> true
 * isBotEcho('ja #1') //=> false
 */
export function isBotEcho(text: string): boolean {
  if (typeof text !== 'string') return false;
  return BOT_ECHO_PATTERNS.some((pattern) => pattern.test(text));
}
