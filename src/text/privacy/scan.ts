/**
 * Shared scanning for the privacy detectors (docs/rules.md rule 11): character tests, the detection
 * view of a cleaned text, and the rules for where a written number may start and end and what
 * stands between its groups.
 *
 * Numbers may be written in groups. Between two groups stands one separator: a space, `-`,
 * `.` or `/`, or one of those with spaces around it (`06 - 12345678`).
 *
 * For detection only, the Unicode dashes U+2010–U+2015 and the minus sign U+2212 count as a
 * hyphen (`06‑12345678` with a non-breaking hyphen is a phone number).
 */

/** A letter or a digit, in any script (tested on one character). */
export const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
/** A letter or a combining mark (tested on one character). */
export const LETTER_RE = /[\p{L}\p{M}]/u;
/** A capital letter (tested on one character). */
export const CAPITAL_RE = /\p{Lu}/u;

/** The patterns of this file, for the ReDoS check. */
export const SCAN_PATTERNS: readonly RegExp[] = [WORD_CHAR_RE, LETTER_RE, CAPITAL_RE];

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
export function isAlnumCode(c: number): boolean {
  return isDigitCode(c) || isAsciiLetterCode(c);
}
export function isDigitAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && isDigitCode(s.charCodeAt(i));
}
export function isAlnumAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && isAlnumCode(s.charCodeAt(i));
}
/** A letter or digit of any script at `i`. */
export function isWordAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && WORD_CHAR_RE.test(s[i] ?? '');
}
export function isLetterAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && LETTER_RE.test(s[i] ?? '');
}

/** Unicode dashes (U+2010–U+2015, U+2212 minus, small and full-width hyphen-minus). */
function isDashCode(c: number): boolean {
  return (
    (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d
  );
}

/**
 * The cleaned text as the detectors read it (same length, for detection only): every Unicode
 * dash read as `-`, and every line break and tab read as a space, so personal data split over
 * two lines (`BSN 123 456⏎782`, `mevrouw⏎Jansen`) is found as if it stood on one.
 *
 * @example
 * detectionView('06\u201112345678\n0612'); // → '06-12345678 0612'
 */
export function detectionView(clean: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    const dash = isDashCode(c);
    if (!dash && c !== 0x0a && c !== 0x09) continue;
    out += clean.slice(from, i) + (dash ? '-' : ' ');
    from = i + 1;
  }
  return from === 0 ? clean : out + clean.slice(from);
}

export function allMatches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

/**
 * Length of the separator between two groups of a number at `p`: a space, `-`, `.` or `/`,
 * or one of those three with a space before and/or after it (`06 - 1234`); 0 when none.
 */
export function separatorLength(text: string, p: number): number {
  let q = p;
  if (text[q] === ' ') q++;
  const ch = text[q];
  if (ch === '-' || ch === '.' || ch === '/') q++;
  if (text[q] === ' ' && q > p) q++;
  return q - p;
}

/**
 * What kind of separator `separator` is, ignoring the spaces around it: `-`, `.`, `/` or a
 * space (`' '`), so `123 - 456-782` and `123.456. 782` (a line break read as a space) each
 * have one kind of separator throughout.
 *
 * @example
 * separatorKind(' - '); // → '-'
 */
export function separatorKind(separator: string): string {
  return separator.trim() || ' ';
}

/** Whether the letters right before `index` are one of `words`, glued to what follows. */
function gluedKeyword(text: string, index: number, words: ReadonlySet<string>): boolean {
  let w = index;
  while (w > 0 && index - w < 12 && isAsciiLetterCode(text.charCodeAt(w - 1))) w--;
  return w < index && !isWordAt(text, w - 1) && words.has(text.slice(w, index).toLowerCase());
}

/**
 * Whether a number that starts at `index` may start there: not glued to letters (unless to
 * one of `glued`), not in the middle of another number (`1.0612…`, `+123…`).
 */
export function numberMayStartAt(text: string, index: number, glued: ReadonlySet<string>): boolean {
  const before = text[index - 1];
  if (before === undefined) return true;
  if (isDigitAt(text, index - 1) || before === '+') return false;
  if (isWordAt(text, index - 1)) return gluedKeyword(text, index, glued);
  if ('.,-/'.includes(before)) return !isDigitAt(text, index - 2);
  return true;
}

/** Whether a number may end at `end`: no letter or digit glued to it, no decimals after it. */
export function numberMayEndAt(text: string, end: number): boolean {
  if (isWordAt(text, end)) return false;
  return !((text[end] === '.' || text[end] === ',') && isDigitAt(text, end + 1));
}
