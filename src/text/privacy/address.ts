/**
 * Addresses in chat text (DOMAIN.md rule 11).
 *
 * Judgement calls:
 * - An address is a postcode together with a house number, in either order:
 *   `7551 AB 12`, `7551AB 12a`, `7551 ab, 12`, `Hoofdstraat 12, 7551 AB`. In the second
 *   form a directly preceding street name (a word ending in `straat`, `laan`, `weg`, …) is
 *   masked too. A postcode alone, or a street and number without postcode, is not flagged.
 *   Lower-case letter pairs that are common short words (`1250 op 12`, `2024 en 3`) and
 *   numbers right after `€`, `EUR` or `#` are not addresses. A house number right after `hh`,
 *   `huishouden` or `gezin` is a household code (`hh 12 7551 AB`), but a postcode with house
 *   number there is an address (`hh 1234 AB 12`): then the message has no household code.
 *
 * @example
 * findAddresses('Hoofdstraat 12, 7551 AB'); // → [{ kind: 'postcode', index: 0, length: 23 }]
 */

import type { PersonalDataHit } from './types.ts';
import { allMatches, isAlnumAt, isAsciiLetterCode, isDigitAt } from './scan.ts';

/** A Dutch postcode; a house number before or after it is read in code. */
const POSTCODE_RE = /(?<![\w€.,-])([1-9]\d{3})[ -]?([A-Za-z]{2})(?![A-Za-z])/g;
/** House number right after a postcode (`7551 AB 12a`, `7551 ab, 12`), on a slice. */
const HOUSE_NUMBER_AFTER_RE = /^(?:-|,? ?)(\d{1,5})(?:[A-Za-z](?![A-Za-z]))?(?!\d|[.,]\d)/;
/** Word that looks like a street name (only tested on one word). */
export const STREET_SUFFIX_RE =
  /(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|steeg|pad|dreef|markt|ring|park|erf|veld|baan)$/i;
/** Text before a number that makes it money, a household code or a request number. */
const MONEY_OR_CODE_BEFORE_RE = /(?:€|eur|euro|hh|huishouden|gezin|#)[\s.:-]{0,3}$/i;
/** Text before a number that makes it money or a request number. */
const MONEY_BEFORE_RE = /(?:€|eur|euro|#)[\s.:-]{0,3}$/i;

/** The patterns of this file, for the ReDoS check. */
export const ADDRESS_PATTERNS: readonly RegExp[] = [
  POSTCODE_RE,
  HOUSE_NUMBER_AFTER_RE,
  STREET_SUFFIX_RE,
  MONEY_OR_CODE_BEFORE_RE,
  MONEY_BEFORE_RE,
];

/**
 * Whether a marker that `re` finds at the end of the text before `index` stands right before
 * it. `€`, `eur` and `euro` after a number are that number's unit (`45 euro 1234 AB 12`,
 * `15€ 7551 AB 12`), not a marker of what follows.
 */
function precededBy(re: RegExp, text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 16), index);
  const m = re.exec(before);
  if (m === null) return false;
  const marker = m[0].charAt(0).toLowerCase();
  if (marker !== '€' && marker !== 'e') return true;
  let p = m.index - 1;
  while (p >= 0 && before[p] === ' ') p--;
  return !isDigitAt(before, p);
}

/** Postcode letters that are never used, or that are common short words in lower case. */
const NEVER_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS']);
const SHORT_WORDS = new Set(
  (
    'en op in is of te om al nu ja we ik zo er na de bv ca nr hh to at on or by eu wk ' +
    'ma di wo do vr za jr km kg mn zn st pp ex tm la'
  ).split(' '),
);

export function findAddresses(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(POSTCODE_RE, text)) {
    const letters = m[2] ?? '';
    const upper = letters.toUpperCase();
    if (NEVER_POSTCODE_LETTERS.has(upper)) continue;
    if (letters !== upper && SHORT_WORDS.has(letters.toLowerCase())) continue;
    // A postcode right after `€` or `#` is money or a request number; after `hh` it is an
    // address when a house number follows (`hh 1234 AB 12`).
    if (precededBy(MONEY_BEFORE_RE, text, m.index)) continue;
    const end = m.index + m[0].length;
    // Postcode, then house number: `7551 AB 12a`, `7551 ab, 12`.
    const after = HOUSE_NUMBER_AFTER_RE.exec(text.slice(end, end + 12));
    if (after !== null) {
      hits.push({ kind: 'postcode', index: m.index, length: m[0].length + after[0].length });
      continue;
    }
    // House number, then postcode: `Hoofdstraat 12, 7551 AB`, `12a 7551AB`.
    let p = m.index;
    if (text[p - 1] !== ' ') continue;
    p--;
    if (text[p - 1] === ',') p--;
    if (isAsciiLetterCode(text.charCodeAt(p - 1)) && isDigitAt(text, p - 2)) p--;
    const digitsEnd = p;
    while (isDigitAt(text, p - 1) && digitsEnd - p < 5) p--;
    if (p === digitsEnd || isDigitAt(text, p - 1)) continue;
    const beforeNumber = text[p - 1] ?? ' ';
    if (isAlnumAt(text, p - 1) || '_€#.,-+'.includes(beforeNumber)) continue;
    if (precededBy(MONEY_OR_CODE_BEFORE_RE, text, p)) continue;
    // A street name right before the number is part of the address.
    if (text[p - 1] === ' ') {
      let w = p - 1;
      while (w > 0 && p - 1 - w < 60 && isAsciiLetterCode(text.charCodeAt(w - 1))) w--;
      if (w < p - 1 && !isAlnumAt(text, w - 1) && STREET_SUFFIX_RE.test(text.slice(w, p - 1))) {
        p = w;
      }
    }
    hits.push({ kind: 'postcode', index: p, length: end - p });
  }
  return hits;
}
