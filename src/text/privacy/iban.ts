/**
 * IBAN in chat text (docs/rules.md rule 11).
 *
 * Judgement calls:
 * - An IBAN passes mod-97 and starts with the code of a country that uses IBANs; it is
 *   written whole or in groups of four after the country code and check digits, the last
 *   group may be shorter (`NL91 ABNA 0417 1643 00`, `NL91-ABNA-…`, `NL 91 ABNA …`). A country
 *   code standing apart is followed by the two check digits alone or by the rest written whole,
 *   so words that happen to pass mod-97 (`de 281 euro voor hh 4`) are not an IBAN.
 *
 * @example
 * findIbans('IBAN NL91 ABNA 0417 1643 00'); // → [{ kind: 'iban', index: 5, length: 22 }]
 */

import type { PersonalDataHit } from './types.ts';
import {
  allMatches,
  isAlnumAt,
  isAlnumCode,
  isDigitAt,
  isDigitCode,
  isWordAt,
  separatorLength,
} from './scan.ts';

/** Start of an IBAN: country code, then (after at most a separator) the check digits. */
const IBAN_START_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}(?=[ ./-]{0,3}\d\d)/g;

/** The patterns of this file, for the ReDoS check. */
export const IBAN_PATTERNS: readonly RegExp[] = [IBAN_START_RE];

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
    // Apart from the country code, the check digits stand alone (`NL 91 ABNA …`) or begin the
    // rest written whole (`NL 91ABNA0417164300`): `de 281 euro voor hh 4` is no IBAN.
    if (countryAlone && len !== 2 && len < 13) break;
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

export function findIbans(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const m of allMatches(IBAN_START_RE, text)) {
    if (isWordAt(text, m.index - 1)) continue;
    const end = ibanEnd(text, m.index);
    if (end > 0) hits.push({ kind: 'iban', index: m.index, length: end - m.index });
  }
  return hits;
}
