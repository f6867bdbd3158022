/**
 * Privacy guard (DOMAIN.md rule 11, AVG): finds personal data in chat text so the bot can
 * warn the group and store the text with those parts masked.
 *
 * Everything here is pure: no I/O, no clock (the current time is an argument), and no
 * function throws on any string. Regular expressions only find candidates; checksums
 * (BSN eleven-check, IBAN mod-97), calendar checks and context checks are done in code.
 * Every RegExp in this module is listed in {@link PRIVACY_PATTERNS}; none has a nested
 * quantifier and all of them pass `redos-detector`.
 *
 * What is checked is what is stored. Detection reads the text as `cleanText` leaves it
 * (src/text/clean-text.ts, the cleaning the parser uses too): invisible characters (zero-width
 * space, joiners, word joiner, byte-order mark, bidi marks) and control characters removed,
 * no-break and other Unicode spaces read as spaces. So `BSN 123\u200B456\u200B782` is a BSN;
 * its hit covers the invisible characters too. onMessage cleans a message with `cleanText`
 * before it masks it, so the stored text is the cleaned, masked one. For detection only, the
 * Unicode dashes U+2010–U+2015 and the minus sign U+2212 count as a hyphen (`06‑12345678`
 * with a non-breaking hyphen is a phone number).
 *
 * Numbers may be written in groups. Between two groups stands one separator: a space, `-`,
 * `.` or `/`, or one of those with spaces around it (`06 - 12345678`).
 *
 * Judgement calls:
 * - A BSN in text is 9 digits that pass the eleven-check, written whole (`123456782`) or in
 *   groups of at least two digits with the same separator between all of them (`1234 56 782`,
 *   `123.456.782`, `123/456/782`); 8-digit numbers are only accepted by {@link isValidBsn},
 *   not found in text (too many ordinary 8-digit numbers). A BSN may be glued to the word
 *   `bsn` (`bsn123456782`), not to other letters. An eleven-proof 9-digit number is flagged
 *   even after `€`: no real amount is that big.
 * - An IBAN passes mod-97 and starts with the code of a country that uses IBANs; it is
 *   written whole or in groups of four after the country code and check digits, the last
 *   group may be shorter (`NL91 ABNA 0417 1643 00`, `NL91-ABNA-…`, `NL 91 ABNA …`).
 * - Phone numbers are Dutch: a national number of 9 digits after `0`, `+31`, `0031` or
 *   `+31 (0)`, in any grouping (`06.12.34.56.78`, `06/12345678`), or `(020) 1234567`. A
 *   number may be glued to `tel`, `telnr`, `mob` or `gsm`. A date with a time after it
 *   (`01-02-2026 10`) is not a phone number.
 * - An address is a postcode together with a house number, in either order:
 *   `7551 AB 12`, `7551AB 12a`, `7551 ab, 12`, `Hoofdstraat 12, 7551 AB`. In the second
 *   form a directly preceding street name (a word ending in `straat`, `laan`, `weg`, …) is
 *   masked too. A postcode alone, or a street and number without postcode, is not flagged.
 *   Lower-case letter pairs that are common short words (`1250 op 12`, `2024 en 3`) and
 *   numbers right after `€`, `EUR` or `#` are not addresses. A house number right after `hh`,
 *   `huishouden` or `gezin` is a household code (`hh 12 7551 AB`), but a postcode with house
 *   number there is an address (`hh 1234 AB 12`): then the message has no household code.
 * - A date of birth is a date right after `geb.`, `geb`, `geboren (op)`, `geboortedatum`,
 *   `geb.datum` or `DOB` (day and month are enough there; a two-digit year is fine; the parts
 *   may be separated by spaces or written together: `geb 01021980`, `geb 010280`), or a
 *   full date with a four-digit year (`12-03-1985`, `12/3/1985`, `1985-03-12`,
 *   `12 maart 1985`) that lies at least 12 years before `now`.
 * - An e-mail address is a local part (any letters, also `ö` or `ç`, digits and `._%+'-`),
 *   `@` and a domain with a top-level domain of letters; the whole address is masked.
 * - A name is one or more capitalised words after a form of address: `mevrouw`, `mevr.`,
 *   `mw.`, `meneer`, `mijnheer`, `dhr.`, `de heer`, `mr.`, `familie`, `fam.`, `mej.` … The
 *   name may hold initials (`A.B.`) and tussenvoegsels (`van der`, `De`, `El`); the form of
 *   address stays, the name becomes `[naam]`. A form of address without a capitalised name
 *   (`voor mevrouw,`, `meneer de voorzitter`) is not flagged, and neither is a name without one.
 * - When hits overlap the earliest (longest) wins; the part of a later hit that sticks out
 *   beyond it stays a hit of its own, so the warning names both kinds. A name ends before a
 *   street name with a house number (`mevrouw Jansen Dorpsstraat 1, …`).
 * - A date right after a birth-date keyword is never the start of a phone number
 *   (`geb 01011930 45 euro`).
 */

