import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  MAX_AMOUNT_CENTS,
  findAmount,
  findAmounts,
  formatCents,
  parseAmountArgument,
  readLeadingAmount,
} from '../../src/text/money.ts';

describe('findAmount', () => {
  it.each([
    ['€33', 3300],
    ['€ 33,50', 3350],
    ['33 euro', 3300],
    ['33 Euro', 3300],
    ['33euro', 3300],
    ['33 EUR', 3300],
    ['EUR 33', 3300],
    ['eur33', 3300],
    ['33€', 3300],
    ['33,-', 3300],
    ['33,--', 3300],
    ['33,—', 3300],
    ['€1.250', 125000],
    ['€ 1.250,00', 125000],
    ['€ 12.50', 1250],
    ['€12,5', 1250],
    ['€ 0,50', 50],
    ['€ 12.500', 1250000],
    ['€ 100.000', MAX_AMOUNT_CENTS],
    ['€\u00A075', 7500],
    ['€ 1.967,00', 196700],
  ])('reads %s as %i cents', (text, cents) => {
    expect(findAmount(text)).toEqual({ ok: true, cents, index: 0, length: text.length });
  });

  it('reports where the amount sits in the text', () => {
    expect(findAmount('grofvuil €33 voor huishouden HH-12')).toEqual({
      ok: true,
      cents: 3300,
      index: 9,
      length: 3,
    });
    expect(findAmount('kosten 33 euro, graag')).toEqual({
      ok: true,
      cents: 3300,
      index: 7,
      length: 7,
    });
  });

  it('leaves a sentence-ending dot or comma out of the amount', () => {
    expect(findAmount('dat was €12,50.')).toEqual({ ok: true, cents: 1250, index: 8, length: 6 });
    expect(findAmount('€33, voor hh 1')).toEqual({ ok: true, cents: 3300, index: 0, length: 3 });
  });

  it('returns the first amount that is marked as money', () => {
    expect(findAmount('hh 12 €33 en later €40')).toMatchObject({ ok: true, cents: 3300 });
    expect(findAmount('12 €33')).toMatchObject({ ok: true, cents: 3300, index: 3 });
  });

  it.each([
    'hh 12',
    'huishouden 12 heeft 3 kinderen',
    'bel me op 06-12345678',
    'om 12.30 uur',
    '33 eu',
    '33 eurocent',
    'de € is gestegen',
    'hh12 euro',
    '#12 euro',
    '',
  ])('finds no amount in %j', (text) => {
    expect(findAmount(text)).toBeNull();
  });

  it.each([
    ['€0', 'zero'],
    ['€ 0,00', 'zero'],
    ['0 euro', 'zero'],
    ['€-33', 'negative'],
    ['€ -33', 'negative'],
    ['€1,250', 'unreadable'],
    ['€ 1.2345', 'unreadable'],
    ['€ 1.250.5', 'unreadable'],
    ['€ 1,250.00', 'unreadable'],
    ['€ 100.000,01', 'too-large'],
    ['€ 1.000.000', 'too-large'],
    ['€ 1234567890', 'too-large'],
  ] as const)('marks %s as %s', (text, problem) => {
    expect(findAmount(text)).toEqual({ ok: false, problem, index: 0, length: text.length });
  });

  it('reads € followed by 400 digits as too-large', () => {
    const text = `€ ${'9'.repeat(400)} hh 12`;
    expect(findAmount(text)).toEqual({ ok: false, problem: 'too-large', index: 0, length: 402 });
  });

  it('reads a huge run of digits and markers without trouble', () => {
    expect(findAmount('9'.repeat(200_000))).toBeNull();
    expect(findAmount('€'.repeat(200_000))).toBeNull();
    expect(findAmount('1.'.repeat(100_000) + '1 euro')).toMatchObject({
      ok: false,
      problem: 'unreadable',
    });
  });
});

