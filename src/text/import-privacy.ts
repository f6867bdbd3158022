/**
 * What both imports do with a text before they preview, store or judge it (rule 11): mask the
 * personal data in it. A message or cell that spans lines is also read with its line breaks as
 * spaces (a BSN or phone number split over two lines is still one number); whichever reading
 * finds more is kept.
 *
 * Pure: no I/O, no clock (the caller gives `now`).
 */

import { cleanText } from './clean-text.ts';
import {
  describeKinds,
  findPersonalData,
  maskPersonalData,
  type PersonalDataKind,
} from './privacy/index.ts';

/** A text as an import may show and use it, and the kinds of personal data masked in it. */
export interface ImportText {
  text: string;
  kinds: PersonalDataKind[];
}

/**
 * The text cleaned (as the bot reads it) and masked; `kinds` lists what was masked.
 *
 * @example
 * maskImportText('grofvuil €33 hh 12\nbsn 111222333', now)
 * // → { text: 'grofvuil €33 hh 12\nbsn [BSN]', kinds: ['bsn'] }
 * maskImportText('bel 06-123\n45678', now)  // over the line break
 * // → { text: 'bel [telefoon]', kinds: ['telefoon'] }
 */
export function maskImportText(text: string, now: Date): ImportText {
  const clean = cleanText(text);
  const asWritten = maskPersonalData(clean, now);
  if (!clean.includes('\n')) return asWritten;
  const oneLine = clean.replace(/[ \t]*\n[ \t]*/g, ' ');
  const asOneLine = findPersonalData(oneLine, now);
  const hitsAsWritten = findPersonalData(clean, now);
  return asOneLine.length > hitsAsWritten.length ? maskPersonalData(oneLine, now) : asWritten;
}

/**
 * Why a piece of an import is not shown or used as it stands, in Dutch: where, and which kinds.
 *
 * @example
 * personalDataProblem('kolom omschrijving', ['bsn'])
 * // → 'kolom omschrijving: lijkt een BSN (niet getoond); haal het weg, alleen een huishoudcode mag'
 */
export function personalDataProblem(where: string, kinds: PersonalDataKind[]): string {
  return `${where}: lijkt ${describeKinds(kinds)} (niet getoond); haal het weg, alleen een huishoudcode mag`;
}
