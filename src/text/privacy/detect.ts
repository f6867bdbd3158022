/**
 * Runs every detector over a text and makes the hits disjoint (docs/rules.md rule 11).
 *
 * What is checked is what is stored. Detection reads the text as `cleanText` leaves it
 * (src/text/clean-text.ts, the cleaning the parser uses too): invisible characters (zero-width
 * space, joiners, word joiner, byte-order mark, bidi marks) and control characters removed,
 * no-break and other Unicode spaces read as spaces. So `BSN 123\u200B456\u200B782` is a BSN;
 * its hit covers the invisible characters too. onMessage cleans a message with `cleanText`
 * before it masks it, so the stored text is the cleaned, masked one.
 *
 * Judgement calls:
 * - When hits overlap the earliest (longest) wins; the part of a later hit that sticks out
 *   beyond it stays a hit of its own, so the warning names both kinds.
 */

import { cleanTextWithOffsets, readsAsIs } from '../clean-text.ts';
import { MAX_PRIVACY_CHARS, type PersonalDataHit, type PersonalDataKind } from './types.ts';
import { detectionView, isDigitAt } from './scan.ts';
import { findBsns } from './bsn.ts';
import { findIbans } from './iban.ts';
import { findPhones } from './phone.ts';
import { findDodgedEmails, findEmails } from './email.ts';
import { findAddresses, findStreetAddresses } from './address.ts';
import { findBirthDates } from './birth-date.ts';
import { findNames } from './name.ts';

/** The words that name a BSN, right before its number (`BSN: `, `burgerservicenummer `). */
const BSN_LABEL_BEFORE = /(?:bsn|burgerservicenummer|sofinummer)[ :.#-]{0,3}$/i;

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

/** Whether every digit of `hit` is part of one of the phone numbers. */
function digitsInPhones(text: string, hit: PersonalDataHit, phones: PersonalDataHit[]): boolean {
  for (let i = hit.index; i < hit.index + hit.length; i++) {
    if (!isDigitAt(text, i)) continue;
    if (!phones.some((phone) => phone.index <= i && i < phone.index + phone.length)) return false;
  }
  return true;
}

/** The hits in `clean` (already cleaned and cut to MAX_PRIVACY_CHARS). */
function detect(clean: string, now: Date): PersonalDataHit[] {
  const text = detectionView(clean);
  const found = findBsns(text);
  // A number right after `BSN` is a BSN, however a phone number could also read it
  // (`BSN 001000007 45 euro` is not the foreign number 00 1 000007 45).
  const labelled = found.filter((bsn) => BSN_LABEL_BEFORE.test(text.slice(0, bsn.index)));
  const phones = findPhones(text).filter(
    (phone) =>
      !labelled.some(
        (bsn) => phone.index < bsn.index + bsn.length && bsn.index < phone.index + phone.length,
      ),
  );
  // Digits of a phone number are not also a BSN (`020-7257052 / 06…` reads `725705206`).
  const bsns = found.filter((bsn) => labelled.includes(bsn) || !digitsInPhones(text, bsn, phones));
  return mergeHits(text, [
    ...findEmails(text),
    ...findDodgedEmails(text),
    ...findIbans(text),
    ...bsns,
    ...phones,
    ...findAddresses(text),
    ...findStreetAddresses(text),
    ...findBirthDates(text, now),
    ...findNames(text),
  ]);
}

export function cut(text: string): string {
  return text.length > MAX_PRIVACY_CHARS ? text.slice(0, MAX_PRIVACY_CHARS) : text;
}

/** The hits in `text` (cut already), found in its cleaned reading, as positions in `text`. */
export function hitsIn(text: string, now: Date): PersonalDataHit[] {
  // Most texts (onMessage's, cleaned already) read as they are: each position is its own.
  if (readsAsIs(text)) {
    return detect(text, now).map(({ kind, index, length }) => {
      const from = index >= 0 && index <= text.length ? index : text.length;
      const last = index + length - 1;
      return {
        kind,
        index: from,
        length: (last >= 0 && last < text.length ? last + 1 : text.length) - from,
      };
    });
  }
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