import { cleanText, cleanTextWithOffsets } from './clean-text.ts';

/** The kinds of personal data that are detected. */
export type PersonalDataKind =
  'bsn' | 'iban' | 'telefoon' | 'email' | 'postcode' | 'geboortedatum' | 'naam';

/** One piece of personal data in a text: `text.slice(index, index + length)`. */
export interface PersonalDataHit {
  kind: PersonalDataKind;
  index: number;
  length: number;
}

/**
 * Only this many characters of a message are scanned; {@link maskPersonalData} cuts the
 * rest off so nothing unscanned is stored.
 *
 * @example
 * findPersonalData('x'.repeat(MAX_PRIVACY_CHARS) + ' 0612345678', now); // → []
 */
export const MAX_PRIVACY_CHARS = 4000;

// ---------------------------------------------------------------------------------------
// Patterns. Global ones are always reset (lastIndex = 0) before use.

/** Start of an IBAN: country code, then (after at most a separator) the check digits. */
const IBAN_START_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}(?=[ ./-]{0,3}\d\d)/g;
/** Start of a Dutch phone number; the digits and what comes before are read in code. */
const PHONE_START_RE = /(?<!\d)(?:\+31|0031|\(0|0)/g;
/** The `@` of an e-mail address; the local part and the domain are read in code. */
const EMAIL_AT_RE = /@/g;
/** A character of the local part of an e-mail address (tested on one character). */
const EMAIL_LOCAL_CHAR_RE = /[\p{L}\p{N}\p{M}._%+'-]/u;
/** A character of a domain label (tested on one character). */
const DOMAIN_CHAR_RE = /[\p{L}\p{N}\p{M}-]/u;
/** A letter or a digit, in any script (tested on one character). */
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
/** A letter or a combining mark (tested on one character). */
const LETTER_RE = /[\p{L}\p{M}]/u;
/** A capital letter (tested on one character). */
const CAPITAL_RE = /\p{Lu}/u;
/** A Dutch postcode; a house number before or after it is read in code. */
const POSTCODE_RE = /(?<![\w€.,-])([1-9]\d{3})[ -]?([A-Za-z]{2})(?![A-Za-z])/g;
/** House number right after a postcode (`7551 AB 12a`, `7551 ab, 12`), on a slice. */
const HOUSE_NUMBER_AFTER_RE = /^(?:-|,? ?)(\d{1,5})(?:[A-Za-z](?![A-Za-z]))?(?!\d|[.,]\d)/;
/** Word that looks like a street name (only tested on one word). */
const STREET_SUFFIX_RE =
  /(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|steeg|pad|dreef|markt|ring|park|erf|veld|baan)$/i;
/** Text before a number that makes it money, a household code or a request number. */
const MONEY_OR_CODE_BEFORE_RE = /(?:€|eur|euro|hh|huishouden|gezin|#)[\s.:-]{0,3}$/i;
/** Text before a number that makes it money or a request number. */
const MONEY_BEFORE_RE = /(?:€|eur|euro|#)[\s.:-]{0,3}$/i;
/** Numeric date day-month-year: `12-03-1985`, `12/3/1985`, `12.03.85`. */
const DATE_DMY_RE =
  /(?<![\w/.-])(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d|\d\d)(?![\w/-]|[.,]\d)/g;
/** ISO date year-month-day: `1985-03-12`. */
const DATE_YMD_RE = /(?<![\w/.-])((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?![\w/-]|[.,]\d)/g;
/** Date with a month name: `12 maart 1985`, `12 mrt. 1985`, `3 mei` (name checked in code). */
const DATE_TEXT_RE = /(?<!\w)(\d{1,2})\.? ?([a-z]{3,9})\.?(?: ((?:19|20)\d\d))?(?!\w)/gi;
/** Birth-date keyword right before a date (tested on a short slice before the date). */
const DOB_KEYWORD_BEFORE_RE =
  /(?<![a-z])(?:geboortedatum|geb\.? ?datum|geboren|geb|dob|d\.o\.b)[\s:.=/-]{0,4}$/i;
/** A birth-date keyword anywhere; the date after it is read in code. */
const DOB_KEYWORD_RE =
  /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9])(?:geboortedatum|geb\.? ?datum|geboren|geb|dob|d\.o\.b)(?![A-Za-zÀ-ÖØ-öø-ÿ])/gi;
/** A form of address; the name after it is read in code. */
const TITLE_RE =
  /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9])(?:mevrouw|mevr|mvr|mw|mejuffrouw|juffrouw|mej|meneer|mijnheer|mnr|dhr|de heer|mr|familie|fam)(?![A-Za-zÀ-ÖØ-öø-ÿ0-9])/gi;

/**
 * Every RegExp this module uses, so a ReDoS checker can test them.
 *
 * @example
 * PRIVACY_PATTERNS.every((re) => isSafe(re).safe); // → true (redos-detector)
 */
export const PRIVACY_PATTERNS: readonly RegExp[] = Object.freeze([
  IBAN_START_RE,
  PHONE_START_RE,
  EMAIL_AT_RE,
  EMAIL_LOCAL_CHAR_RE,
  DOMAIN_CHAR_RE,
  WORD_CHAR_RE,
  LETTER_RE,
  CAPITAL_RE,
  POSTCODE_RE,
  HOUSE_NUMBER_AFTER_RE,
  STREET_SUFFIX_RE,
  MONEY_OR_CODE_BEFORE_RE,
  MONEY_BEFORE_RE,
  DATE_DMY_RE,
  DATE_YMD_RE,
  DATE_TEXT_RE,
  DOB_KEYWORD_BEFORE_RE,
  DOB_KEYWORD_RE,
  TITLE_RE,
]);

// ---------------------------------------------------------------------------------------
// Character helpers.

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isAlnumCode(c: number): boolean {
  return isDigitCode(c) || isAsciiLetterCode(c);
}
function isDigitAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && isDigitCode(s.charCodeAt(i));
}
function isAlnumAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && isAlnumCode(s.charCodeAt(i));
}
/** A letter or digit of any script at `i`. */
function isWordAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && WORD_CHAR_RE.test(s[i] ?? '');
}
function isLetterAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && LETTER_RE.test(s[i] ?? '');
}

