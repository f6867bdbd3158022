/**
 * The one cleaning every chat text gets before the bot reads it, checks it for personal data
 * (docs/rules.md rule 11) or stores any part of it. The privacy mask (src/text/privacy/) and the parser
 * (src/text/parse-message.ts) both use {@link cleanText}, so what is masked is exactly what is read
 * and stored: a zero-width space between the digits of a BSN cannot hide it from the mask and
 * then disappear in the parser.
 *
 * - Removed: invisible format characters (zero-width space, non-joiner and joiner, word joiner,
 *   byte-order mark, soft hyphen, bidi marks and isolates, invisible operators) and control
 *   characters (C0 and C1, DEL). A zero-width joiner right after an emoji is kept (👨‍👩‍👧).
 * - Read as a plain space: no-break spaces (U+00A0, U+2007, U+202F) and the other Unicode spaces.
 * - Newlines: CR LF and a lone CR become LF; U+2028 and U+2029 become LF. Tabs stay.
 * - Digits of every script read as ASCII digits (rule 2: `hh ３４`, `hh ٣٤` and `hh 𝟑𝟒` are
 *   household `34`), a keycap emoji as its digit (`4️⃣` is `4`), and every other character as its
 *   NFKC form (full-width `ｈｈ` is `hh`, `①` is `1`), one character at a time, so what is stored
 *   is what was read, and the privacy mask sees the same digits as the parser.
 *
 * Pure, linear, never throws. Cleaning the result again changes nothing.
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

/** U+20E3 COMBINING ENCLOSING KEYCAP: `4️⃣` is `4`, U+FE0F, U+20E3. */
const KEYCAP = 0x20e3;
const VARIATION_EMOJI = 0xfe0f;

/**
 * The value of a Unicode decimal digit (general category Nd) that is not ASCII, else -1. Every
 * script's digits are a run of ten code points from zero to nine, and runs of several styles
 * (the mathematical digits) follow each other, so the value is the distance from the start of the
 * run modulo ten.
 *
 * @example
 * digitValue(0xff13); // → 3 (full-width ３)
 * digitValue(0x0663); // → 3 (Arabic-Indic ٣)
 * digitValue(0x1d7d1); // → 3 (mathematical bold 𝟑)
 */