describe('findAmount: what it cannot read with certainty (docs/rules.md rule 2)', () => {
  it.each([
    ['-€20', 0, 4],
    ['−€20', 0, 4],
    ['− €20', 0, 5],
    ['−€ 20', 0, 5],
    ['-EUR 20', 0, 7],
    ['hh 5 -€20 terug', 5, 4],
    ['-20 euro', 0, 8],
    ['−20€', 0, 4],
    ['− 20 euro', 0, 9],
    ['-20,-', 0, 5],
  ])('marks the minus sign in %j as negative', (text, index, length) => {
    expect(findAmount(text)).toEqual({ ok: false, problem: 'negative', index, length });
  });

  it.each([
    ['grofvuil - €33 - hh 12', 3300],
    ['grofvuil – €33 hh 12', 3300],
    ['HH-12: €30 gas en licht', 3000],
  ])('reads a dash with a space after it as a separator in %j', (text, cents) => {
    expect(findAmount(text)).toMatchObject({ ok: true, cents });
  });

  it.each([
    ['€1 250', 0, 6],
    ['€12 50', 0, 6],
    ['€ 1 250', 0, 7],
    ['€ 1 250,00', 0, 10],
    ['€ 100 000', 0, 9],
    ['grofvuil €1 250 hh 12', 9, 6],
    ['€1e3', 0, 4],
    ['€ 20k', 0, 5],
    ['€33x2', 0, 5],
    ['€ 20-30', 0, 7],
    ['1 250 euro', 0, 10],
    ['12 50 euro', 0, 10],
    ['20-30 euro', 0, 10],
  ])('marks %j as ambiguous-amount', (text, index, length) => {
    expect(findAmount(text)).toEqual({ ok: false, problem: 'ambiguous-amount', index, length });
  });

  it.each([
    ['€12,50 3 stuks', 1250],
    ['€33 hh 12', 3300],
    ['€33\n2 zakken', 3300],
    ['€ 33 euro 2 zakken', 3300],
    ['€33,- 2 zakken', 3300],
    ['€33. 2 zakken', 3300],
  ])('still reads %j: the number ends for certain', (text, cents) => {
    expect(findAmount(text)).toMatchObject({ ok: true, cents });
  });

  it('does not take the digits of a household code for part of the amount', () => {
    const text = 'hh 12 50 euro';
    expect(findAmount(text)).toMatchObject({ ok: false, problem: 'ambiguous-amount' });
    expect(findAmounts(text, [{ index: 0, length: 5 }])).toEqual([
      { ok: true, cents: 5000, index: 6, length: 7 },
    ]);
  });
});

describe('findAmounts', () => {
  it('finds every amount marked as money, in order', () => {
    expect(findAmounts('€ 20 en € 30 hh 12')).toEqual([
      { ok: true, cents: 2000, index: 0, length: 4 },
      { ok: true, cents: 3000, index: 8, length: 4 },
    ]);
    expect(findAmounts('hh 12 €33 en later 40 euro en €-5')).toMatchObject([
      { ok: true, cents: 3300 },
      { ok: true, cents: 4000 },
      { ok: false, problem: 'negative' },
    ]);
  });

  it('does not take part of an earlier amount for a sign or a first part', () => {
    expect(findAmounts('€12,50 3 euro')).toEqual([
      { ok: true, cents: 1250, index: 0, length: 6 },
      { ok: true, cents: 300, index: 7, length: 6 },
    ]);
    expect(findAmounts('€33,--20 euro')).toEqual([
      { ok: true, cents: 3300, index: 0, length: 6 },
      { ok: true, cents: 2000, index: 6, length: 7 },
    ]);
  });

  it('finds nothing where findAmount finds nothing', () => {
    expect(findAmounts('hh 12 is verhuisd')).toEqual([]);
    expect(findAmounts('12 €33')).toEqual([{ ok: true, cents: 3300, index: 3, length: 3 }]);
  });

  it('stays linear on long hostile runs', () => {
    expect(findAmounts('€1 '.repeat(50_000)).length).toBeGreaterThan(0);
    expect(findAmounts('1 '.repeat(100_000) + '1 euro')).toMatchObject([
      { ok: false, problem: 'ambiguous-amount' },
    ]);
  });
});

