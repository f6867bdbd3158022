/**
 * BSN (burgerservicenummer) in chat text (docs/rules.md rule 11).
 *
 * Judgement calls:
 * - A BSN in text is 9 digits that pass the eleven-check, written whole (`123456782`) or in
 *   groups of at least two digits with the same kind of separator between all of them
 *   (`1234 56 782`, `123.456.782`, `123/456/782`, `123 - 456-782`), or digit by digit with one
 *   kind of separator (`1 2 3 4 5 6 7 8 2`). A line break reads as a space (`123 456⏎782`).
 *   Groups of one digit and of more are not mixed unless the number is cut once (`1⏎23456782`,
 *   a line break anywhere in it), and neither are kinds of separator (`1-3-1985 102` is a date
 *   and a number, not a BSN); 8-digit numbers are only accepted by {@link isValidBsn},
 *   not found in text (too many ordinary 8-digit numbers). A BSN may be glued to the word
 *   `bsn` (`bsn123456782`), not to other letters. An eleven-proof 9-digit number is flagged
 *   even after `€`: no real amount is that big. Digits that are part of a phone number are not
 *   also a BSN (`020-7257052 / 06…`: the end of one number and the start of the next).
 *
 * @example
 * findBsns('BSN 123.456.782'); // → [{ kind: 'bsn', index: 4, length: 11 }]
 */

import type { PersonalDataHit } from './types.ts';
import {
  isDigitAt,
  isDigitCode,
  numberMayEndAt,
  numberMayStartAt,
  separatorKind,
  separatorLength,
} from './scan.ts';

/**
 * Dutch BSN eleven-check: 9 digits (or 8, read with a leading zero) where
 * 9·d1 + 8·d2 + … + 2·d8 − d9 is divisible by 11; `000000000` is not valid.
 * Only digits are accepted (strip dots and spaces first).
 *
 * @example
 * isValidBsn('123456782'); // → true
 * isValidBsn('123456781'); // → false
 * isValidBsn('12345674');  // → true (read as 012345674)
 */
export function isValidBsn(digits: string): boolean {
  if (typeof digits !== 'string') return false;
  if (digits.length !== 9 && digits.length !== 8) return false;
  const d = digits.length === 8 ? '0' + digits : digits;
  let sum = 0;
  let allZero = true;
  for (let i = 0; i < 9; i++) {
    const c = d.charCodeAt(i);
    if (!isDigitCode(c)) return false;
    const v = c - 48;
    if (v !== 0) allZero = false;
    sum += i < 8 ? v * (9 - i) : -v;
  }
  return !allZero && sum % 11 === 0;
}

/** A group of digits in a number, and the separator before it (`''` for the first). */
interface DigitGroup {
  start: number;
  end: number;
  separator: string;
}

/** The groups of the number that starts at `start` (a digit). */
function readDigitGroups(text: string, start: number): DigitGroup[] {
  const groups: DigitGroup[] = [];
  let p = start;
  let separator = '';
  for (;;) {
    let q = p;
    while (isDigitAt(text, q)) q++;
    groups.push({ start: p, end: q, separator });
    const n = separatorLength(text, q);
    if (n === 0 || !isDigitAt(text, q + n)) return groups;
    separator = text.slice(q, q + n);
    p = q + n;
  }
}

const BSN_GLUED: ReadonlySet<string> = new Set(['bsn', 'bsnr', 'sofinr']);

export function findBsns(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (let i = 0; i < text.length;) {
    if (!isDigitAt(text, i)) {
      i++;
      continue;
    }
    const groups = readDigitGroups(text, i);
    i = groups[groups.length - 1]?.end ?? i + 1;
    // Every window of whole groups with 9 digits and one kind of separator throughout: groups
    // of 2 or more (`1234 56 782`), or single digits (`1 2 3 4 5 6 7 8 2`).
    for (let a = 0; a < groups.length; a++) {
      const first = groups[a];
      if (first === undefined) break;
      if (a === 0 && !numberMayStartAt(text, first.start, BSN_GLUED)) continue;
      const single = first.end - first.start === 1;
      const kind = separatorKind(groups[a + 1]?.separator ?? '');
      let digits = '';
      let mixed = false;
      for (let b = a; b < groups.length && digits.length < 9; b++) {
        const group = groups[b];
        if (group === undefined) break;
        const size = group.end - group.start;
        if (b > a && separatorKind(group.separator) !== kind) break;
        // Mixed sizes only in a number cut once (`1⏎23456782`, `12345678 2`).
        if (b > a + 1 && ((size === 1) !== single || (b === a + 2 && mixed))) break;
        if (b === a + 1) mixed = (size === 1) !== single;
        digits += text.slice(group.start, group.end);
        if (digits.length !== 9) continue;
        if (b === groups.length - 1 && !numberMayEndAt(text, group.end)) continue;
        if (isValidBsn(digits)) {
          hits.push({ kind: 'bsn', index: first.start, length: group.end - first.start });
        }
      }
    }
  }
  return hits;
}
