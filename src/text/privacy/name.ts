/**
 * Names of people in chat text (DOMAIN.md rule 11).
 *
 * Judgement calls:
 * - A name is one or more capitalised words after a form of address: `mevrouw`, `mevr.`,
 *   `mw.`, `meneer`, `mijnheer`, `dhr.`, `de heer`, `mr.`, `familie`, `fam.`, `mej.` … The
 *   name may hold initials (`A.B.`) and tussenvoegsels (`van der`, `De`, `El`); the form of
 *   address stays, the name becomes `[naam]`. A form of address without a capitalised name
 *   (`voor mevrouw,`, `meneer de voorzitter`) is not flagged, and neither is a name without one.
 * - A name ends before a street name with a house number (`mevrouw Jansen Dorpsstraat 1, …`).
 *
 * @example
 * findNames('voor mevrouw De Vries'); // → [{ kind: 'naam', index: 13, length: 8 }]
 */

import type { PersonalDataHit } from './types.ts';
import { CAPITAL_RE, allMatches, isDigitAt, isLetterAt, isWordAt } from './scan.ts';
import { STREET_SUFFIX_RE } from './address.ts';

/** A form of address; the name after it is read in code. */
const TITLE_RE =
  /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9])(?:mevrouw|mevr|mvr|mw|mejuffrouw|juffrouw|mej|meneer|mijnheer|mnr|dhr|de heer|mr|familie|fam)(?![A-Za-zÀ-ÖØ-öø-ÿ0-9])/gi;

/** The patterns of this file, for the ReDoS check. */
export const NAME_PATTERNS: readonly RegExp[] = [TITLE_RE];

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
export function findNames(text: string): PersonalDataHit[] {
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
