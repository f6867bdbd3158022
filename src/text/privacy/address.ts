/**
 * Addresses in chat text (docs/rules.md rule 11).
 *
 * Judgement calls:
 * - An address is a postcode together with a house number, in either order:
 *   `7551 AB 12`, `7551AB 12a`, `7551 ab, 12`, `Hoofdstraat 12, 7551 AB`. In the second
 *   form a directly preceding street name (a word ending in `straat`, `laan`, `weg`, …) is
 *   masked too. A postcode alone is not flagged.
 * - A street with a house number is an address without a postcode too (`Dorpsstraat 4`,
 *   `Dorpsstraat 4a Hengelo`, `Kerkstraat 12-2, Hengelo`, over a line break), the place after
 *   it (a capitalised word, also after `te` or `in`) masked with it. A street is a word
 *   ending in a street suffix (straat, laan, weg, plein, singel, gracht, kade, dijk, hof,
 *   steeg, pad, dreef, markt, ring, park, veld, baan); written in lower case only with the
 *   suffixes that seldom end another word (`dorpsstraat 4`, not `fietspad 2`). Not a street:
 *   the suffix alone, `onderweg`, a noun such as `Vordering 2` or `Verzekering 3`. Not a house number: a
 *   number with an amount or a count after it (`Kerkstraat 4 euro`, `… 2 uur`, `… 3 keer`).
 *   So `huishouden 4` and `grofvuil €33` are no address.
 *   Lower-case letter pairs that are common short words (`1250 op 12`, `2024 en 3`) and
 *   numbers right after `€`, `EUR` or `#` are not addresses. A house number right after `hh`,
 *   `huishouden` or `gezin` is a household code (`hh 12 7551 AB`), but a postcode with house
 *   number there is an address (`hh 1234 AB 12`): then the message has no household code.
 *
 * @example
 * findAddresses('Hoofdstraat 12, 7551 AB'); // → [{ kind: 'postcode', index: 0, length: 23 }]
 */

import type { PersonalDataHit } from './types.ts';
import {
  CAPITAL_RE,
  allMatches,
  isAlnumAt,
  isAsciiLetterCode,
  isDigitAt,
  isLetterAt,
  isWordAt,
} from './scan.ts';

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

/** The end of a street name with a house number after it; the rest is read in code. */
const STREET_END_RE =
  /(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|steeg|pad|dreef|markt|ring|park|veld|baan)(?= ?[1-9])/gi;
/** What after a number makes it an amount or a count, not a house number (on a slice). */
const NOT_A_HOUSE_NUMBER_AFTER_RE =
  /^ ?(?:(?:€|eur\b|euro\b)(?! ?\d)|,-|,\d|\.\d|%|x\b|uur|dag|dagen|week|weken|maand|maanden|jaar|keer|stuks|personen|kinderen|mensen)/i;

/** The patterns of this file, for the ReDoS check. */
export const ADDRESS_PATTERNS: readonly RegExp[] = [
  POSTCODE_RE,
  HOUSE_NUMBER_AFTER_RE,
  STREET_SUFFIX_RE,
  MONEY_OR_CODE_BEFORE_RE,
  MONEY_BEFORE_RE,
  STREET_END_RE,
  NOT_A_HOUSE_NUMBER_AFTER_RE,
];

/** Street-name endings that are also the end of ordinary lower-case words less often. */
const LOWER_CASE_STREET_ENDS: ReadonlySet<string> = new Set(
  'straat laan plein singel gracht kade dijk steeg dreef'.split(' '),
);
/** Words that end like a street and are none (`onderweg 2 uur`, `Vordering 2`). */
const NOT_A_STREET: ReadonlySet<string> = new Set(
  'onderweg halfweg zijweg snelweg weg straat laan plein kade dijk hof pad ring park veld baan'.split(
    ' ',
  ),
);
/** Ordinary nouns that end in `ring` (`Vordering 2`); `Oranjering 1` is a street. */
const NOUNS_IN_RING: readonly string[] = (
  'vordering verzekering sanering levering vergadering verandering herinnering verbetering ' +
  'regering bewering verhoging'
).split(' ');
/** Words that are no place after a house number. */
const NOT_A_PLACE: ReadonlySet<string> = new Set(
  'hh huishouden gezin euro eur bsn iban tel graag dank bedankt'.split(' '),
);