describe('readLeadingAmount', () => {
  it.each([
    ['500', 50000, ''],
    ['€ 500,00 extra van de wijkraad', 50000, 'extra van de wijkraad'],
    ['€ 28,50 echte kosten', 2850, 'echte kosten'],
    ['28 euro echte kosten', 2800, 'echte kosten'],
    ['EUR 28', 2800, ''],
    ['euro 28', 2800, ''],
    ['28,- bon 2026', 2800, 'bon 2026'],
    ['28 euro 2 bonnen', 2800, '2 bonnen'],
    ['12,50 3 bonnen', 1250, '3 bonnen'],
    ['€ 1.967,00', 196700, ''],
  ])('reads %j', (args, cents, rest) => {
    expect(readLeadingAmount(args)).toEqual({ ok: true, cents, rest });
  });

  it.each([
    ['€ 1 250', 'ambiguous-amount'],
    ['1 250', 'ambiguous-amount'],
    ['12 50 extra', 'ambiguous-amount'],
    ['€ 20k', 'ambiguous-amount'],
    ['1e3', 'ambiguous-amount'],
    ['20-30', 'ambiguous-amount'],
    ['-50', 'negative'],
    ['-€ 50', 'negative'],
    ['− 50', 'negative'],
    ['€ -50', 'negative'],
    ['veel', 'unreadable'],
    ['€', 'unreadable'],
    ['1,250', 'unreadable'],
    ['500!', 'unreadable'],
    ['0', 'zero'],
    ['€ 99999999', 'too-large'],
    ['9'.repeat(400), 'too-large'],
  ] as const)('refuses %j as %s', (args, problem) => {
    expect(readLeadingAmount(args)).toEqual({ ok: false, problem });
  });
});

describe('parseAmountArgument', () => {
  it.each([
    ['500', 50000],
    ['120,50', 12050],
    ['1.250', 125000],
    ['12.50', 1250],
    ['12,5', 1250],
    ['€ 28', 2800],
    ['€28', 2800],
    ['28 euro', 2800],
    ['28,-', 2800],
    ['EUR 28', 2800],
    ['  33  ', 3300],
    ['€ 1.967,00', 196700],
    ['€\u00A01.967,00', 196700],
  ])('reads %j as %i cents', (token, cents) => {
    expect(parseAmountArgument(token)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', 'unreadable'],
    ['abc', 'unreadable'],
    ['12b', 'unreadable'],
    ['12 28,00', 'unreadable'],
    ['-7', 'negative'],
    ['-€ 7,00', 'negative'],
    ['−€20', 'negative'],
    ['1,250', 'unreadable'],
    ['€', 'unreadable'],
    ['0', 'zero'],
    ['0,00', 'zero'],
    ['100.000,01', 'too-large'],
    ['9'.repeat(400), 'too-large'],
  ] as const)('refuses %j as %s', (token, problem) => {
    expect(parseAmountArgument(token)).toEqual({ ok: false, problem });
  });
});

describe('formatCents', () => {
  it.each([
    [196700, '€ 1.967,00'],
    [3300, '€ 33,00'],
    [-700, '-€ 7,00'],
    [0, '€ 0,00'],
    [-0, '€ 0,00'],
    [5, '€ 0,05'],
    [99, '€ 0,99'],
    [100000, '€ 1.000,00'],
    [123456789, '€ 1.234.567,89'],
    [-123456789, '-€ 1.234.567,89'],
    [MAX_AMOUNT_CENTS, '€ 100.000,00'],
  ])('formats %i cents as %j', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it('uses a plain space, not a no-break space', () => {
    expect(formatCents(3300)).not.toContain('\u00A0');
  });

  it('refuses amounts that are not integer cents', () => {
    expect(() => formatCents(12.5)).toThrow(RangeError);
    expect(() => formatCents(Number.NaN)).toThrow(RangeError);
  });
});

describe('round trip', () => {
  const cents = fc.integer({ min: 0, max: MAX_AMOUNT_CENTS });

  it('parseAmountArgument reads back every amount formatCents writes', () => {
    fc.assert(
      fc.property(cents, (c) => {
        const parsed = parseAmountArgument(formatCents(c));
        expect(parsed).toEqual(c === 0 ? { ok: false, problem: 'zero' } : { ok: true, cents: c });
      }),
      { numRuns: 5000 },
    );
  });

  it('findAmount finds every formatted amount inside a sentence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_CENTS }), (c) => {
        const text = formatCents(c);
        expect(findAmount(`kosten ${text} voor hh 3.`)).toEqual({
          ok: true,
          cents: c,
          index: 7,
          length: text.length,
        });
      }),
      { numRuns: 2000 },
    );
  });
});