/** Unicode dashes (U+2010–U+2015, U+2212 minus, small and full-width hyphen-minus). */
function isDashCode(c: number): boolean {
  return (
    (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d
  );
}

/** The cleaned text with every Unicode dash read as `-` (same length, for detection only). */
function detectionView(clean: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < clean.length; i++) {
    if (!isDashCode(clean.charCodeAt(i))) continue;
    out += clean.slice(from, i) + '-';
    from = i + 1;
  }
  return from === 0 ? clean : out + clean.slice(from);
}

function allMatches(re: RegExp, text: string): RegExpExecArray[] {
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

/**
 * Length of the separator between two groups of a number at `p`: a space, `-`, `.` or `/`,
 * or one of those three with a space before and/or after it (`06 - 1234`); 0 when none.
 */
function separatorLength(text: string, p: number): number {
  let q = p;
  if (text[q] === ' ') q++;
  const ch = text[q];
  if (ch === '-' || ch === '.' || ch === '/') q++;
  if (text[q] === ' ' && q > p) q++;
  return q - p;
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
function numberMayStartAt(text: string, index: number, glued: ReadonlySet<string>): boolean {
  const before = text[index - 1];
  if (before === undefined) return true;
  if (isDigitAt(text, index - 1) || before === '+') return false;
  if (isWordAt(text, index - 1)) return gluedKeyword(text, index, glued);
  if ('.,-/'.includes(before)) return !isDigitAt(text, index - 2);
  return true;
}

/** Whether a number may end at `end`: no letter or digit glued to it, no decimals after it. */
function numberMayEndAt(text: string, end: number): boolean {
  if (isWordAt(text, end)) return false;
  return !((text[end] === '.' || text[end] === ',') && isDigitAt(text, end + 1));
}

// ---------------------------------------------------------------------------------------
// Checksums.

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

/**
 * ISO 13616 IBAN check (mod 97 = 1). Spaces are allowed, case does not matter, any country
 * is accepted with 15–34 characters, but a Dutch (NL) IBAN must be exactly 18.
 *
 * @example
 * isValidIban('NL91 ABNA 0417 1643 00'); // → true
 * isValidIban('NL91ABNA0417164301');     // → false (typo)
 */
export function isValidIban(text: string): boolean {
  if (typeof text !== 'string' || text.length > 100) return false;
  const iban = text.split(' ').join('').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  for (let i = 0; i < iban.length; i++) {
    const c = iban.charCodeAt(i);
    const ok = i < 2 ? c >= 65 && c <= 90 : i < 4 ? isDigitCode(c) : isAlnumCode(c);
    if (!ok) return false;
  }
  if (iban.startsWith('NL') && iban.length !== 18) return false;
  const check = Number(iban.slice(2, 4));
  if (check < 2 || check > 98) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    const v = isDigitCode(c) ? c - 48 : c - 55; // A = 10 … Z = 35
    rest = (v < 10 ? rest * 10 + v : rest * 100 + v) % 97;
  }
  return rest === 1;
}

// ---------------------------------------------------------------------------------------
// Detectors. Each returns hits in `text`: the cleaned text, cut to MAX_PRIVACY_CHARS, with
// Unicode dashes read as `-` (see detectionView).

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

function findBsns(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (let i = 0; i < text.length;) {
    if (!isDigitAt(text, i)) {
      i++;
      continue;
    }
    const groups = readDigitGroups(text, i);
    i = groups[groups.length - 1]?.end ?? i + 1;
    // Every window of whole groups with 9 digits: one separator throughout, groups of 2 or more.
    for (let a = 0; a < groups.length; a++) {
      const first = groups[a];
      if (first === undefined) break;
      if (a === 0 && !numberMayStartAt(text, first.start, BSN_GLUED)) continue;
      let digits = '';
      for (let b = a; b < groups.length && digits.length < 9; b++) {
        const group = groups[b];
        if (group === undefined) break;
        const size = group.end - group.start;
        if (b > a && (group.separator !== groups[a + 1]?.separator || size < 2)) break;
        if (b > a && b === a + 1 && first.end - first.start < 2) break;
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

/** Countries that use IBANs (ISO 13616 registry, and the African countries using its form). */
const IBAN_COUNTRIES: ReadonlySet<string> = new Set(
  (
    'AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE ' +
    'GI GL GR GT HN HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT ' +
    'MU NI NL NO OM PK PL PS PT QA RO RS RU SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG ' +
    'XK YE AO BF BJ CF CG CI CM CV DZ GA GQ GW IR KM MA MG ML MZ NE SN TD TG'
  ).split(' '),
);

/**
 * End of a valid IBAN starting at `start`, or -1: written whole (`NL91ABNA0417164300`), or
 * in groups of four after the country code and check digits (the last group may be shorter;
 * country code and check digits may stand apart: `NL 91 ABNA …`).
 */
function ibanEnd(text: string, start: number): number {
  if (!IBAN_COUNTRIES.has(text.slice(start, start + 2).toUpperCase())) return -1;
  const candidates: { end: number; compact: string }[] = [];
  let compact = '';
  let p = start;
  for (let token = 0; token < 34; token++) {
    const tokenStart = p;
    while (p < text.length && p - tokenStart < 34 && isAlnumAt(text, p)) p++;
    const len = p - tokenStart;
    if (len === 0 || compact.length + len > 34) break;
    const countryAlone = token === 1 && compact.length === 2;
    if (countryAlone && !(isDigitAt(text, tokenStart) && isDigitAt(text, tokenStart + 1))) break;
    if (token > 0 && !countryAlone && len > 4) break;
    compact += text.slice(tokenStart, p);
    // A group shorter than four is the last one.
    const last = token > 0 && !countryAlone && len < 4;
    candidates.push({ end: p, compact });
    const n = separatorLength(text, p);
    if (last || n === 0 || !isAlnumAt(text, p + n)) break;
    p += n;
  }
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i];
    if (c !== undefined && !isWordAt(text, c.end) && isValidIban(c.compact)) return c.end;
  }
  return -1;
}

function findIbans(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(IBAN_START_RE, text)) {
    if (isWordAt(text, m.index - 1)) continue;
    const end = ibanEnd(text, m.index);
    if (end > 0) hits.push({ kind: 'iban', index: m.index, length: end - m.index });
  }
  return hits;
}

const PHONE_GLUED: ReadonlySet<string> = new Set(['tel', 'telnr', 'mob', 'mobiel', 'gsm']);

/** End of a Dutch phone number starting at `start`, or -1. */
function phoneEnd(text: string, start: number): number {
  let p = start;
  let paren = false;
  let national = false; // written with the leading 0: may be a date (`01-02-2026 10`)
  if (text.startsWith('+31', p) || text.startsWith('0031', p)) {
    p += text[p] === '+' ? 3 : 4;
    if (text.startsWith('(0)', p + separatorLength(text, p))) {
      p += separatorLength(text, p) + 3;
    }
    if (!isDigitAt(text, p)) p += separatorLength(text, p);
  } else if (text.startsWith('(0', p)) {
    paren = true;
    p += 2;
  } else if (text[p] === '0') {
    national = true;
    p += 1;
  } else {
    return -1;
  }
  // National number: 9 digits, the first not 0, separators between groups.
  if (!isDigitAt(text, p) || text[p] === '0') return -1;
  let count = 0;
  let closed = false;
  const groups: string[] = [national ? '0' : ''];
  const separators: string[] = [];
  while (count < 9 && p < text.length) {
    if (isDigitAt(text, p)) {
      count++;
      groups[groups.length - 1] += text[p] ?? '';
      p++;
      continue;
    }
    if (paren && !closed && text[p] === ')' && count >= 1 && count <= 3) {
      closed = true;
      p++;
      if (text[p] === ' ' || text[p] === '-') p++;
      if (!isDigitAt(text, p)) return -1;
      continue;
    }
    const n = separatorLength(text, p);
    if (n === 0 || !isDigitAt(text, p + n)) break;
    separators.push(text.slice(p, p + n));
    groups.push('');
    p += n;
  }
  if (count < 9 || (paren && !closed)) return -1;
  if (!numberMayEndAt(text, p)) return -1;
  return national && looksLikeDateAndMore(groups, separators) ? -1 : p;
}

/**
 * `01-02-2026 10`, `1.3.2025 14.30`: a date (day, month, four-digit year, one separator that is
 * not a space) and then other digits after another separator; not a phone number.
 */
function looksLikeDateAndMore(groups: readonly string[], separators: readonly string[]): boolean {
  const [day = '', month = '', year = ''] = groups;
  const [first = '', second = '', third = ''] = separators;
  if (day.length > 2 || month.length > 2 || year.length !== 4) return false;
  if (first.trim() === '' || first !== second || third === first) return false;
  const y = Number(year);
  return y >= 1900 && y <= 2099 && isRealDate(y, Number(month), Number(day));
}

function findPhones(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(PHONE_START_RE, text)) {
    if (!numberMayStartAt(text, m.index, PHONE_GLUED)) continue;
    // `geb 01011930 45 euro`: a date of birth, then an amount; not `0101193045`.
    if (hasDobKeywordBefore(text, m.index) && numericDateEnd(text, m.index) > 0) continue;
    const end = phoneEnd(text, m.index);
    if (end > 0) hits.push({ kind: 'telefoon', index: m.index, length: end - m.index });
  }
  return hits;
}

function isValidDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > 63) return false;
    if (label.startsWith('-') || label.endsWith('-')) return false;
  }
  const tld = labels[labels.length - 1] ?? '';
  if (tld.length < 2) return false;
  for (let i = 0; i < tld.length; i++) if (!isLetterAt(tld, i)) return false;
  return true;
}

