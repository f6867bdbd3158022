import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/text/clean-text.ts';
import { maskPersonalData } from '../../../src/text/privacy/index.ts';
import { Harness } from '../../support/harness.ts';

/*
 * docs/rules.md rule 11 as properties, one per way of writing personal data that the second round
 * added: each generates thousands of variants, runs them through cleanText and the mask, and
 * checks that nothing of the personal data is left; one guard checks that ordinary requests
 * keep every character; and one runs them through the real engine.
 */

const NOW = new Date('2026-03-02T09:00:00+01:00');
const RUNS = 2000;

/** `date` where it stands whole: not inside a longer number (`6 feb` is not in `16 feb`). */
const wholeDate = (date: string) =>
  new RegExp(`(?<![0-9])${date.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`);

const mask = (text: string) => maskPersonalData(cleanText(text), NOW);
const keyOf = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Writes ASCII digits in another script: full-width, Arabic-Indic, Persian, Devanagari. */
const SCRIPTS = [0x30, 0xff10, 0x0660, 0x06f0, 0x0966];
const inScript = (text: string, zero: number) =>
  text.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));

const digits = (length: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
    .map((d) => d.join(''));

/** A BSN that passes the eleven-check. */
const validBsn = digits(8)
  .map((first8) => {
    const sum = [...first8].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
    return { first8, check: sum % 11 };
  })
  .filter(({ first8, check }) => check < 10 && first8 + String(check) !== '000000000')
  .map(({ first8, check }) => first8 + String(check));

/** `text` cut into groups of the given sizes, joined by `sep`. */
function grouped(text: string, sizes: readonly number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= text.length) break;
    parts.push(text.slice(at, at + size));
    at += size;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts.join(sep);
}

const REQUEST = fc.record({
  category: fc.constantFrom(
    'grofvuil',
    'pinpas leefgeld',
    'huurachterstand',
    'borg',
    'buskaart',
    'boodschappen',
    'energierekening',
    'schoolreisje',
    'zwemles',
    'fietsreparatie',
    'kinderopvang',
    'medicijnen',
    'bril',
    'wasmachine',
    'koelkast',
    'matras',
    'paspoort',
    'gas en licht',
  ),
  euros: fc.integer({ min: 1, max: 2000 }),
  cents: fc.integer({ min: 0, max: 99 }),
  amountForm: fc.integer({ min: 0, max: 6 }),
  code: fc.integer({ min: 1, max: 999 }),
  codeForm: fc.constantFrom('hh ', 'huishouden ', 'HH-', 'gezin ', 'hh', 'huishouden HH-', 'hh 0'),
  voor: fc.constantFrom('', 'voor '),
  amountFirst: fc.boolean(),
});

/** An ordinary request: `<category> €<amount> hh <code>` in the ways people write it. */
const request = REQUEST.map((r) => {
  const cents = String(r.cents).padStart(2, '0');
  const amount = [
    `€${r.euros}`,
    `€ ${r.euros},${cents}`,
    `${r.euros} euro`,
    `EUR ${r.euros}`,
    `${r.euros},-`,
    `€ ${r.euros}.${cents}`,
    r.euros >= 1000
      ? `€${Math.floor(r.euros / 1000)}.${String(r.euros % 1000).padStart(3, '0')}`
      : `€${r.euros}`,
  ][r.amountForm];
  const household = `${r.voor}${r.codeForm}${r.code}`;
  return r.amountFirst
    ? `${amount} ${r.category} ${household}`
    : `${r.category} ${amount} ${household}`;
});

// ---------------------------------------------------------------------------------------
// The ways of writing personal data.

