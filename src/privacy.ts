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
 * Judgement calls:
 * - A BSN in text is 9 digits (`123456782`, `1234.56.782`, `123 456 782`, `123.456.782`,
 *   `123-456-782`) that passes the eleven-check; 8-digit numbers are only accepted by
 *   {@link isValidBsn}, not found in text (too many ordinary 8-digit numbers). An
 *   eleven-proof 9-digit number is flagged even after `€`: no real amount is that big.
 * - An address is a postcode together with a house number, in either order:
 *   `7551 AB 12`, `7551AB 12a`, `7551 ab, 12`, `Hoofdstraat 12, 7551 AB`. In the second
 *   form a directly preceding street name (a word ending in `straat`, `laan`, `weg`, …) is
 *   masked too. A postcode alone, or a street and number without postcode, is not flagged.
 *   Lower-case letter pairs that are common short words (`1250 op 12`, `2024 en 3`) and
 *   numbers right after `€`, `EUR`, `hh`, `huishouden`, `gezin` or `#` are not addresses.
 * - A date of birth is a date right after `geb.`, `geb`, `geboren (op)`, `geboortedatum`,
 *   `geb.datum` or `DOB` (day and month are enough there; a two-digit year is fine), or a
 *   full date with a four-digit year (`12-03-1985`, `12/3/1985`, `1985-03-12`,
 *   `12 maart 1985`) that lies at least 12 years before `now`.
 * - Phone numbers are Dutch: a national number of 9 digits after `0`, `+31`, `0031` or
 *   `+31 (0)`, with single spaces or hyphens between digits, or `(020) 1234567`.
 * - When hits overlap they are merged into one hit with the kind of the earliest (longest).
 */

/** The kinds of personal data that are detected. */
export type PersonalDataKind = 'bsn' | 'iban' | 'telefoon' | 'email' | 'postcode' | 'geboortedatum';

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

/** BSN candidate: 9 digits, plain or grouped 4.2.3 / 3.3.3 (space, dot or hyphen). */
const BSN_RE =
  /(?<![\w.,+-])\d{3}(?:\d{6}|\d\.\d\d\.\d{3}| \d{3} \d{3}|\.\d{3}\.\d{3}|-\d{3}-\d{3})(?!\w|[.,-]\d)/g;