function findEmails(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(EMAIL_AT_RE, text)) {
    const at = m.index;
    let end = at + 1;
    while (
      end < text.length &&
      end - at <= 253 &&
      (text[end] === '.' || DOMAIN_CHAR_RE.test(text[end] ?? ''))
    ) {
      end++;
    }
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    if (!isValidDomain(text.slice(at + 1, end))) continue;
    let start = at;
    while (start > 0 && at - start < 256 && EMAIL_LOCAL_CHAR_RE.test(text[start - 1] ?? '')) {
      start--;
    }
    if (start === at) continue;
    hits.push({ kind: 'email', index: start, length: end - start });
  }
  return hits;
}

/** Postcode letters that are never used, or that are common short words in lower case. */
const NEVER_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS']);
const SHORT_WORDS = new Set(
  (
    'en op in is of te om al nu ja we ik zo er na de bv ca nr hh to at on or by eu wk ' +
    'ma di wo do vr za jr km kg mn zn st pp ex tm la'
  ).split(' '),
);

function findAddresses(text: string): PersonalDataHit[] {
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

/** Month names and abbreviations (Dutch and English), one entry per month. */
const MONTH_NAMES: readonly string[] = [
  'januari january jan',
  'februari february feb febr',
  'maart march mrt mar maa',
  'april apr',
  'mei may',
  'juni june jun',
  'juli july jul',
  'augustus august aug',
  'september sept sep',
  'oktober october okt oct',
  'november nov',
  'december dec',
];
const MONTHS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap((names, i) => names.split(' ').map((name) => [name, i + 1] as const)),
);

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function hasDobKeywordBefore(text: string, index: number): boolean {
  let before = text.slice(Math.max(0, index - 32), index);
  // Allow `geboren op 12 maart`, `DOB on 1985-03-12`.
  let end = before.length;
  while (end > 0 && ' \t\n:'.includes(before[end - 1] ?? 'x')) end--;
  const word = before.slice(end - 2, end).toLowerCase();
  if ((word === 'op' || word === 'on') && !isAsciiLetterCode(before.charCodeAt(end - 3))) {
    before = before.slice(0, end - 2);
  }
  return DOB_KEYWORD_BEFORE_RE.test(before);
}