function digitValue(cp: number): number {
  if (cp < 0x80 || !ND.test(String.fromCodePoint(cp))) return -1;
  let start = cp;
  while (ND.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}
const ND = /^\p{Nd}$/u;

/** A character outside ASCII as the bot reads it: its digit, or its NFKC form (memoised). */
const folded = new Map<number, string>();
function foldChar(cp: number, char: string): string {
  let out = folded.get(cp);
  if (out === undefined) {
    const digit = digitValue(cp);
    if (digit >= 0) out = String(digit);
    else {
      const nfkc = char.normalize('NFKC');
      // The NFKC form's own characters as the bot reads them (a digit in it, a space).
      out = '';
      for (const part of nfkc) {
        const p = part.codePointAt(0)!;
        const d = digitValue(p);
        if (d >= 0) out += String(d);
        else if (p <= 0xffff && actionFor(p) === Action.Drop) continue;
        else out += p <= 0xffff && actionFor(p) === Action.Space ? ' ' : part;
      }
    }
    if (folded.size < 4096) folded.set(cp, out);
  }
  return out;
}

/** Whether a character outside ASCII may read differently (a digit, NFKC, a keycap). */
function mayFold(text: string): boolean {
  return NON_ASCII_DIGIT.test(text) || text.includes('\u20E3') || text.normalize('NFKC') !== text;
}
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/u;

/**
 * {@link cleanText}, and for each character of the result where it came from in `text`: it is
 * `text.slice(offsets[i], ends[i])` read as the bot reads it (`offsets[result.length]` is
 * `text.length`), so positions found in the cleaned text can be shown in the original. Where one
 * character of `text` reads as several (`½` is `1⁄2` in NFKC), they share its offset and end.
 *
 * @example
 * cleanTextWithOffsets('1\u200B2'); // → { text: '12', offsets: [0, 2, 3], ends: [1, 3] }
 * cleanTextWithOffsets('hh ３4'); // → { text: 'hh 34', offsets: [0, 1, 2, 3, 4, 5], ends: [1, 2, 3, 4, 5] }
 */
export function cleanTextWithOffsets(text: string): {
  text: string;
  offsets: number[];
  ends: number[];
} {
  if (typeof text !== 'string') return { text: '', offsets: [0], ends: [] };
  const parts: string[] = [];
  const offsets: number[] = [];
  const ends: number[] = [];
  const fold = mayFold(text);
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
    if (fold && action === Action.Keep && c >= 0x80) {
      // A keycap (and the emoji selector before it) is dropped: `4️⃣` reads as `4`.
      if (c === KEYCAP || (c === VARIATION_EMOJI && text.charCodeAt(i + 1) === KEYCAP)) {
        flush(i);
        keptFrom = i + 1;
        continue;
      }
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      const char = text.slice(i, i + width);
      const out = foldChar(cp, char);
      if (out !== char) {
        flush(i);
        keptFrom = i + width;
        parts.push(out);
        for (let k = 0; k < out.length; k++) {
          offsets.push(i);
          ends.push(i + width);
        }
        i += width - 1;
        continue;
      }
    }
    if (action === Action.Keep) {
      offsets.push(i);
      ends.push(i + 1);
      continue;
    }
    flush(i);
    keptFrom = i + 1;
    if (action === Action.Space || action === Action.Newline) {
      parts.push(action === Action.Space ? ' ' : '\n');
      offsets.push(i);
      ends.push(i + 1);
    }
  }
  flush(text.length);
  offsets.push(text.length);
  return { text: parts.join(''), offsets, ends };
}

/**
 * The text as the bot reads and stores it: invisible and control characters removed, every
 * kind of space read as a plain space, every line break as `\n`, every digit as an ASCII digit
 * and every other character in its NFKC form (see the top of this file).
 *
 * @example
 * cleanText('BSN 123\u200B456\u200B782');  // → 'BSN 123456782'
 * cleanText('€\u00A075 hh\u202F7\r\n');     // → '€ 75 hh 7\n'
 * cleanText('grof\u0000vuil\u0085');        // → 'grofvuil'
 * cleanText('€ ７５ hh ٧');                   // → '€ 75 hh 7'
 */
export function cleanText(text: string): string {
  if (typeof text !== 'string') return '';
  if (readsAsIs(text)) return text; // most messages have nothing to clean
  // Nothing removed or replaced, and no character that folds differently in the whole text.
  let i = 0;
  for (; i < text.length; i++) if (actionFor(text.charCodeAt(i)) !== Action.Keep) break;
  if (i === text.length && !mayFold(text)) return text;
  return cleanTextWithOffsets(text).text;
}

/**
 * Whether {@link cleanTextWithOffsets} leaves `text` as it is, each character at its own
 * offset (a quick, conservative check: `false` only means "clean it to see"). Every code unit is
 * kept, and each one outside ASCII reads as itself (its memoised fold, no keycap), the way the
 * cleaning's own loop reads it; no NFKC of the whole text.
 *
 * @example
 * readsAsIs('€ 75 voor hh 12'); // → true
 * readsAsIs('hh ３4');           // → false
 */
export function readsAsIs(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 ? c !== 0x09 && c !== 0x0a : c === 0x7f) return false;
      continue;
    }
    if (actionFor(c) !== Action.Keep || c === KEYCAP) return false;
    const cp = text.codePointAt(i)!;
    const char = text.slice(i, cp > 0xffff ? i + 2 : i + 1);
    if (foldChar(cp, char) !== char) return false;
  }
  return true;
}
