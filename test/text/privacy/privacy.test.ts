import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isSafe } from 'redos-detector';
import {
  MAX_PRIVACY_CHARS,
  PRIVACY_PATTERNS,
  describeKinds,
  findPersonalData,
  isValidBsn,
  isValidIban,
  maskPersonalData,
  type PersonalDataHit,
  type PersonalDataKind,
} from '../../../src/text/privacy/index.ts';
import { parseMessage } from '../../../src/text/parse-message.ts';
import { cleanText } from '../../../src/text/clean-text.ts';

const NOW = new Date('2025-06-01T10:00:00Z');

/** The single hit in `text`, as `{ kind, found }`, or undefined when there is not exactly one. */
function onlyHit(
  text: string,
  now: Date = NOW,
): { kind: PersonalDataKind; found: string } | undefined {
  const hits = findPersonalData(text, now);
  if (hits.length !== 1 || hits[0] === undefined) return undefined;
  const { kind, index, length } = hits[0];
  return { kind, found: text.slice(index, index + length) };
}

/** A valid BSN from its first eight digits, or undefined when no check digit fits. */
function bsnFrom(first8: number[]): string | undefined {
  const sum = first8.reduce((acc, d, i) => acc + d * (9 - i), 0);
  const check = sum % 11;
  if (check === 10) return undefined;
  const bsn = first8.join('') + String(check);
  return bsn === '000000000' ? undefined : bsn;
}

/** True when a quantified group in the pattern source itself contains a quantifier. */
function hasNestedQuantifier(source: string): boolean {
  const stack: boolean[] = [];
  let containsQuantifier = false;
  let lastClosedGroupHadQuantifier: boolean | undefined;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    let closedNow: boolean | undefined;
    if (ch === '\\') {
      i++;
    } else if (ch === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (ch === '(') {
      stack.push(containsQuantifier);
      containsQuantifier = false;
      if (source[i + 1] === '?') {
        // Group syntax (?: (?= (?! (?<= (?<! (?<name>, not a quantifier.
        i++;
        if (source[i + 1] === '<' && source[i + 2] !== '=' && source[i + 2] !== '!') {
          while (i < source.length && source[i] !== '>') i++;
        } else {
          i++;
          if (source[i] === '<') i++;
        }
      }
    } else if (ch === ')') {
      closedNow = containsQuantifier;
      containsQuantifier = (stack.pop() ?? false) || containsQuantifier;
    } else if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      if (ch === '{') while (i < source.length && source[i] !== '}') i++;
      if (source[i + 1] === '?') i++; // lazy modifier
      if (lastClosedGroupHadQuantifier === true) return true;
      containsQuantifier = true;
    }
    lastClosedGroupHadQuantifier = closedNow;
  }
  return false;
}

describe('isValidBsn', () => {
  it('accepts BSNs that pass the eleven-check', () => {
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('111222333')).toBe(true);
  });

  it('accepts an 8-digit BSN read with a leading zero', () => {
    expect(isValidBsn('12345672')).toBe(true);
    expect(isValidBsn('012345672')).toBe(true);
  });

  it('rejects numbers that fail the eleven-check, all zeros, wrong lengths and non-digits', () => {
    for (const bad of ['123456781', '000000000', '00000000', '1234567820', '1234567', '']) {
      expect(isValidBsn(bad)).toBe(false);
    }
    expect(isValidBsn('1234.56.782')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
  });

  it('accepts every generated BSN and rejects each one-digit change of it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.nat({ max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (first8, position, delta) => {
          const bsn = bsnFrom(first8);
          fc.pre(bsn !== undefined);
          if (bsn === undefined) return;
          expect(isValidBsn(bsn)).toBe(true);
          const digit = Number(bsn[position]);
          const changed =
            bsn.slice(0, position) + String((digit + delta) % 10) + bsn.slice(position + 1);
          expect(isValidBsn(changed)).toBe(false);
        },
      ),
    );
  });
});