interface DateCandidate {
  index: number;
  length: number;
  /** Calendar date (UTC ms) when the year is written in full, else undefined. */
  fullDate: number | undefined;
}

function findDateCandidates(text: string): DateCandidate[] {
  const out: DateCandidate[] = [];
  for (const m of allMatches(DATE_DMY_RE, text)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const yearText = m[3] ?? '';
    const year = yearText.length === 4 ? Number(yearText) : 2000 + Number(yearText);
    const dmy = isRealDate(year, b, a);
    // 3/25/1985 (month first) also counts as a date.
    if (!dmy && !isRealDate(year, a, b)) continue;
    const fullDate =
      yearText.length === 4
        ? dmy
          ? Date.UTC(year, b - 1, a)
          : Date.UTC(year, a - 1, b)
        : undefined;
    out.push({ index: m.index, length: m[0].length, fullDate });
  }
  for (const m of allMatches(DATE_YMD_RE, text)) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (!isRealDate(year, month, day)) continue;
    out.push({ index: m.index, length: m[0].length, fullDate: Date.UTC(year, month - 1, day) });
  }
  for (const m of allMatches(DATE_TEXT_RE, text)) {
    const day = Number(m[1]);
    const month = MONTHS.get((m[2] ?? '').toLowerCase());
    if (month === undefined) continue;
    const yearText = m[3];
    const year = yearText === undefined ? 2000 : Number(yearText); // 2000: leap year, 29 feb ok
    if (!isRealDate(year, month, day)) continue;
    const fullDate = yearText === undefined ? undefined : Date.UTC(year, month - 1, day);
    out.push({ index: m.index, length: m[0].length, fullDate });
  }
  return out;
}

