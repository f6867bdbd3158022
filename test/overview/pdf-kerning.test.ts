import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fasterKerning, useKerningTable } from '../../src/overview/pdf-kerning.ts';

interface Afm {
  kernPairs: Record<string, number>;
  glyphWidths: Record<string, number>;
  getKernPair(left: string, right: string): number;
}

/** pdfkit's own AFM font object for a standard font, untouched. */
function afm(name: string): Afm {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.font(name);
  return (doc as unknown as { _font: { font: Afm } })._font.font;
}

describe('the kerning table for the PDF export', () => {
  for (const name of ['Helvetica', 'Helvetica-Bold']) {
    it(`gives every pair of ${name} the same kerning as pdfkit's own lookup`, () => {
      const original = afm(name);
      const tabled = afm(name);
      expect(useKerningTable(tabled)).toBe(true);
      const glyphs = Object.keys(original.glyphWidths);
      expect(glyphs.length).toBeGreaterThan(200);
      let kerned = 0;
      for (const left of glyphs) {
        for (const right of [...glyphs, undefined as unknown as string]) {
          const expected = original.getKernPair(left, right);
          if (expected !== 0) kerned += 1;
          if (tabled.getKernPair(left, right) !== expected) {
            expect([left, right, tabled.getKernPair(left, right)]).toEqual([left, right, expected]);
          }
        }
      }
      expect(kerned).toBe(Object.keys(original.kernPairs).length);
    });
  }

  it('leaves a font of another shape alone', () => {
    expect(useKerningTable({})).toBe(false);
    expect(useKerningTable(null)).toBe(false);
    expect(useKerningTable({ kernPairs: { AV: -70 }, getKernPair: () => 0 })).toBe(false);
  });

  it('makes Helvetica-Bold the second font of the document, as its first use would', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    fasterKerning(doc);
    const fonts = doc as unknown as { _font: { id: string; name: string } };
    expect([fonts._font.id, fonts._font.name]).toEqual(['F1', 'Helvetica']);
    doc.font('Helvetica-Bold');
    expect([fonts._font.id, fonts._font.name]).toEqual(['F2', 'Helvetica-Bold']);
  });
});