/** End of the house number at `p` (`4`, `4a`, `12-2`, `12 A`), or -1. */
function houseNumberEnd(text: string, p: number): number {
  let q = p;
  while (isDigitAt(text, q) && q - p < 4) q++;
  if (q === p || isDigitAt(text, q)) return -1;
  if (text[q] === '-' && isAlnumAt(text, q + 1)) {
    const addition = q + 1;
    q = addition;
    while (isAlnumAt(text, q) && q - addition < 3) q++;
    if (isAlnumAt(text, q)) return -1;
    return q;
  }
  if (isAsciiLetterCode(text.charCodeAt(q)) && !isWordAt(text, q + 1)) q++;
  return isWordAt(text, q) ? -1 : q;
}

/** End of a place name right after a house number (`, Hengelo`, ` te Hengelo`), or `p`. */
function placeEnd(text: string, p: number): number {
  let q = p;
  if (text[q] === ',') q++;
  if (text[q] !== ' ') return p;
  q++;
  const lower = text.slice(q, q + 3).toLowerCase();
  if ((lower === 'te ' || lower === 'in ') && CAPITAL_RE.test(text[q + 3] ?? '')) q += 3;
  if (!CAPITAL_RE.test(text[q] ?? '')) return p;
  const wordStart = q;
  while (
    q - wordStart < 40 &&
    (isLetterAt(text, q) || (text[q] === '-' && isLetterAt(text, q + 1)))
  )
    q++;
  const word = text.slice(wordStart, q);
  // A place is a word with lower-case letters after its capital (`Hengelo`, not `HH`).
  if (q - wordStart < 3 || word === word.toUpperCase() || NOT_A_PLACE.has(word.toLowerCase()))
    return p;
  return isWordAt(text, q) ? p : q;
}

/**
 * A street with a house number and no postcode (`Dorpsstraat 4`, `Dorpsstraat 4 Hengelo`,
 * `Lange Kerkstraat 12a, Hengelo`), masked with the place after it when there is one.
 *
 * @example
 * findStreetAddresses('woont Dorpsstraat 4 Hengelo');
 * // → [{ kind: 'postcode', index: 6, length: 21 }]
 */
export function findStreetAddresses(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(STREET_END_RE, text)) {
    const suffixEnd = m.index + m[0].length;
    let start = m.index;
    while (start > 0 && m.index - start < 40 && isLetterAt(text, start - 1)) start--;
    while (text[start - 1] === '-' && isLetterAt(text, start - 2)) {
      start--;
      while (start > 0 && m.index - start < 60 && isLetterAt(text, start - 1)) start--;
    }
    if (isWordAt(text, start - 1)) continue;
    const word = text.slice(start, suffixEnd);
    const key = word.toLowerCase();
    if (NOT_A_STREET.has(key) || NOUNS_IN_RING.some((noun) => key.endsWith(noun))) continue;
    const capitalised = CAPITAL_RE.test(word[0] ?? '');
    if (!capitalised && !LOWER_CASE_STREET_ENDS.has(m[0].toLowerCase())) continue;
    const numberStart = text[suffixEnd] === ' ' ? suffixEnd + 1 : suffixEnd;
    const numberEnd = houseNumberEnd(text, numberStart);
    if (numberEnd < 0) continue;
    if (NOT_A_HOUSE_NUMBER_AFTER_RE.test(text.slice(numberEnd, numberEnd + 10))) continue;
    const end = placeEnd(text, numberEnd);
    hits.push({ kind: 'postcode', index: start, length: end - start });
  }
  return hits;
}

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
