import { describe, expect, it } from 'vitest';
import { findHousehold, normalizeHousehold } from '../src/household.ts';

describe('normalizeHousehold', () => {
  it.each([
    ['HH-12', '12'],
    ['hh 12', '12'],
    ['hh12', '12'],
    ['12', '12'],
    ['huishouden HH-12'.slice('huishouden '.length), '12'],
    ['a.b-7', 'AB7'],
    ['12b', '12B'],
  ])('reads %s as household %s', (raw, code) => {
    expect(normalizeHousehold(raw)).toBe(code);
  });

  it.each(['', 'HH', '   ', 'Jansen', 'x'.repeat(30) + '1'])('refuses %j', (raw) => {
    expect(normalizeHousehold(raw)).toBeNull();
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

  it('finds nothing without a keyword, or with hh inside a word', () => {
    expect(findHousehold('grofvuil €33')).toBeNull();
    expect(findHousehold('schhh 12')).toBeNull();
  });
});