/** Separators between the digits of a BSN: one kind throughout a number. */
const bsnWritten = fc
  .record({
    bsn: validBsn,
    shape: fc.constantFrom(
      [9],
      [3, 3, 3],
      [4, 2, 3],
      [2, 3, 4],
      [3, 6],
      [1, 1, 1, 1, 1, 1, 1, 1, 1],
    ),
    sep: fc.constantFrom(' ', '-', '.', '/', ' - ', '\n', ' \n'),
    lineBreakAt: fc.option(fc.integer({ min: 1, max: 8 })),
    script: fc.constantFrom(...SCRIPTS),
    context: fc.constantFrom('BSN ', 'bsn: ', 'bsn ', 'burgerservicenummer ', 'BSN\n'),
  })
  .map(({ bsn, shape, sep, lineBreakAt, script, context }) => {
    let written = grouped(bsn, shape, sep);
    // A line break at a group boundary of a number written whole or digit by digit.
    if (lineBreakAt !== null && shape.length === 1) {
      written = bsn.slice(0, lineBreakAt) + '\n' + bsn.slice(lineBreakAt);
    }
    return { text: context + inScript(written, script), key: bsn };
  });

const LOCAL_PARTS = ['pietjepuk', 'j.jansen', 'fatima.elamrani', 'oztürk82', 'info-hulp'];
const DOMAINS = [
  ['hotmail', 'com'],
  ['gmail', 'com'],
  ['ziggo', 'nl'],
  ['telenet', 'be'],
  ['gemeente', 'hengelo', 'nl'],
];
const emailDodged = fc
  .record({
    local: fc.constantFrom(...LOCAL_PARTS),
    domain: fc.constantFrom(...DOMAINS),
    at: fc.constantFrom(
      ' (at) ',
      '(at)',
      ' [at] ',
      '[at]',
      ' at ',
      ' @ ',
      '@ ',
      ' {at} ',
      ' (apenstaartje) ',
    ),
    dot: fc.constantFrom(' (punt) ', '(punt)', ' [dot] ', ' dot ', ' punt ', ' . ', '.', '(dot)'),
    upper: fc.boolean(),
  })
  .filter(({ at, dot }) => at !== '@ ' || dot !== '.')
  .map(({ local, domain, at, dot, upper }) => {
    const written = local + (upper ? at.toUpperCase() : at) + domain.join(dot);
    return { text: `mail ${written} `, key: keyOf(local + domain.slice(0, -1).join('')) };
  });

const SURNAMES = [
  'jansen',
  'de vries',
  'bakker',
  'öztürk',
  'yılmaz',
  'el amrani',
  'van dijk',
  'visser',
  'de boer',
  'mulder',
  'van der meer',
  'kaya',
  'demir',
  'şahin',
  'el idrissi',
  'benali',
  'nguyen',
  'dijkstra',
  'hendriks',
];
const TITLES = [
  'meneer',
  'mevrouw',
  'mevr.',
  'mw.',
  'dhr.',
  'de heer',
  'familie',
  'fam.',
  'mijnheer',
];
const nameLowerCase = fc
  .record({
    title: fc.constantFrom(...TITLES),
    surname: fc.constantFrom(...SURNAMES),
    space: fc.constantFrom(' ', '\n', '  ', '\u00A0'),
    capitalTitle: fc.boolean(),
  })
  .map(({ title, surname, space, capitalTitle }) => {
    const t = capitalTitle ? title[0]!.toUpperCase() + title.slice(1) : title;
    return { text: `${t}${space}${surname}`, before: `${t}${space}`, key: keyOf(surname) };
  });

const MONTHS = [
  ['januari', 'jan', 'jan.'],
  ['februari', 'feb', 'febr.'],
  ['maart', 'mrt', 'mrt.'],
  ['april', 'apr', 'apr.'],
  ['mei', 'mei', 'mei'],
  ['juni', 'jun', 'jun.'],
  ['juli', 'jul', 'jul.'],
  ['augustus', 'aug', 'aug.'],
  ['september', 'sept', 'sep.'],
  ['oktober', 'okt', 'okt.'],
  ['november', 'nov', 'nov.'],
  ['december', 'dec', 'dec.'],
];
const birthDate = fc
  .record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.integer({ min: 0, max: 11 }),
    form: fc.integer({ min: 0, max: 2 }),
    ordinal: fc.constantFrom('', 'e', 'ste', 'de'),
    year: fc.integer({ min: 1930, max: 2012 }),
    yearForm: fc.constantFrom('full', 'apostrophe', 'none'),
    keyword: fc.constantFrom('geb. ', 'geboren op ', 'geboortedatum: ', 'geb ', 'geboren\n', ''),
    capital: fc.boolean(),
  })
  // Without a keyword, only a date with a year of at least 12 years ago is a date of birth.
  .filter(({ keyword, yearForm }) => keyword !== '' || yearForm !== 'none')
  .map(({ day, month, form, ordinal, year, yearForm, keyword, capital }) => {
    let name = MONTHS[month]![form]!;
    if (capital) name = name[0]!.toUpperCase() + name.slice(1);
    const yearText =
      yearForm === 'full'
        ? ` ${year}`
        : yearForm === 'apostrophe'
          ? ` '${String(year).slice(2)}`
          : '';
    const date = `${day}${ordinal} ${name}${yearText}`;
    return { text: keyword + date, date, key: keyOf(name) };
  });

