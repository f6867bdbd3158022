/**
 * The kinds of personal data the privacy guard finds (docs/rules.md rule 11), one hit's shape, and
 * how much of a message is scanned.
 */

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
