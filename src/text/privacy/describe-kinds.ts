/**
 * The warning's words for the kinds of personal data found (docs/rules.md rule 11).
 */

import type { PersonalDataKind } from './types.ts';

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