describe('isValidIban', () => {
  it.each(['NL91ABNA0417164300', 'DE89370400440532013000', 'GB82WEST12345698765432'])(
    'accepts the valid IBAN %s',
    (iban) => {
      expect(isValidIban(iban)).toBe(true);
    },
  );

  it('accepts spaces and lower case', () => {
    expect(isValidIban('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(isValidIban('nl91 abna 0417 1643 00')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
  });

  it('rejects a typo in any digit', () => {
    const iban = 'NL91ABNA0417164300';
    for (let i = 2; i < iban.length; i++) {
      const digit = Number(iban[i]);
      if (Number.isNaN(digit)) continue;
      const typo = iban.slice(0, i) + String((digit + 1) % 10) + iban.slice(i + 1);
      expect(isValidIban(typo)).toBe(false);
    }
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
  });

  it('rejects a Dutch IBAN that is not 18 characters and text that is no IBAN', () => {
    expect(isValidIban('NL91ABNA041716430')).toBe(false);
    expect(isValidIban('NL91ABNA04171643000')).toBe(false);
    for (const bad of ['', 'NL', '123456789012345', 'NL91-ABNA-0417-1643-00', 'x'.repeat(10_000)]) {
      expect(isValidIban(bad)).toBe(false);
    }
  });
});

describe('findPersonalData: BSN', () => {
  it.each(['123456782', '1234.56.782', '123 456 782', '123.456.782', '123-456-782'])(
    'finds the BSN written as %s',
    (bsn) => {
      expect(onlyHit(`BSN van moeder: ${bsn}, graag checken`)).toEqual({ kind: 'bsn', found: bsn });
    },
  );

  it('does not flag a 9-digit number that fails the eleven-check', () => {
    expect(findPersonalData('dossiernummer 123456781', NOW)).toEqual([]);
  });

  it('flags a 9-digit number exactly when it passes the eleven-check', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), (digits) => {
        const hits = findPersonalData(`nummer ${digits} gevonden`, NOW);
        expect(hits.length === 1 && hits[0]?.kind === 'bsn').toBe(isValidBsn(digits));
      }),
    );
  });

  it('finds generated valid BSNs in a sentence', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }), (d) => {
        const bsn = bsnFrom(d);
        fc.pre(bsn !== undefined);
        if (bsn === undefined) return;
        expect(onlyHit(`bsn ${bsn}.`)).toEqual({ kind: 'bsn', found: bsn });
      }),
    );
  });

  it('does not flag a BSN-like number inside a longer number', () => {
    expect(findPersonalData('ref 1234567820', NOW)).toEqual([]);
    expect(findPersonalData('ref A123456782', NOW)).toEqual([]);
  });

  it('flags an eleven-proof 9-digit number even after a euro sign (no real amount is that big)', () => {
    expect(onlyHit('€ 123456782')).toEqual({ kind: 'bsn', found: '123456782' });
  });
});

describe('findPersonalData: IBAN', () => {
  it.each([
    'NL91ABNA0417164300',
    'NL91 ABNA 0417 1643 00',
    'nl91abna0417164300',
    'nl91 abna 0417 1643 00',
    'DE89370400440532013000',
    'DE89 3704 0044 0532 0130 00',
    'GB82WEST12345698765432',
  ])('finds the IBAN %s and nothing after it', (iban) => {
    expect(onlyHit(`rekening ${iban} voor de huur`)).toEqual({ kind: 'iban', found: iban });
  });

  it('does not flag an IBAN with a typo', () => {
    expect(findPersonalData('rekening NL91ABNA0417164301', NOW)).toEqual([]);
    // The grouped typo is no IBAN; its tail `0417 1643 01` does read as a phone number.
    const kinds = findPersonalData('rekening NL91 ABNA 0417 1643 01', NOW).map((h) => h.kind);
    expect(kinds).not.toContain('iban');
  });
});

