import { describe, expect, it } from 'vitest';
import {
  findHousehold,
  findHouseholds,
  normalizeHousehold,
  readHouseholdCode,
} from '../../src/text/household.ts';

describe('normalizeHousehold', () => {
  it.each([
    ['HH-12', '12'],
    ['hh 12', '12'],
    ['hh12', '12'],
    ['12', '12'],
    ['huishouden HH-12'.slice('huishouden '.length), '12'],
    ['a.b-7', 'AB7'],
    ['12b', '12B'],
    ['01', '1'],
    ['012', '12'],
    ['HH-012', '12'],
    ['hh 0012b', '12B'],
    ['0', '0'],
    ['000', '0'],
    ['00a', '0A'],
    ['A012', 'A012'],
  ])('reads %s as household %s', (raw, code) => {
    expect(normalizeHousehold(raw)).toBe(code);
  });

  it.each(['', 'HH', '   ', 'Jansen', 'x'.repeat(30) + '1', '12.0', 'HH-1.5'])(
    'refuses %j',
    (raw) => {
      expect(normalizeHousehold(raw)).toBeNull();
    },
  );
});

describe('readHouseholdCode', () => {
  it('reads a code the way requests store it', () => {
    expect(readHouseholdCode(' hh 012 ')).toEqual({ ok: true, code: '12' });
  });

  it('does not guess what a dot between digits means (12.0: 12 or 120?)', () => {
    expect(readHouseholdCode('12.0')).toEqual({ ok: false, problem: 'ambiguous-code' });
    expect(readHouseholdCode('hh 1.250')).toEqual({ ok: false, problem: 'ambiguous-code' });
    expect(readHouseholdCode('a.b-7')).toEqual({ ok: true, code: 'AB7' });
  });

  it('says when there is no code at all', () => {
    expect(readHouseholdCode('Jansen')).toEqual({ ok: false, problem: 'not-a-code' });
  });
});

describe('findHousehold', () => {
  it('finds the code after huishouden, hh or gezin', () => {
    expect(findHousehold('grofvuil €33 voor huishouden HH-12')).toMatchObject({
      ok: true,
      code: '12',
    });
    expect(findHousehold('pinpas hh 7')).toMatchObject({ ok: true, code: '7' });
    expect(findHousehold('gezin nr. 4 heeft hulp nodig')).toMatchObject({ ok: true, code: '4' });
    expect(findHousehold('huishoudelijke hulp €40 hh 3')).toMatchObject({ ok: true, code: '3' });
  });

  it('says a capitalised word after the keyword looks like a name', () => {
    expect(findHousehold('€33 voor gezin Jansen')).toMatchObject({
      ok: false,
      problem: 'looks-like-name',
    });
  });

  it('says the code is missing after the keyword', () => {
    expect(findHousehold('€75 voor gezin met drie kinderen')).toMatchObject({
      ok: false,
      problem: 'missing-code',
    });
  });

  it('compares codes without leading zeros', () => {
    expect(findHousehold('€33 hh 01')).toMatchObject({ ok: true, code: '1', raw: '01' });
    expect(findHousehold('€33 huishouden HH-012')).toMatchObject({ ok: true, code: '12' });
  });

  it('does not read hh 12.0 as household 120', () => {
    expect(findHousehold('€ 20 hh 12.0')).toEqual({
      ok: false,
      problem: 'ambiguous-code',
      index: 5,
      length: 7,
    });
    expect(findHousehold('€ 20 hh 12. Dank!')).toMatchObject({ ok: true, code: '12' });
  });

  it('finds nothing without a keyword, or with hh inside a word', () => {
    expect(findHousehold('grofvuil €33')).toBeNull();
    expect(findHousehold('schhh 12')).toBeNull();
  });
});

describe('findHouseholds', () => {
  it('finds every household named, in order', () => {
    expect(findHouseholds('€ 20 hh 12 en € 300 hh 13')).toEqual([
      { ok: true, code: '12', raw: '12', index: 5, length: 5 },
      { ok: true, code: '13', raw: '13', index: 20, length: 5 },
    ]);
    expect(findHouseholds('gezin Jansen, hh 7 en hh 7.5')).toMatchObject([
      { ok: false, problem: 'looks-like-name' },
      { ok: true, code: '7' },
      { ok: false, problem: 'ambiguous-code' },
    ]);
  });

  it('reads a keyword inside a code as part of it, and one after a keyword without a code on its own', () => {
    expect(findHouseholds('€33 huishouden HH-12')).toMatchObject([{ ok: true, code: '12' }]);
    expect(findHouseholds('€33 huishouden hh 7')).toMatchObject([
      { ok: false, problem: 'missing-code' },
      { ok: true, code: '7' },
    ]);
  });

  it('finds nothing without a keyword', () => {
    expect(findHouseholds('grofvuil €33')).toEqual([]);
  });
});
