/**
 * Masking personal data (docs/rules.md rule 11): each hit becomes its placeholder.
 */

import { cleanText } from '../clean-text.ts';
import { MAX_PRIVACY_CHARS, type PersonalDataKind } from './types.ts';
import { cut, findPersonalData, hitsIn } from './detect.ts';
import { findNames } from './name.ts';

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
