import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, cleanTextWithOffsets } from '../src/text/clean-text.ts';

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

  it('is idempotent, never grows, and its offsets point back at the original', () => {
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
      ),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const cleaned = cleanText(text);
        expect(cleanText(cleaned)).toBe(cleaned);
        expect(cleaned.length).toBeLessThanOrEqual(text.length);
        const { text: same, offsets } = cleanTextWithOffsets(text);
        expect(same).toBe(cleaned);
        expect(offsets).toHaveLength(cleaned.length + 1);
        expect(offsets[cleaned.length]).toBe(text.length);
        for (let i = 0; i < cleaned.length; i++) {
          const from = text[offsets[i]!];
          const ch = cleaned[i];
          expect(from === ch || ch === ' ' || ch === '\n').toBe(true);
          if (i > 0) expect(offsets[i]!).toBeGreaterThan(offsets[i - 1]!);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, also not on a string that is not one', () => {
    expect(cleanText(undefined as unknown as string)).toBe('');
    expect(cleanTextWithOffsets(42 as unknown as string)).toEqual({ text: '', offsets: [0] });
    expect(cleanText('\uD800x\uDFFF')).toBe('\uD800x\uDFFF');
  });
});
