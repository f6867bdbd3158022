import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, cleanTextWithOffsets } from '../../src/text/clean-text.ts';

describe('cleanText', () => {
  it.each([
    [
      'zero-width space, (non-)joiner, word joiner, BOM',
      '1\u200B2\u200C3\u200D4\u20605\uFEFF6',
      '123456',
    ],
    ['soft hyphen and bidi marks', 'NL\u00AD91\u200E\u200F\u202A\u202E\u2066\u2069', 'NL91'],
    ['invisible operators, Arabic letter mark, CGJ', 'a\u2061\u2064\u061C\u034Fb', 'ab'],
    [
      'C0 controls, DEL and C1 controls',
      'a\u0000\u0007\u000B\u000C\u001B\u007F\u0085\u009Fb',
      'ab',
    ],
  ])('removes %s', (_what, text, cleaned) => {
    expect(cleanText(text)).toBe(cleaned);
  });

  it('reads every kind of space as a plain space and every line break as \\n', () => {
    expect(cleanText('a\u00A0b\u2007c\u202Fd\u2002e\u205Ff\u3000g\u1680h')).toBe('a b c d e f g h');
    expect(cleanText('a\r\nb\rc\u2028d\u2029e\nf\tg')).toBe('a\nb\nc\nd\ne\nf\tg');
  });

  it('keeps a zero-width joiner that glues emoji together', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(cleanText(`gezin ${family} hh 4`)).toBe(`gezin ${family} hh 4`);
    expect(cleanText('❤\uFE0F\u200D🔥')).toBe('❤\uFE0F\u200D🔥');
  });

  it('returns ordinary text as it is', () => {
    const text = 'grofvuil €33 voor huishouden HH-12 👍🏽 café';
    expect(cleanText(text)).toBe(text);
  });

  it('is idempotent, and its offsets and ends point back at the original', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        '\u200B',
        '\u00A0',
        '\r',
        '\n',
        '\r\n',
        '\u0000',
        '\u0085',
        '\u200D',
        '👍',
        'a',
        '1',
        ' ',
        '４',
        '٣',
        '𝟗',
        '7\uFE0F\u20E3',
        '½',
        'ｈ',
        '\u20E3',
        '🄀',
      ),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const cleaned = cleanText(text);
        expect(cleanText(cleaned)).toBe(cleaned);
        const { text: same, offsets, ends } = cleanTextWithOffsets(text);
        expect(same).toBe(cleaned);
        expect(offsets).toHaveLength(cleaned.length + 1);
        expect(ends).toHaveLength(cleaned.length);
        expect(offsets[cleaned.length]).toBe(text.length);
        for (let i = 0; i < cleaned.length; i++) {
          expect(ends[i]!).toBeGreaterThan(offsets[i]!);
          expect(ends[i]!).toBeLessThanOrEqual(text.length);
          if (i > 0) expect(offsets[i]!).toBeGreaterThanOrEqual(offsets[i - 1]!);
          // The next character comes from after this one's source, or from the same source
          // character read as several (🄀 is `0.`).
          if (i > 0 && offsets[i] !== offsets[i - 1])
            expect(offsets[i]!).toBeGreaterThanOrEqual(ends[i - 1]!);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the digits of every script as ASCII digits (rule 2)', () => {
    expect(cleanText('hh ３４')).toBe('hh 34'); // full-width
    expect(cleanText('hh ٣٤')).toBe('hh 34'); // Arabic-Indic
    expect(cleanText('hh ۳۴')).toBe('hh 34'); // extended Arabic-Indic
    expect(cleanText('hh ३४')).toBe('hh 34'); // Devanagari
    expect(cleanText('hh 𝟑𝟒')).toBe('hh 34'); // mathematical bold
    expect(cleanText('hh 𝟹𝟺')).toBe('hh 34'); // mathematical monospace
    expect(cleanText('hh 3️⃣4️⃣')).toBe('hh 34'); // keycaps
    expect(cleanText('€ ７５,００')).toBe('€ 75,00');
  });

  it('reads every Unicode decimal digit as its value', () => {
    for (let cp = 0x80; cp <= 0x1ffff; cp++) {
      const char = String.fromCodePoint(cp);
      if (!/\p{Nd}/u.test(char)) continue;
      const value = Number(cleanText(char));
      expect(Number.isInteger(value) && value >= 0 && value <= 9).toBe(true);
      // Within one run of digits, the next code point is the next digit.
      const next = String.fromCodePoint(cp + 1);
      if (/\p{Nd}/u.test(next)) expect(cleanText(next)).toBe(String((value + 1) % 10));
    }
    expect(cleanText('\u0E53')).toBe('3'); // Thai three
  });

  it('reads other compatibility characters in their NFKC form, one at a time', () => {
    expect(cleanText('ｈｈ １２')).toBe('hh 12');
    expect(cleanText('① ²')).toBe('1 2');
    expect(cleanText('café 👍🏽 €')).toBe('café 👍🏽 €');
    const { text, offsets, ends } = cleanTextWithOffsets('a𝟑b');
    expect(text).toBe('a3b');
    expect(offsets).toEqual([0, 1, 3, 4]);
    expect(ends).toEqual([1, 3, 4]);
  });

  it('never throws, also not on a string that is not one', () => {
    expect(cleanText(undefined as unknown as string)).toBe('');
    expect(cleanTextWithOffsets(42 as unknown as string)).toEqual({
      text: '',
      offsets: [0],
      ends: [],
    });
    expect(cleanText('\uD800x\uDFFF')).toBe('\uD800x\uDFFF');
  });
});
