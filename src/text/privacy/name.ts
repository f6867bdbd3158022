/**
 * Names of people in chat text (docs/rules.md rule 11).
 *
 * Judgement calls:
 * - A name is one or more capitalised words after a form of address: `mevrouw`, `mevr.`,
 *   `mw.`, `meneer`, `mijnheer`, `dhr.`, `de heer`, `mr.`, `familie`, `fam.`, `mej.` … The
 *   name may hold initials (`A.B.`) and tussenvoegsels (`van der`, `De`, `El`); the form of
 *   address stays, the name becomes `[naam]`. A form of address without a capitalised name
 *   (`voor mevrouw,`, `meneer de voorzitter`) is not flagged, and neither is a name without one.
 * - A name after a form of address may be written in lower case (`meneer de vries`, `mevr.
 *   bakker`, `familie öztürk`): up to three lower-case words that are not on a list of
 *   ordinary words (function words, pronouns, numbers, common verbs such as `heeft`, `belt`,
 *   `woont`, and the nouns of this work such as `voorzitter`, `buren`, `gezin`, `hh`). So
 *   `mevrouw heeft gebeld` and `familie van hh 12` keep their words; an unknown verb right
 *   after a form of address (`mevrouw verhuist`) may be masked — masking too much is the safe
 *   side.
 * - A first name after a word for a relative is a name when it is capitalised: `zoon Ahmed`,
 *   `dochter Fatima`, `moeder van Sanne`, `vader van de Jong`. In lower case it is not
 *   (`de moeder van het gezin heeft schulden`, `zoon gaat naar school`): those words are
 *   ordinary far more often than a name is written in lower case after them. `hh`, `gezin`,
 *   `Wmo`, `Jeugdzorg` and the like are never a name (`moeder van HH 12`).
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

/** A word for a relative whose first name may follow (`zoon Ahmed`, `moeder van Sanne`). */
const KIN_RE =
  /(?<![A-Za-zÀ-ÖØ-öø-ÿ0-9])(?:zoon|zoontje|dochter|dochtertje|moeder van|vader van)(?![A-Za-zÀ-ÖØ-öø-ÿ0-9])/gi;

/** The patterns of this file, for the ReDoS check. */
export const NAME_PATTERNS: readonly RegExp[] = [TITLE_RE, KIN_RE];

/**
 * Lower-case words that are no surname after a form of address (`mevrouw heeft`, `meneer de
 * voorzitter`, `familie van hh 12`): function words, pronouns, numbers, common verbs and the
 * nouns of this work. Compared in lower case.
 */
const NOT_A_NAME: ReadonlySet<string> = new Set(
  (
    'de het een en of maar want dus als dan die dat deze dit wie wat waar hoe toen omdat ' +
    'ik jij je u hij zij ze wij we jullie hen hun haar hem mij me ons mijn jouw uw zijn onze ' +
    'is was ben bent waren wordt werd worden heeft hebben had hadden heb hebt wil wilde willen ' +
    'kan kon kunnen mag mocht mogen moet moest moeten zal zou zullen gaat ging gaan ga komt ' +
    'kwam komen kom krijgt kreeg krijgen belt belde bellen vraagt vroeg vragen zegt zei zeggen ' +
    'woont woonde wonen werkt werkte werken staat stond ligt lag zit zat wacht wachtte zoekt ' +
    'zocht betaalt betaalde geeft gaf heeft laat liet weet wist denkt dacht vindt vond doet ' +
    'deed kijkt keek loopt liep neemt nam houdt hield blijft bleef maakt maakte heet noemt ' +
    'gebeld gesproken geweest gezien gezegd gevraagd gekregen betaald verhuisd verhuist ' +
    'overleden opgenomen ziek zwanger boos blij alleen samen thuis zelf zelfs ' +
    'ook nog al niet geen wel graag even eerst nu net straks morgen vandaag gisteren vanavond ' +
    'vanmiddag vanochtend vanmorgen hier daar er erg heel zeer echt weer te om voor met bij ' +
    'naar uit over onder tegen tussen na door zonder per tot sinds vanaf op aan in des huizes ' +
    'twee drie vier vijf zes zeven acht negen tien beide allebei alle elke iedere andere ' +
    'buren buurvrouw buurman voorzitter burgemeester wethouder directeur dokter huisarts ' +
    'minister rechter kinderen kind kids zoon dochter moeder vader ouders gezin huishouden ' +
    'hh familie fam mevrouw meneer mijnheer heer dames heren collega collegas klant cliënt ' +
    'client bewoner bewoonster aanvraag aanvrager graag aub svp bedankt dank groet groeten ' +
    'uiteraard natuurlijk inderdaad misschien waarschijnlijk zeker nogmaals weet'
  ).split(' '),
);

/** Capitalised words that are no name either: a household keyword, an institution. */
const NOT_A_NAME_CAPITALISED: ReadonlySet<string> = new Set(
  'hh huishouden gezin bsn iban tel wmo gemeente jeugdzorg ggd uwv svb cjg school'.split(' '),
);

/** Lower-case name words read after one form of address at most (`meneer jan de vries`). */
const MAX_LOWER_CASE_WORDS = 3;

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

/**
 * The name that starts at `p` (right after a form of address or a word for a relative), as
 * `[start, end)`, or undefined: capitalised words, initials and tussenvoegsels, and when
 * `lowerCase` also up to three lower-case words that are no ordinary word (`de vries`).
 */
function nameAt(text: string, p: number, lowerCase: boolean): [number, number] | undefined {
  const start = p;
  let end = -1;
  let lower = 0;
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
    const key = word.toLowerCase();
    // `mevrouw Jansen Dorpsstraat 1`: the street is part of an address, not of the name.
    const street = STREET_SUFFIX_RE.test(word) && isDigitAt(text, wordEnd + 1);
    if (NAME_PARTICLES.has(key.replace('\u2019', "'"))) {
      // A particle only belongs to the name when a name word follows.
    } else if (street || NOT_A_NAME_CAPITALISED.has(key)) {
      break;
    } else if (isCapitalised(word)) {
      end = wordEnd;
    } else if (lowerCase && lower < MAX_LOWER_CASE_WORDS && !NOT_A_NAME.has(key)) {
      lower++;
      end = wordEnd;
    } else {
      break;
    }
    p = wordEnd;
    if (text[p] !== ' ') break;
    p++;
  }
  return end > start ? [start, end] : undefined;
}

/**
 * The names in the text: after each form of address (`mevrouw De Vries`, `meneer de vries`,
 * `mevr. bakker`, `familie öztürk`) and after a word for a relative (`zoon Ahmed`, `moeder van
 * Sanne`).
 */
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
    const name = nameAt(text, p, true);
    if (name) hits.push({ kind: 'naam', index: name[0], length: name[1] - name[0] });
  }
  for (const m of allMatches(KIN_RE, text)) {
    const p = m.index + m[0].length;
    if (isWordAt(text, m.index - 1) || text[p] !== ' ') continue;
    const name = nameAt(text, p + 1, false);
    if (name) hits.push({ kind: 'naam', index: name[0], length: name[1] - name[0] });
  }
  return hits;
}