/** Start of an IBAN: country code and check digits; the rest is read in code. */
const IBAN_START_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d\d/g;
/** Start of a Dutch phone number; the digits are read in code. */
const PHONE_START_RE = /(?<![\w+\-/.])(?:\+31|\(0|0)/g;
/** The `@` and domain of an e-mail address; the local part is read backwards in code. */
const EMAIL_AT_RE = /@[A-Za-z0-9.-]{1,253}/g;
/** A Dutch postcode; a house number before or after it is read in code. */
const POSTCODE_RE = /(?<![\w€.,-])([1-9]\d{3}) ?([A-Za-z]{2})(?![A-Za-z])/g;
/** House number right after a postcode (`7551 AB 12a`, `7551 ab, 12`), on a slice. */
const HOUSE_NUMBER_AFTER_RE = /^,? ?(\d{1,5})(?:[A-Za-z](?![A-Za-z]))?(?!\d|[.,]\d)/;
/** Word that looks like a street name (only tested on one word). */
const STREET_SUFFIX_RE =
  /(?:straat|laan|weg|plein|singel|gracht|kade|dijk|hof|steeg|pad|dreef|markt|ring|park|erf|veld|baan)$/i;
/** Text before a number that makes it money, a household code or a request number. */
const MONEY_OR_CODE_BEFORE_RE = /(?:€|eur|euro|hh|huishouden|gezin|#)[\s.:-]{0,3}$/i;
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

/**
 * Every RegExp this module uses, so a ReDoS checker can test them.
 *
 * @example
 * PRIVACY_PATTERNS.every((re) => isSafe(re).safe); // → true (redos-detector)
 */
export const PRIVACY_PATTERNS: readonly RegExp[] = Object.freeze([
  BSN_RE,
  IBAN_START_RE,
  PHONE_START_RE,
  EMAIL_AT_RE,
  POSTCODE_RE,
  HOUSE_NUMBER_AFTER_RE,
  STREET_SUFFIX_RE,
  MONEY_OR_CODE_BEFORE_RE,
  DATE_DMY_RE,
  DATE_YMD_RE,
  DATE_TEXT_RE,
  DOB_KEYWORD_BEFORE_RE,
]);

// ---------------------------------------------------------------------------------------
// Character helpers (char codes, no regex).

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
/** A character that may appear in the local part of an e-mail address. */
function isEmailLocalCode(c: number): boolean {
  // . _ % + - '
  return isAlnumCode(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 39;
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

function precededByMoneyOrCode(text: string, index: number): boolean {
  return MONEY_OR_CODE_BEFORE_RE.test(text.slice(Math.max(0, index - 16), index));
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
// Detectors. Each returns hits in `text` (already cut to MAX_PRIVACY_CHARS).

function findBsns(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(BSN_RE, text)) {
    let digits = '';
    for (const ch of m[0]) if (ch >= '0' && ch <= '9') digits += ch;
    if (!isValidBsn(digits)) continue;
    hits.push({ kind: 'bsn', index: m.index, length: m[0].length });
  }
  return hits;
}

/** End of a valid IBAN starting at `start` (plain or in groups of four), or -1. */
function ibanEnd(text: string, start: number): number {
  const candidates: { end: number; compact: string }[] = [];
  let compact = '';
  let p = start;
  for (let token = 0; token < 9; token++) {
    const tokenStart = p;
    while (p < text.length && p - tokenStart <= 34 && isAlnumAt(text, p)) p++;
    const len = p - tokenStart;
    if (len === 0 || compact.length + len > 34 || (token > 0 && len > 4)) break;
    compact += text.slice(tokenStart, p);
    candidates.push({ end: p, compact });
    if (len !== 4 || text[p] !== ' ' || !isAlnumAt(text, p + 1)) break;
    p++;
  }
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i];
    if (c !== undefined && isValidIban(c.compact)) return c.end;
  }
  return -1;
}

function findIbans(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(IBAN_START_RE, text)) {
    const end = ibanEnd(text, m.index);
    if (end > 0) hits.push({ kind: 'iban', index: m.index, length: end - m.index });
  }
  return hits;
}

/** End of a Dutch phone number starting at `start`, or -1. */
function phoneEnd(text: string, start: number): number {
  let p = start;
  let paren = false;
  if (text.startsWith('+31', p) || text.startsWith('0031', p)) {
    p += text[p] === '+' ? 3 : 4;
    if (text[p] === ' ' || text[p] === '-') p++;
    if (text.startsWith('(0)', p)) {
      p += 3;
      if (text[p] === ' ' || text[p] === '-') p++;
    }
  } else if (text.startsWith('(0', p)) {
    paren = true;
    p += 2;
  } else if (text[p] === '0') {
    p += 1;
  } else {
    return -1;
  }
  // National number: 9 digits, the first not 0, single separators between digits.
  if (!isDigitAt(text, p) || text[p] === '0') return -1;
  let count = 0;
  let closed = false;
  while (count < 9 && p < text.length) {
    const ch = text[p];
    if (isDigitAt(text, p)) {
      count++;
      p++;
    } else if ((ch === ' ' || ch === '-') && isDigitAt(text, p - 1) && isDigitAt(text, p + 1)) {
      p++;
    } else if (paren && !closed && ch === ')' && count >= 1 && count <= 3) {
      closed = true;
      p++;
      if (text[p] === ' ') p++;
      if (!isDigitAt(text, p)) return -1;
    } else {
      break;
    }
  }
  if (count < 9 || (paren && !closed)) return -1;
  if (isAlnumAt(text, p)) return -1;
  if ((text[p] === '.' || text[p] === ',') && isDigitAt(text, p + 1)) return -1;
  return p;
}

function findPhones(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(PHONE_START_RE, text)) {
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
  for (let i = 0; i < tld.length; i++) if (!isAsciiLetterCode(tld.charCodeAt(i))) return false;
  return true;
}

function findEmails(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(EMAIL_AT_RE, text)) {
    let domain = m[0].slice(1);
    while (domain.endsWith('.') || domain.endsWith('-')) domain = domain.slice(0, -1);
    if (!isValidDomain(domain)) continue;
    let start = m.index;
    while (start > 0 && m.index - start < 256 && isEmailLocalCode(text.charCodeAt(start - 1))) {
      start--;
    }
    if (start === m.index) continue;
    hits.push({ kind: 'email', index: start, length: m.index + 1 + domain.length - start });
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
    if (precededByMoneyOrCode(text, m.index)) continue;
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
    if (precededByMoneyOrCode(text, p)) continue;
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
  return hits;
}

const KIND_ORDER: readonly PersonalDataKind[] = [
  'email',
  'iban',
  'bsn',
  'telefoon',
  'postcode',
  'geboortedatum',
];

/** Sorts hits and merges overlapping ones into the earliest (longest) hit. */
function mergeHits(hits: PersonalDataHit[]): PersonalDataHit[] {
  const sorted = [...hits].sort(
    (a, b) =>
      a.index - b.index ||
      b.length - a.length ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
  const out: PersonalDataHit[] = [];
  for (const hit of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && hit.index < last.index + last.length) {
      last.length = Math.max(last.length, hit.index + hit.length - last.index);
    } else {
      out.push({ ...hit });
    }
  }
  return out;
}

/**
 * Finds personal data in the first {@link MAX_PRIVACY_CHARS} characters of `text`: a BSN
 * that passes the eleven-check, an IBAN that passes mod-97, a Dutch phone number, an
 * e-mail address, a postcode with house number, a date of birth. Hits are sorted by
 * index and do not overlap. `now` decides which dates are old enough to be a birth date.
 *
 * @example
 * findPersonalData('bel 06-12345678 (hh 12)', new Date('2025-01-01'));
 * // → [{ kind: 'telefoon', index: 4, length: 11 }]
 */
export function findPersonalData(text: string, now: Date): PersonalDataHit[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const scanned = text.length > MAX_PRIVACY_CHARS ? text.slice(0, MAX_PRIVACY_CHARS) : text;
  return mergeHits([
    ...findEmails(scanned),
    ...findIbans(scanned),
    ...findBsns(scanned),
    ...findPhones(scanned),
    ...findAddresses(scanned),
    ...findBirthDates(scanned, now),
  ]);
}

const PLACEHOLDERS: Readonly<Record<PersonalDataKind, string>> = {
  bsn: '[BSN]',
  iban: '[IBAN]',
  telefoon: '[telefoon]',
  email: '[e-mail]',
  postcode: '[adres]',
  geboortedatum: '[geboortedatum]',
};

/**
 * Replaces personal data by placeholders (`[BSN]`, `[IBAN]`, `[telefoon]`, `[e-mail]`,
 * `[adres]`, `[geboortedatum]`) and lists the kinds found (unique, in order of first
 * appearance). Text beyond {@link MAX_PRIVACY_CHARS} is cut off, so nothing unscanned
 * is ever stored.
 *
 * @example
 * maskPersonalData('mail jan@voorbeeld.nl of bel 0612345678', now);
 * // → { text: 'mail [e-mail] of bel [telefoon]', kinds: ['email', 'telefoon'] }
 */
export function maskPersonalData(
  text: string,
  now: Date,
): { text: string; kinds: PersonalDataKind[] } {
  if (typeof text !== 'string') return { text: '', kinds: [] };
  const scanned = text.length > MAX_PRIVACY_CHARS ? text.slice(0, MAX_PRIVACY_CHARS) : text;
  const hits = findPersonalData(scanned, now);
  const kinds: PersonalDataKind[] = [];
  let out = '';
  let pos = 0;
  for (const hit of hits) {
    out += scanned.slice(pos, hit.index) + PLACEHOLDERS[hit.kind];
    pos = hit.index + hit.length;
    if (!kinds.includes(hit.kind)) kinds.push(hit.kind);
  }
  out += scanned.slice(pos);
  return { text: out, kinds };
}

const KIND_WORDS: Readonly<Record<PersonalDataKind, string>> = {
  bsn: 'een BSN',
  iban: 'een IBAN',
  telefoon: 'een telefoonnummer',
  email: 'een e-mailadres',
  postcode: 'een adres',
  geboortedatum: 'een geboortedatum',
};

/**
 * Dutch list of the kinds, for the warning in the group (duplicates are dropped; an
 * empty list gives `''`).
 *
 * @example
 * describeKinds(['bsn', 'telefoon']);       // → 'een BSN en een telefoonnummer'
 * describeKinds(['bsn', 'iban', 'email']);  // → 'een BSN, een IBAN en een e-mailadres'
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