/** End of a date of the form `dd-mm-jjjj` with any separator, `jjjj-mm-dd`, or its digits
 * written together (`01021980`, `010280`, `19800201`), starting at `p`; or -1. */
function numericDateEnd(text: string, p: number): number {
  if (!isDigitAt(text, p)) return -1;
  let q = p;
  while (isDigitAt(text, q) && q - p < 9) q++;
  const digits = text.slice(p, q);
  const n = digits.length;
  const part = (from: number, to: number) => Number(digits.slice(from, to));
  const ends = (end: number) => (numberMayEndAt(text, end) ? end : -1);
  if (n === 8) {
    const ok =
      isRealDate(part(4, 8), part(2, 4), part(0, 2)) ||
      isRealDate(part(0, 4), part(4, 6), part(6, 8));
    return ok ? ends(q) : -1;
  }
  if (n === 6) return isRealDate(2000 + part(4, 6), part(2, 4), part(0, 2)) ? ends(q) : -1;
  if (n > 2 && n !== 4) return -1;
  // Three groups with one separator: day month year, or year month day.
  const groups: string[] = [digits];
  let end = q;
  for (let k = 0; k < 2; k++) {
    const s = separatorLength(text, end);
    if (s === 0 || !isDigitAt(text, end + s)) return -1;
    let r = end + s;
    while (isDigitAt(text, r) && r - end - s < 5) r++;
    groups.push(text.slice(end + s, r));
    end = r;
  }
  const [a = '', b = '', c = ''] = groups;
  if (b.length > 2) return -1;
  if (a.length === 4) {
    return c.length <= 2 && isRealDate(Number(a), Number(b), Number(c)) ? ends(end) : -1;
  }
  if (c.length !== 2 && c.length !== 4) return -1;
  const year = c.length === 4 ? Number(c) : 2000 + Number(c);
  const ok = isRealDate(year, Number(b), Number(a)) || isRealDate(year, Number(a), Number(b));
  return ok ? ends(end) : -1;
}

/** Dates right after a birth-date keyword that the patterns above do not read. */
function findDatesAfterKeyword(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(DOB_KEYWORD_RE, text)) {
    let p = m.index + m[0].length;
    if (isWordAt(text, m.index - 1) || isLetterAt(text, p)) continue; // other scripts
    for (let k = 0; k < 4 && ' \t\n:.=/-'.includes(text[p] ?? 'x'); k++) p++;
    const word = text.slice(p, p + 2).toLowerCase();
    if ((word === 'op' || word === 'on') && !isLetterAt(text, p + 2)) {
      p += 2;
      for (let k = 0; k < 3 && ' \t\n:'.includes(text[p] ?? 'x'); k++) p++;
    }
    const end = numericDateEnd(text, p);
    if (end > 0) hits.push({ kind: 'geboortedatum', index: p, length: end - p });
  }
  return hits;
}

function findBirthDates(text: string, now: Date): PersonalDataHit[] {
  const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
  let cutoff = Number.NaN;
  if (Number.isFinite(nowMs)) {
    const n = new Date(nowMs);
    cutoff = Date.UTC(n.getUTCFullYear() - 12, n.getUTCMonth(), n.getUTCDate());
  }
  const hits: PersonalDataHit[] = [];
  for (const c of findDateCandidates(text)) {
    const old = c.fullDate !== undefined && c.fullDate <= cutoff;
    if (old || hasDobKeywordBefore(text, c.index)) {
      hits.push({ kind: 'geboortedatum', index: c.index, length: c.length });
    }
  }
  return [...hits, ...findDatesAfterKeyword(text)];
}

/** Tussenvoegsels and other name particles (compared in lower case). */
const NAME_PARTICLES: ReadonlySet<string> = new Set(
  (
    "van de der den het 't ter te ten in op aan bij uit d' l' da di du del della dos das do " +
    'la le lo von zu vom el al bin ben ibn abu ait ou'
  ).split(' '),
);