const phoneNumber = fc.oneof(
  digits(8).map((d) => ({ written: `06-${d}`, key: d })),
  digits(8).map((d) => ({ written: `06 ${d.slice(0, 4)} ${d.slice(4)}`, key: d })),
  digits(8).map((d) => ({ written: `+31 6 ${d}`, key: d })),
  digits(7).map((d) => ({ written: `020-${d}`, key: d })),
  digits(8).map((d) => ({
    written: `+32 47${d.slice(0, 1)} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)}`,
    key: d.slice(1, 7),
  })),
  digits(8).map((d) => ({ written: `0032 4${d}`, key: d })),
  digits(9).map((d) => ({ written: `+49 1${d.slice(0, 2)} ${d.slice(2)}`, key: d })),
  digits(8).map((d) => ({
    written: `+90 53${d.slice(0, 1)} ${d.slice(1, 4)} ${d.slice(4, 6)} ${d.slice(6)}`,
    key: d,
  })),
  digits(8).map((d) => ({ written: `+212 6${d}`, key: d })),
);
const phoneList = fc
  .record({
    numbers: fc.array(phoneNumber, { minLength: 2, maxLength: 4 }),
    joiner: fc.constantFrom(' / ', '/', ', ', '; ', ' of ', ' en ', '\n', ' | '),
  })
  .map(({ numbers, joiner }) => ({
    text: 'bel ' + numbers.map((n) => n.written).join(joiner),
    keys: numbers.map((n) => n.key),
  }));

const STREET_NAMES = [
  'Dorps',
  'Kerk',
  'Hoofd',
  'Molen',
  'Beatrix',
  'Wilhelmina',
  'Oranje',
  'Stations',
  'Deldener',
  'Enschedese',
];
const SUFFIXES = [
  'straat',
  'laan',
  'weg',
  'plein',
  'dijk',
  'kade',
  'singel',
  'gracht',
  'hof',
  'park',
  'dreef',
  'steeg',
  'pad',
  'ring',
  'markt',
];
const LOWER_CASE_SUFFIXES = new Set([
  'straat',
  'laan',
  'plein',
  'singel',
  'gracht',
  'kade',
  'dijk',
  'steeg',
  'dreef',
]);
const street = fc
  .record({
    name: fc.constantFrom(...STREET_NAMES),
    suffix: fc.constantFrom(...SUFFIXES),
    number: fc.integer({ min: 1, max: 999 }),
    addition: fc.constantFrom('', 'a', 'B', '-2', '-hs'),
    space: fc.constantFrom(' ', '\n', ''),
    place: fc.constantFrom('', ' Hengelo', ', Hengelo', ' te Enschede', ', Borne', ' in Almelo'),
    lower: fc.boolean(),
  })
  .map(({ name, suffix, number, addition, space, place, lower }) => {
    const word =
      lower && LOWER_CASE_SUFFIXES.has(suffix) ? (name + suffix).toLowerCase() : name + suffix;
    return { text: `${word}${space}${number}${addition}${place}`, key: keyOf(word) };
  });

// ---------------------------------------------------------------------------------------

