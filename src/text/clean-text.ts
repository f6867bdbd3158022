/**
 * The one cleaning every chat text gets before the bot reads it, checks it for personal data
 * (DOMAIN.md rule 11) or stores any part of it. The privacy mask (src/text/privacy/) and the parser
 * (src/text/parse-message.ts) both use {@link cleanText}, so what is masked is exactly what is read
 * and stored: a zero-width space between the digits of a BSN cannot hide it from the mask and
 * then disappear in the parser.
 *
 * - Removed: invisible format characters (zero-width space, non-joiner and joiner, word joiner,
 *   byte-order mark, soft hyphen, bidi marks and isolates, invisible operators) and control
 *   characters (C0 and C1, DEL). A zero-width joiner right after an emoji is kept (👨‍👩‍👧).
 * - Read as a plain space: no-break spaces (U+00A0, U+2007, U+202F) and the other Unicode spaces.
 * - Newlines: CR LF and a lone CR become LF; U+2028 and U+2029 become LF. Tabs stay.
 *
 * Pure, linear, no regular expression, never throws. The result never grows, and cleaning it
 * again changes nothing.
 */

/** What happens to one UTF-16 code unit. */
const Action = { Keep: 0, Drop: 1, Space: 2, Newline: 3 } as const;
type Action = (typeof Action)[keyof typeof Action];

function actionFor(c: number): Action {
  if (c < 0x20)
    return c === 0x09 || c === 0x0a ? Action.Keep : c === 0x0d ? Action.Newline : Action.Drop;
  if (c < 0x7f) return Action.Keep;
  if (c <= 0x9f) return Action.Drop; // DEL and C1
  if (c === 0xa0) return Action.Space;
  if (c === 0xad) return Action.Drop; // soft hyphen
  if (c < 0x034f) return Action.Keep;
  if (c === 0x034f || c === 0x061c || c === 0x180e) return Action.Drop;
  if (c === 0x1680) return Action.Space;
  if (c < 0x2000) return Action.Keep;
  if (c <= 0x200a) return Action.Space; // en quad … hair space, incl. figure space U+2007
  if (c <= 0x200f) return Action.Drop; // zero-width space, (non-)joiner, LRM, RLM
  if (c === 0x2028 || c === 0x2029) return Action.Newline;
  if (c >= 0x202a && c <= 0x202e) return Action.Drop; // bidi embeddings and overrides
  if (c === 0x202f || c === 0x205f) return Action.Space;
  if (c >= 0x2060 && c <= 0x206f) return Action.Drop; // word joiner, invisible operators, isolates
  if (c === 0x3000) return Action.Space;
  if (c === 0xfeff) return Action.Drop;
  return Action.Keep;
}

/** A zero-width joiner that glues emoji together (after a surrogate pair or U+FE0F) is kept. */
function joinsEmoji(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 0x200d || i === 0) return false;
  const before = text.charCodeAt(i - 1);
  return (before >= 0xdc00 && before <= 0xdfff) || before === 0xfe0f;
}

/**
 * {@link cleanText}, and for each character of the result the index of the character of
 * `text` it came from (`offsets[result.length]` is `text.length`), so positions found in the
 * cleaned text can be shown in the original.
 *
 * @example
 * cleanTextWithOffsets('1\u200B2'); // → { text: '12', offsets: [0, 2, 3] }
 */
export function cleanTextWithOffsets(text: string): { text: string; offsets: number[] } {
  if (typeof text !== 'string') return { text: '', offsets: [0] };
  const parts: string[] = [];
  const offsets: number[] = [];
  let keptFrom = 0; // start of the run of characters kept as they are
  const flush = (until: number) => {
    if (until > keptFrom) parts.push(text.slice(keptFrom, until));
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let action = actionFor(c);
    if (action === Action.Drop && joinsEmoji(text, i)) action = Action.Keep;
    if (action === Action.Newline && c === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      action = Action.Drop; // CR LF: the LF stays
    }
    if (action === Action.Keep) {
      offsets.push(i);
      continue;
    }
    flush(i);
    keptFrom = i + 1;
    if (action === Action.Space || action === Action.Newline) {
      parts.push(action === Action.Space ? ' ' : '\n');
      offsets.push(i);
    }
  }
  flush(text.length);
  offsets.push(text.length);
  return { text: parts.join(''), offsets };
}

/**
 * The text as the bot reads and stores it: invisible and control characters removed, every
 * kind of space read as a plain space, every line break as `\n` (see the top of this file).
 *
 * @example
 * cleanText('BSN 123\u200B456\u200B782');  // → 'BSN 123456782'
 * cleanText('€\u00A075 hh\u202F7\r\n');     // → '€ 75 hh 7\n'
 * cleanText('grof\u0000vuil\u0085');        // → 'grofvuil'
 */
export function cleanText(text: string): string {
  if (typeof text !== 'string') return '';
  // Fast path: most messages have nothing to clean.
  let i = 0;
  while (i < text.length && actionFor(text.charCodeAt(i)) === Action.Keep) i++;
  if (i === text.length) return text;
  return cleanTextWithOffsets(text).text;
}