/** End of the name word at `p`: letters, with `-` or an apostrophe inside (`Berg-Smit`). */
function nameWordEnd(text: string, p: number): number {
  let q = p;
  // `'t Hart`: a particle that starts with an apostrophe.
  if ((text[q] === "'" || text[q] === '\u2019') && isLetterAt(text, q + 1)) q++;
  while (q < text.length && q - p < 40) {
    const ch = text[q];
    if (isLetterAt(text, q)) q++;
    else if ((ch === '-' || ch === "'" || ch === '\u2019') && isLetterAt(text, q + 1)) q++;
    else break;
  }
  return q;
}

/** Whether a name word starts with a capital (`Jansen`, `D’Souza`, `d'Ancona`). */
function isCapitalised(word: string): boolean {
  const apostrophe = word[1] === "'" || word[1] === '\u2019';
  return CAPITAL_RE.test((apostrophe && word.length > 2 ? word[2] : word[0]) ?? '');
}

/** The name after each form of address: capitalised words, initials and tussenvoegsels. */
function findNames(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(TITLE_RE, text)) {
    let p = m.index + m[0].length;
    if (isWordAt(text, m.index - 1) || isWordAt(text, p)) continue; // other scripts
    const dot = text[p] === '.';
    if (dot) p++;
    const spaceStart = p;
    while (text[p] === ' ' && p - spaceStart < 3) p++;
    if (!dot && p === spaceStart) continue;
    const start = p;
    let end = -1;
    for (let words = 0; words < 10; words++) {
      // Initials: `A.`, `A.B.`
      if (CAPITAL_RE.test(text[p] ?? '') && text[p + 1] === '.') {
        p += 2;
        if (text[p] === ' ') p++;
        continue;
      }
      const wordEnd = nameWordEnd(text, p);
      if (wordEnd === p) break;
      const word = text.slice(p, wordEnd);
      if (NAME_PARTICLES.has(word.toLowerCase().replace('\u2019', "'"))) {
        // A particle only belongs to the name when a capitalised word follows.
      } else if (isCapitalised(word)) {
        // `mevrouw Jansen Dorpsstraat 1`: the street is part of an address, not of the name.
        if (end > start && STREET_SUFFIX_RE.test(word) && isDigitAt(text, wordEnd + 1)) break;
        end = wordEnd;
      } else {
        break;
      }
      p = wordEnd;
      if (text[p] !== ' ') break;
      p++;
    }
    if (end > start) hits.push({ kind: 'naam', index: start, length: end - start });
  }
  return hits;
}

const KIND_ORDER: readonly PersonalDataKind[] = [
  'email',
  'iban',
  'bsn',
  'telefoon',
  'postcode',
  'geboortedatum',
  'naam',
];

/**
 * Sorts hits and makes them disjoint. Where hits overlap, the earliest (longest) one wins; the
 * part of a later hit that sticks out beyond it (spaces at its start left out) stays a hit of
 * its own (`BSN … 3001 DE36 …` is a BSN, an address and an IBAN), so the warning names every
 * kind. A hit inside another (`74 1234567` in `+31 74 1234567`) is dropped.
 */