describe('findPersonalData: phone numbers', () => {
  it.each([
    '06-12345678',
    '0612345678',
    '06 1234 5678',
    '06 12 34 56 78',
    '+31 6 12345678',
    '+316 12345678',
    '+31612345678',
    '+31 (0)6 12345678',
    '0031 6 12345678',
    '0031612345678',
    '020-1234567',
    '074 123 4567',
    '0741234567',
    '(020) 123 4567',
  ])('finds the phone number %s', (phone) => {
    expect(onlyHit(`bel moeder op ${phone}.`)).toEqual({ kind: 'telefoon', found: phone });
  });

  it('does not flag numbers with too few or too many digits', () => {
    for (const text of ['bel 06-1234567', 'bel 061234567890', 'code 0123', 'bel 020-123456']) {
      expect(findPersonalData(text, NOW)).toEqual([]);
    }
  });
});

describe('findPersonalData: e-mail', () => {
  it.each(['jan@example.com', 'j.de.vries+mmb@gemeente.hengelo.nl', 'info@sociaal-team.nl'])(
    'finds the e-mail address %s',
    (email) => {
      expect(onlyHit(`mail naar ${email}.`)).toEqual({ kind: 'email', found: email });
    },
  );

  it('does not flag a bare @-mention or an address without a domain', () => {
    expect(findPersonalData('@jan kun jij?', NOW)).toEqual([]);
    expect(findPersonalData('jan@localhost', NOW)).toEqual([]);
  });
});

describe('findPersonalData: postcode with house number', () => {
  it.each([
    ['woont op 7551 AB 12', '7551 AB 12'],
    ['woont op 7551AB 12a', '7551AB 12a'],
    ['woont op 7551 ab, 12', '7551 ab, 12'],
    ['adres: Hoofdstraat 12, 7551 AB Hengelo', 'Hoofdstraat 12, 7551 AB'],
    ['adres: 12a 7551AB Hengelo', '12a 7551AB'],
  ])('finds the address in %j', (text, found) => {
    expect(onlyHit(text)).toEqual({ kind: 'postcode', found });
  });

  it('does not flag a postcode without house number', () => {
    expect(findPersonalData('wijk 7551 AB in Hengelo', NOW)).toEqual([]);
    expect(findPersonalData('postcode 7551 AB', NOW)).toEqual([]);
  });

  it('does not flag numbers followed by a short word', () => {
    expect(findPersonalData('€ 1250 op 12 maart betaald', NOW)).toEqual([]);
    expect(findPersonalData('in 2024 en 12 keer', NOW)).toEqual([]);
    expect(findPersonalData('hh 12 7551 AB', NOW)).toEqual([]);
  });
});

describe('findPersonalData: date of birth', () => {
  it.each([
    ['geb. 12-03-1985', '12-03-1985'],
    ['geboren 12 maart 1985', '12 maart 1985'],
    ['geboren op 12 maart 1985', '12 maart 1985'],
    ['geboortedatum: 1985-03-12', '1985-03-12'],
    ['geb.datum 12/3/85', '12/3/85'],
    ['DOB 3 mei', '3 mei'],
    ['zoon geb. 01-02-2020', '01-02-2020'],
  ])('flags the date after a birth keyword in %j', (text, found) => {
    expect(onlyHit(text)).toEqual({ kind: 'geboortedatum', found });
  });

  it.each(['12-03-1985', '12/3/1985', '12 maart 1985', '1985-03-12'])(
    'flags the old full date %s without keyword',
    (date) => {
      expect(onlyHit(`vader ${date} heeft schulden`)).toEqual({
        kind: 'geboortedatum',
        found: date,
      });
    },
  );

  it('does not flag a recent full date or a date without year and keyword', () => {
    for (const text of [
      'overleg op 12-03-2024',
      'deadline 12 maart 2025',
      'afspraak 2025-06-03',
      'op 12 maart',
      'sinds 12-03-85',
    ]) {
      expect(findPersonalData(text, NOW)).toEqual([]);
    }
  });

  it('uses the 12-year line relative to now', () => {
    expect(onlyHit('datum 01-06-2013', NOW)?.kind).toBe('geboortedatum');
    expect(findPersonalData('datum 02-06-2013', NOW)).toEqual([]);
    expect(findPersonalData('datum 01-06-2013', new Date('2020-01-01T00:00:00Z'))).toEqual([]);
  });

  it('does not flag impossible dates', () => {
    expect(findPersonalData('geb. 31-04-1985', NOW)).toEqual([]);
    expect(findPersonalData('29-02-1985', NOW)).toEqual([]);
  });
});