describe('rule 11 as properties: every way of writing it is masked (cleanText + mask)', () => {
  it('masks a valid BSN with any separator, line breaks, digit by digit, in any script', () => {
    fc.assert(
      fc.property(request, bsnWritten, (req, bsn) => {
        const masked = mask(`${req}, ${bsn.text}, graag`);
        expect(masked.kinds).toContain('bsn');
        expect(keyOf(masked.text)).not.toContain(bsn.key);
      }),
      { numRuns: RUNS },
    );
  });

  it('masks an e-mail address spelled to dodge a filter', () => {
    fc.assert(
      fc.property(request, emailDodged, (req, email) => {
        const masked = mask(`${req} ${email.text}`);
        expect(masked.kinds).toContain('email');
        expect(keyOf(masked.text)).not.toContain(email.key);
      }),
      { numRuns: RUNS },
    );
  });

  it('masks a lower-case name after a form of address and keeps the form of address', () => {
    fc.assert(
      fc.property(request, nameLowerCase, (req, name) => {
        const masked = mask(`${req} voor ${name.text}, graag`);
        expect(masked.text).toBe(cleanText(`${req} voor ${name.before}`) + '[naam], graag');
        expect(masked.kinds).toEqual(['naam']);
        expect(keyOf(masked.text)).not.toContain(name.key);
      }),
      { numRuns: RUNS },
    );
  });

  it('masks a date of birth with a month name, abbreviation, ordinal or short year', () => {
    fc.assert(
      fc.property(request, birthDate, (req, dob) => {
        const masked = mask(`${req}, ${dob.text}, graag`);
        expect(masked.kinds).toEqual(['geboortedatum']);
        expect(masked.text).toContain('[geboortedatum], graag');
        expect(masked.text).not.toContain(cleanText(dob.date));
      }),
      { numRuns: RUNS },
    );
  });

  it('masks every phone number of a list, Dutch and foreign', () => {
    fc.assert(
      fc.property(request, phoneList, (req, list) => {
        const masked = mask(`${req}, ${list.text}`);
        expect(masked.kinds).toEqual(['telefoon']);
        for (const key of list.keys) expect(keyOf(masked.text)).not.toContain(key);
      }),
      { numRuns: RUNS },
    );
  });

  it('masks a street with a house number, with or without a place', () => {
    fc.assert(
      fc.property(request, street, (req, address) => {
        const masked = mask(`${req}, woont ${address.text}; graag snel`);
        expect(masked.kinds).toEqual(['postcode']);
        expect(masked.text).toBe(`${cleanText(req)}, woont [adres]; graag snel`);
        expect(keyOf(masked.text)).not.toContain(address.key);
      }),
      { numRuns: RUNS },
    );
  });

  it('leaves an ordinary request whole: its amount and household code are no personal data', () => {
    fc.assert(
      fc.property(request, (req) => {
        expect(mask(req)).toEqual({ text: req, kinds: [] });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('rule 11 through the engine: a request with personal data', () => {
  const secret = fc.oneof(
    bsnWritten.map((s) => ({ text: s.text, keys: [s.key] })),
    emailDodged.map((s) => ({ text: s.text, keys: [s.key] })),
    nameLowerCase
      .filter((s) => s.key.length >= 5)
      .map((s) => ({ text: `voor ${s.text}`, keys: [s.key] })),
    birthDate.map((s) => ({ text: s.text, keys: [] as string[], date: s.date })),
    phoneList.map((s) => ({ text: s.text, keys: s.keys })),
    street.map((s) => ({ text: `woont ${s.text};`, keys: [s.key] })),
  );

  it('stores the request masked, warns, and no reply repeats what was masked', () => {
    fc.assert(
      fc.property(request, secret, (req, s) => {
        const h = new Harness(undefined, '2026-03-02T09:00:00+01:00');
        h.say('anna', `${req}, ${s.text}`);
        const replies = h.replies();
        expect(replies.some((r) => r.purpose === 'privacy')).toBe(true);
        const shown = [
          ...replies.map((r) => r.text),
          ...h.state().requests.map((r) => r.description),
          ...h.engine.sql.all<{ text: string }>('SELECT text FROM outbox').map((r) => r.text),
        ];
        for (const text of shown) {
          for (const key of s.keys) expect(keyOf(text)).not.toContain(key);
          // As a whole date: the bot's own overview may say `16 feb 2026` beside `geb. 6 feb`.
          if ('date' in s && s.date) expect(text).not.toMatch(wholeDate(cleanText(s.date)));
        }
      }),
      { numRuns: 120 },
    );
  });
});