function mergeHits(text: string, hits: PersonalDataHit[]): PersonalDataHit[] {
  const sorted = [...hits].sort(
    (a, b) =>
      a.index - b.index ||
      b.length - a.length ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  const out: PersonalDataHit[] = [];
  let covered = 0; // everything before this index is in a hit already (or not personal data)
  for (const { kind, index, length } of sorted) {
    const end = index + length;
    if (end <= covered) continue;
    let start = Math.max(index, covered);
    if (start > index) while (start < end && ' \t\n'.includes(text[start] ?? 'x')) start++;
    if (start === end) continue;
    out.push({ kind, index: start, length: end - start });
    covered = end;
  }
  return out;
}

/** The hits in `clean` (already cleaned and cut to MAX_PRIVACY_CHARS). */
function detect(clean: string, now: Date): PersonalDataHit[] {
  const text = detectionView(clean);
  return mergeHits(text, [
    ...findEmails(text),
    ...findIbans(text),
    ...findBsns(text),
    ...findPhones(text),
    ...findAddresses(text),
    ...findBirthDates(text, now),
    ...findNames(text),
  ]);
}

function cut(text: string): string {
  return text.length > MAX_PRIVACY_CHARS ? text.slice(0, MAX_PRIVACY_CHARS) : text;
}

/** The hits in `text` (cut already), found in its cleaned reading, as positions in `text`. */
function hitsIn(text: string, now: Date): PersonalDataHit[] {
  const cleaned = cleanTextWithOffsets(text);
  const at = (i: number) => cleaned.offsets[i] ?? text.length;
  return detect(cleaned.text, now).map(({ kind, index, length }) => {
    const from = at(index);
    return { kind, index: from, length: (cleaned.ends[index + length - 1] ?? text.length) - from };
  });
}

/**
 * Finds personal data in the first {@link MAX_PRIVACY_CHARS} characters of `text`: a BSN
 * that passes the eleven-check, an IBAN that passes mod-97, a Dutch phone number, an
 * e-mail address, a postcode with house number, a date of birth, a name after a form of
 * address. The text is read as `cleanText` leaves it (invisible characters between the digits
 * do not hide a number); the hits are positions in `text` as given, sorted by index and
 * without overlap. `now` decides which dates are old enough to be a birth date.
 *
 * @example
 * findPersonalData('bel 06-12345678 (hh 12)', new Date('2025-01-01'));
 * // → [{ kind: 'telefoon', index: 4, length: 11 }]
 * findPersonalData('BSN 123\u200B456\u200B782', new Date('2025-01-01'));
 * // → [{ kind: 'bsn', index: 4, length: 11 }]
 */
export function findPersonalData(text: string, now: Date): PersonalDataHit[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  return hitsIn(cut(text), now);
}

const PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = {
  bsn: '[BSN]',
  iban: '[IBAN]',
  telefoon: '[telefoon]',
  email: '[e-mail]',
  postcode: '[adres]',
  geboortedatum: '[geboortedatum]',
  naam: '[naam]',
};

/**
 * Replaces personal data by placeholders (`[BSN]`, `[IBAN]`, `[telefoon]`, `[e-mail]`,
 * `[adres]`, `[geboortedatum]`, `[naam]`) and lists the kinds found (unique, in order of first
 * appearance). What is found is found in the cleaned reading (see {@link findPersonalData});
 * the rest of the text is left as given, so store `maskPersonalData(cleanText(text), now).text`
 * (onMessage does). Text beyond {@link MAX_PRIVACY_CHARS} is cut off, so nothing unscanned is
 * ever stored.
 *
 * @example
 * maskPersonalData('mail jan@voorbeeld.nl of bel 0612345678', now);
 * // → { text: 'mail [e-mail] of bel [telefoon]', kinds: ['email', 'telefoon'] }
 * maskPersonalData(cleanText('voor mevrouw De Vries, BSN 123\u00A0456\u200B782'), now);
 * // → { text: 'voor mevrouw [naam], BSN [BSN]', kinds: ['naam', 'bsn'] }
 */
export function maskPersonalData(
  text: string,
  now: Date,
): { text: string; kinds: PersonalDataKind[] } {
  if (typeof text !== 'string') return { text: '', kinds: [] };
  const scanned = cut(text);
  const kinds: PersonalDataKind[] = [];
  let out = '';
  let pos = 0;
  for (const hit of hitsIn(scanned, now)) {
    out += scanned.slice(pos, hit.index) + PLACEHOLDERS[hit.kind];
    pos = hit.index + hit.length;
    if (!kinds.includes(hit.kind)) kinds.push(hit.kind);
  }
  out += scanned.slice(pos);
  return { text: out, kinds };
}

/**
 * Whether the text names a person instead of a household code: a name after a form of address
 * (`voor mevrouw Jansen`), or the `[naam]` mask that {@link maskPersonalData} left for one.
 *
 * @example
 * mentionsName('leefgeld 50 euro voor mevrouw Jansen'); // → true
 * mentionsName('leefgeld 50 euro voor mevrouw [naam]'); // → true
 * mentionsName('leefgeld 50 euro voor mevrouw');        // → false
 */
export function mentionsName(text: string): boolean {
  if (typeof text !== 'string') return false;
  const clean = cleanText(cut(text));
  return clean.includes(PLACEHOLDERS.naam) || findNames(clean).length > 0;
}

const KIND_WORDS: Readonly<Record<PersonalDataKind, string>> = {
  bsn: 'een BSN',
  iban: 'een IBAN',
  telefoon: 'een telefoonnummer',
  email: 'een e-mailadres',
  postcode: 'een adres',
  geboortedatum: 'een geboortedatum',
  naam: 'een naam',
};

/**
 * Dutch list of the kinds, for the warning in the group (duplicates are dropped; an
 * empty list gives `''`).
 *
 * @example
 * describeKinds(['bsn', 'telefoon']);       // → 'een BSN en een telefoonnummer'
 * describeKinds(['bsn', 'iban', 'email']);  // → 'een BSN, een IBAN en een e-mailadres'
 * describeKinds(['naam']);                  // → 'een naam'
 */
export function describeKinds(kinds: PersonalDataKind[]): string {
  const words: string[] = [];
  for (const kind of kinds) {
    const word = KIND_WORDS[kind];
    if (word !== undefined && !words.includes(word)) words.push(word);
  }
  const last = words.pop();
  if (last === undefined) return '';
  return words.length === 0 ? last : `${words.join(', ')} en ${last}`;
}