describe('findPersonalData: things that are not personal data', () => {
  it.each([
    '€ 1.250,00',
    '€33',
    '€ 12.50',
    '33 euro',
    'EUR 33',
    'hh 12',
    'huishouden HH-12',
    'hh12',
    'ja #12',
    'om 14:05',
    '12 34 567',
    'grofvuil €33 voor huishouden HH-12',
    '€ 75,00 pinpas leefgeld hh 7',
    '/aanvraag 120,50 huurachterstand huishouden 3',
    'ja 👍 akkoord',
  ])('does not flag %j', (text) => {
    expect(findPersonalData(text, NOW)).toEqual([]);
  });
});

describe('findPersonalData: result shape and limits', () => {
  it('returns hits sorted by index and without overlap', () => {
    const text =
      'bel 0612345678 of mail jan@example.com, BSN 123456782, NL91 ABNA 0417 1643 00, ' +
      'Hoofdstraat 12, 7551 AB, geb. 12-03-1985';
    const hits = findPersonalData(text, NOW);
    expect(hits.map((h) => h.kind)).toEqual([
      'telefoon',
      'email',
      'bsn',
      'iban',
      'postcode',
      'geboortedatum',
    ]);
    assertSortedAndDisjoint(hits);
  });

  it('keeps hits sorted and disjoint for any mix of fragments', () => {
    const fragment = fc.constantFrom(
      '0612345678',
      '+31 6 12345678',
      '123456782',
      'NL91ABNA0417164300',
      'jan@example.com',
      '7551 AB 12',
      'geb. 12-03-1985',
      '€ 1.250,00',
      'hh 12',
      '14:05',
      'tekst',
      '12',
      ',',
    );
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 12 }),
        fc.constantFrom(' ', '', ', '),
        (parts, sep) => {
          const hits = findPersonalData(parts.join(sep), NOW);
          assertSortedAndDisjoint(hits);
        },
      ),
    );
  });

  it('only scans the first MAX_PRIVACY_CHARS characters', () => {
    const filler = 'a'.repeat(MAX_PRIVACY_CHARS);
    expect(findPersonalData(`${filler} 0612345678`, NOW)).toEqual([]);
    const before = 'a'.repeat(MAX_PRIVACY_CHARS - 20);
    expect(findPersonalData(`${before} 0612345678`, NOW)).toEqual([
      { kind: 'telefoon', index: before.length + 1, length: 10 },
    ]);
  });

  it('never throws on emoji, lone surrogates, control characters or a 1 MB line', () => {
    const weird = fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 200,
    });
    fc.assert(
      fc.property(weird, fc.string({ unit: 'binary', maxLength: 200 }), (a, b) => {
        const text = `${a} 0612345678 ${b}`;
        expect(() => findPersonalData(text, NOW)).not.toThrow();
        expect(() => maskPersonalData(text, NOW)).not.toThrow();
      }),
    );
    const line = '😀\uD800 06-12345678 7551 AB 12 '.repeat(40_000);
    expect(line.length).toBeGreaterThan(1_000_000);
    expect(() => findPersonalData(line, NOW)).not.toThrow();
    expect(maskPersonalData(line, NOW).kinds).toEqual(['telefoon', 'postcode']);
    expect(findPersonalData('geb. 12-03-1985', new Date(Number.NaN))).toHaveLength(1);
  });
});

function assertSortedAndDisjoint(hits: PersonalDataHit[]): void {
  for (let i = 1; i < hits.length; i++) {
    const prev = hits[i - 1];
    const cur = hits[i];
    if (prev === undefined || cur === undefined) continue;
    expect(cur.index).toBeGreaterThanOrEqual(prev.index + prev.length);
  }
}

describe('maskPersonalData', () => {
  it('replaces each kind by its placeholder and lists kinds in order of first appearance', () => {
    const text =
      'Bel 06-12345678 of 020-1234567, mail jan@example.com, bsn 1234.56.782, ' +
      'iban NL91 ABNA 0417 1643 00, 7551 AB 12, geb. 12 maart 1985.';
    expect(maskPersonalData(text, NOW)).toEqual({
      text:
        'Bel [telefoon] of [telefoon], mail [e-mail], bsn [BSN], ' +
        'iban [IBAN], [adres], geb. [geboortedatum].',
      kinds: ['telefoon', 'email', 'bsn', 'iban', 'postcode', 'geboortedatum'],
    });
  });

  it('leaves a normal request untouched', () => {
    const text = 'grofvuil €33 voor huishouden HH-12';
    expect(maskPersonalData(text, NOW)).toEqual({ text, kinds: [] });
  });

  it('cuts off everything beyond MAX_PRIVACY_CHARS', () => {
    const text = 'x'.repeat(MAX_PRIVACY_CHARS - 5) + ' 0612345678 en nog veel meer';
    const masked = maskPersonalData(text, NOW);
    expect(masked.text).toBe('x'.repeat(MAX_PRIVACY_CHARS - 5) + ' 0612');
    expect(masked.text).not.toContain('0612345678');
    expect(masked.kinds).toEqual([]);
  });

  it('never stores a planted phone number, BSN or IBAN', () => {
    const secret = fc.constantFrom(
      '0612345678',
      '123456782',
      'NL91ABNA0417164300',
      'jan@example.com',
    );
    const word = fc.stringMatching(/^[a-z€0-9#]{0,8}$/);
    fc.assert(
      fc.property(
        fc.array(word, { maxLength: 5 }),
        secret,
        fc.array(word, { maxLength: 5 }),
        (pre, s, post) => {
          const text = [...pre, s, ...post].join(' ');
          expect(maskPersonalData(text, NOW).text).not.toContain(s);
        },
      ),
    );
  });
});

describe('describeKinds', () => {
  it('names one, two and three kinds in Dutch', () => {
    expect(describeKinds(['geboortedatum'])).toBe('een geboortedatum');
    expect(describeKinds(['bsn', 'telefoon'])).toBe('een BSN en een telefoonnummer');
    expect(describeKinds(['bsn', 'iban', 'email'])).toBe('een BSN, een IBAN en een e-mailadres');
  });

  it('calls a postcode an address, drops duplicates and gives an empty string for none', () => {
    expect(describeKinds(['postcode'])).toBe('een adres');
    expect(describeKinds(['telefoon', 'telefoon'])).toBe('een telefoonnummer');
    expect(describeKinds([])).toBe('');
  });
});

describe('PRIVACY_PATTERNS', () => {
  it('lists the patterns', () => {
    expect(PRIVACY_PATTERNS.length).toBeGreaterThan(5);
  });

  it.each(PRIVACY_PATTERNS.map((re) => [re.source, re] as const))(
    'is safe from ReDoS: %s',
    (_source, re) => {
      const result = isSafe(re);
      expect(result.error).toBeNull();
      expect(result.safe).toBe(true);
    },
  );

  it('has no nested quantifiers', () => {
    expect(hasNestedQuantifier('(?:a+)*')).toBe(true);
    expect(hasNestedQuantifier('(?: \\d{4})?')).toBe(true);
    expect(hasNestedQuantifier('(?:ab)?\\d{4}[a-z]+')).toBe(false);
    for (const re of PRIVACY_PATTERNS) expect(hasNestedQuantifier(re.source)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------
// Issue 7: invisible characters, more forms, names, control characters, descriptions.

describe('maskPersonalData: invisible characters and no-break spaces between the digits', () => {
  it.each([
    ['BSN 123\u200B456\u200B782', 'BSN [BSN]', 'bsn'],
    ['BSN 123\u00A0456\u00A0782', 'BSN [BSN]', 'bsn'],
    ['BSN 1234\u202F56\u202F782', 'BSN [BSN]', 'bsn'],
    ['BSN 12\u20603\uFEFF456\u200C782', 'BSN [BSN]', 'bsn'],
    ['bel 06\u200D12345678', 'bel [telefoon]', 'telefoon'],
    ['bel 06\u2007123\u2007456\u200778', 'bel [telefoon]', 'telefoon'],
    ['iban NL91\u00A0ABNA\u00A00417\u00A01643\u00A000', 'iban [IBAN]', 'iban'],
    ['iban NL91\u200BABNA0417\u200B164300', 'iban [IBAN]', 'iban'],
    ['mail jan\u200B@exa\u2060mple.nl', 'mail [e-mail]', 'email'],
    ['woont 7551\u00A0AB\u00A012', 'woont [adres]', 'postcode'],
    ['geb. 12\u200B-03-1985', 'geb. [geboortedatum]', 'geboortedatum'],
  ] as const)('masks %j', (text, masked, kind) => {
    expect(maskPersonalData(text, NOW)).toEqual({ text: masked, kinds: [kind] });
  });

  it('reports hits in the coordinates of the text as given', () => {
    const text = 'BSN 123\u200B456\u200B782!';
    expect(findPersonalData(text, NOW)).toEqual([{ kind: 'bsn', index: 4, length: 11 }]);
  });

  it('masks the text as given and leaves the rest of it alone (onMessage cleans it first)', () => {
    expect(maskPersonalData('BSN 123\u200B456\u200B782 \u200Bklaar', NOW)).toEqual({
      text: 'BSN [BSN] \u200Bklaar',
      kinds: ['bsn'],
    });
  });
});

describe('maskPersonalData: forms that were missed', () => {
  it.each([
    ['bsn123456782', 'bsn[BSN]', 'bsn'],
    ['BSN 1234 56 782', 'BSN [BSN]', 'bsn'],
    ['bsn: 123/456/782', 'bsn: [BSN]', 'bsn'],
    ['NL91-ABNA-0417-1643-00', '[IBAN]', 'iban'],
    ['NL 91 ABNA 0417 1643 00', '[IBAN]', 'iban'],
    ['iban NL91.ABNA.0417.1643.00.', 'iban [IBAN].', 'iban'],
    ['06.12.34.56.78', '[telefoon]', 'telefoon'],
    ['06/12345678', '[telefoon]', 'telefoon'],
    ['06\u201112345678', '[telefoon]', 'telefoon'],
    ['06\u201012345678', '[telefoon]', 'telefoon'],
    ['06\u201312345678', '[telefoon]', 'telefoon'],
    ['06\u221212345678', '[telefoon]', 'telefoon'],
    ['06 - 12 34 56 78', '[telefoon]', 'telefoon'],
    ['tel.0612345678', 'tel.[telefoon]', 'telefoon'],
    ['+31\u20116\u201112345678', '[telefoon]', 'telefoon'],
    ['geb 01021980', 'geb [geboortedatum]', 'geboortedatum'],
    ['geb 010280', 'geb [geboortedatum]', 'geboortedatum'],
    ['DOB 1980 02 01', 'DOB [geboortedatum]', 'geboortedatum'],
    ['geb. 01 02 1980', 'geb. [geboortedatum]', 'geboortedatum'],
    ['geb.12-03-1985', 'geb.[geboortedatum]', 'geboortedatum'],
    ['geboren 01\u201102\u20111980', 'geboren [geboortedatum]', 'geboortedatum'],
    ['jöran@gmail.com', '[e-mail]', 'email'],
    ['mail Jöran.Ça@müller.de graag', 'mail [e-mail] graag', 'email'],
    ['hh 1234 AB 12', 'hh [adres]', 'postcode'],
    ['huishouden 1234AB 12a', 'huishouden [adres]', 'postcode'],
  ] as const)('masks %j', (text, masked, kind) => {
    expect(maskPersonalData(text, NOW)).toEqual({ text: masked, kinds: [kind] });
  });

  it('still reads a date with an en dash in a numeric range as no personal data', () => {
    expect(maskPersonalData('open van 9\u201317 uur', NOW)).toEqual({
      text: 'open van 9\u201317 uur',
      kinds: [],
    });
  });
});

describe('maskPersonalData: a name with a form of address', () => {
  it.each([
    ['leefgeld voor mevrouw De Vries', 'leefgeld voor mevrouw [naam]'],
    ['pinpas dhr. Jansen hh 4', 'pinpas dhr. [naam] hh 4'],
    ['fam. El Idrissi, hh 3', 'fam. [naam], hh 3'],
    ['meneer Yılmaz belde', 'meneer [naam] belde'],
    ['Mevr. van der Berg-Smit', 'Mevr. [naam]'],
    ['mw. A.B. de Wit heeft', 'mw. [naam] heeft'],
    ['mr. Bakker', 'mr. [naam]'],
    ['mijnheer Öztürk', 'mijnheer [naam]'],
    ['familie Van den Heuvel komt', 'familie [naam] komt'],
    ['de heer Ali Hassan', 'de heer [naam]'],
    ['mevrouw D\u2019Souza', 'mevrouw [naam]'],
    ['mevrouw Jan\u200Bsen', 'mevrouw [naam]'],
  ])('masks the name in %j', (text, masked) => {
    expect(maskPersonalData(text, NOW)).toEqual({ text: masked, kinds: ['naam'] });
  });

  it.each([
    'pinpas €75 hh 7 voor mevrouw, graag',
    'meneer de voorzitter heeft gelijk',
    'de heer des huizes',
    'mevrouw van de buren',
    'Voor de familie: fijne dag',
    'remr. Jansen',
  ])('does not flag %j', (text) => {
    expect(findPersonalData(text, NOW)).toEqual([]);
  });

  it('calls it a name in the warning', () => {
    expect(describeKinds(['naam'])).toBe('een naam');
    expect(describeKinds(['bsn', 'naam'])).toBe('een BSN en een naam');
  });
});

describe('maskPersonalData: control characters', () => {
  it('masks what cleanText leaves, and leaves the text as given when there is nothing to mask', () => {
    const text = 'grof\u0000vuil\u0007 €33\u001B[31m hh\u0085 12\u009B\r\nregel 2\tklaar\u007F';
    expect(maskPersonalData(cleanText(text), NOW)).toEqual({
      text: 'grofvuil €33[31m hh 12\nregel 2\tklaar',
      kinds: [],
    });
    expect(maskPersonalData(text, NOW)).toEqual({ text, kinds: [] });
    expect(maskPersonalData(cleanText('bel\u0000 06\u200B12345678\u0085'), NOW)).toEqual({
      text: 'bel [telefoon]',
      kinds: ['telefoon'],
    });
  });

  it('finds a phone number hidden by control characters', () => {
    expect(maskPersonalData('bel 06\u000012345678', NOW)).toEqual({
      text: 'bel [telefoon]',
      kinds: ['telefoon'],
    });
  });
});

describe('parseMessage on masked text: descriptions and the name hint', () => {
  const description = (text: string): string | undefined => {
    const parsed = parseMessage(text);
    return parsed.kind === 'request' ? parsed.description : undefined;
  };

  it('keeps a mask whole and brackets balanced at the edges of a description', () => {
    expect(description('boodschappen €20 hh 4, BSN [BSN]')).toBe('boodschappen BSN [BSN]');
    expect(description('boodschappen €20 hh 4 (week 3)')).toBe('boodschappen (week 3)');
    expect(description('[BSN] boodschappen €20 hh 4')).toBe('[BSN] boodschappen');
    expect(description('(week 3) boodschappen €20 hh 4')).toBe('(week 3) boodschappen');
    expect(description('boodschappen €20 hh 4 (week 3')).toBe('boodschappen (week 3');
    expect(description('boodschappen) €20 hh 4 [x]]')).toBe('boodschappen) [x]');
    expect(description('boodschappen €20 hh 4, mevrouw [naam].')).toBe(
      'boodschappen mevrouw [naam]',
    );
  });

  it('never cuts a mask in half when a long description is shortened', () => {
    for (let n = 180; n < 200; n++) {
      const text = `${'x'.repeat(n)} [geboortedatum] €20 hh 4`;
      const d = description(text) ?? '';
      expect(d.length).toBeLessThanOrEqual(200);
      expect(d.split('[').length).toBe(d.split(']').length);
    }
  });

  it('reads the text cleaned the same way as the privacy mask', () => {
    expect(description('grof\u0000vuil\u0085 €33 hh 12\u200B')).toBe('grofvuil');
    expect(description('grofvuil\u00A0€33\u2007hh\u202F12')).toBe('grofvuil');
  });

  it('asks for a household code when an amount comes with a name instead', () => {
    const name = { kind: 'request-problem', problem: 'household-is-name', amountCents: 5000 };
    expect(parseMessage('leefgeld 50 euro voor mevrouw Jansen')).toEqual(name);
    expect(parseMessage('leefgeld 50 euro voor mevrouw [naam]')).toEqual(name);
    expect(parseMessage('huishouden mevrouw [naam] €50')).toEqual(name);
    expect(parseMessage('€50 leefgeld voor dhr. [naam], huishouden')).toEqual(name);
    expect(parseMessage('grofvuil €33 hh [adres]')).toEqual({
      kind: 'request-problem',
      problem: 'no-household',
      amountCents: 3300,
    });
    expect(parseMessage('mevrouw [naam] belde, ze komt morgen')).toEqual({ kind: 'chatter' });
  });
});

describe('findPersonalData: an address right after an amount', () => {
  it.each([
    ['45 euro 1000AA1', '45 euro [adres]'],
    ['15€ 7551 AB 12', '15€ [adres]'],
    ['€ 8,- 12 7551 AB', '€ 8,- [adres]'],
  ])('masks the address after the unit of an amount in %j', (text, masked) => {
    expect(maskPersonalData(text, NOW)).toEqual({ text: masked, kinds: ['postcode'] });
  });

  it('still reads a number right after € or EUR as money', () => {
    expect(findPersonalData('EUR 1250 HH-12', NOW)).toEqual([]);
    expect(findPersonalData('€ 1250 AB 12', NOW)).toEqual([]);
  });
});

describe('findPersonalData: what the property test found', () => {
  it('does not read words and numbers as an IBAN by chance', () => {
    // Both pass mod-97 when read as one IBAN; `HH` and `OP` are no IBAN countries.
    const dob = (text: string) => findPersonalData(text, NOW).map((h) => h.kind);
    expect(dob('hh12 geb 12 - 01 - 1974 huur')).toEqual(['geboortedatum']);
    expect(dob('geboren op 26122003 via 2s.mojz')).toEqual(['geboortedatum']);
  });

  it('warns about every kind when two pieces of personal data touch', () => {
    // The part of a later hit that sticks out of an earlier one is a hit of its own.
    expect(maskPersonalData('BSN 00 - 000 - 3001 DE36 0000 0000 0000 0000 00', NOW)).toEqual({
      text: 'BSN [BSN] [adres] [IBAN]',
      kinds: ['bsn', 'postcode', 'iban'],
    });
    expect(maskPersonalData('fam. Ali Ahmed@gmail.com', NOW)).toEqual({
      text: 'fam. [naam][e-mail]',
      kinds: ['naam', 'email'],
    });
    const hits = findPersonalData('fam. Ali Ahmed@gmail.com', NOW);
    expect(hits).toEqual([
      { kind: 'naam', index: 5, length: 9 },
      { kind: 'email', index: 14, length: 10 },
    ]);
  });

  it('does not count a hit inside a longer one as a second kind', () => {
    // `74 1234567` passes the eleven-check, but it is part of the phone number.
    expect(maskPersonalData('+31 74 1234567', NOW)).toEqual({
      text: '[telefoon]',
      kinds: ['telefoon'],
    });
  });

  it('does not read a date of birth and the amount after it as a phone number', () => {
    expect(maskPersonalData('geb 01011930 45 euro hh 4', NOW)).toEqual({
      text: 'geb [geboortedatum] 45 euro hh 4',
      kinds: ['geboortedatum'],
    });
  });

  it('ends a name before a street name with a house number', () => {
    expect(maskPersonalData('mevrouw Jansen Dorpsstraat 1 1000 AA', NOW)).toEqual({
      text: 'mevrouw [naam] [adres]',
      kinds: ['naam', 'postcode'],
    });
  });
});
