import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fasterKerning } from '../../src/overview/pdf-kerning.ts';
import { fillColor } from '../../src/overview/pdf-color.ts';
import { singleLine, textWidth } from '../../src/overview/pdf-line.ts';

/** pdfkit's inside: each page's content stream (its chunks until the document ends). */
interface Inside {
  _pageBuffer: { content: { buffer: Uint8Array[] }; resources: { data: object } }[];
}

function freshDoc(font: string, size: number): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 48, autoFirstPage: false, bufferPages: true });
  fasterKerning(doc);
  doc.addPage();
  doc.font(font).fontSize(size).fillColor('#1f2933');
  return doc;
}

/** Everything the document wrote so far: every page's operators and resources, and x, y. */
function written(doc: PDFKit.PDFDocument) {
  return {
    pages: (doc as unknown as Inside)._pageBuffer.map((page) => ({
      content: Buffer.concat(page.content.buffer).toString('latin1'),
      // Which resources, in which order; the fonts by name (their values are references).
      resources: Object.entries(page.resources.data).map(([key, value]) => [
        key,
        key === 'Font' ? Object.keys(value as object) : String(value),
      ]),
    })),
    x: doc.x,
    y: doc.y,
  };
}

// Kerned pairs (AV, T., Yo, r., “A), pairs with positive kerning (rg, ze), break chances
// (spaces, hyphens, slashes), the euro sign and Latin-1 letters.
const text = fc
  .array(
    fc.constantFrom(...'AVTWYLPFyoer.,-/ €aügzQ’“”()0123456789xX'.split(''), ' ', '  ', 'rg', 'ze'),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const setting = fc.record({
  text,
  font: fc.constantFrom('Helvetica', 'Helvetica-Bold'),
  size: fc.constantFrom(7, 7.5, 8, 8.5, 9, 11, 15, 20),
  align: fc.constantFrom('left' as const, 'right' as const),
  x: fc.double({ min: 0, max: 500, noNaN: true }),
  // Mostly on the page, now and then at its bottom (where the wrapper would start a new page).
  y: fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: 0, max: 760, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: 760, max: 841.89, noNaN: true }) },
  ),
  // The text's own width plus some room, give or take a hair (where it may not fit), or any.
  width: fc.oneof(
    fc.double({ min: 0, max: 80, noNaN: true }).map((room) => ({ plus: room })),
    fc.double({ min: -0.01, max: 0.01, noNaN: true }).map((hair) => ({ plus: hair })),
    fc.double({ min: 5, max: 300, noNaN: true }),
  ),
});

describe('drawing one line of text without the line wrapper', () => {
  it('writes exactly what doc.text writes, or leaves it to doc.text', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(setting, (s) => {
        const viaText = freshDoc(s.font, s.size);
        const width =
          typeof s.width === 'number' ? s.width : viaText.widthOfString(s.text) + s.width.plus;
        viaText.text(s.text, s.x, s.y, { width, align: s.align, lineBreak: false });

        const viaLine = freshDoc(s.font, s.size);
        runs += 1;
        if (singleLine(viaLine, s.text, s.x, s.y, width, s.align)) fast += 1;
        else viaLine.text(s.text, s.x, s.y, { width, align: s.align, lineBreak: false });

        expect(written(viaLine)).toEqual(written(viaText));
      }),
      { numRuns: 400 },
    );
    // Those that fit with room to spare, clear of the bottom, must take the short way (about a
    // fifth of these settings: many are meant to be too narrow or too low).
    expect(fast / runs).toBeGreaterThan(0.1);
  });

  it('takes the short way for a table cell and declines what the wrapper might break', () => {
    const doc = freshDoc('Helvetica', 8.5);
    expect(singleLine(doc, '€ 1.234,50', 400, 120, 58, 'right')).toBe(true);
    expect(singleLine(doc, '', 400, 120, 58, 'left')).toBe(true);
    // Too wide, a soft hyphen, a new line, or too near the bottom of the page: doc.text decides.
    expect(singleLine(doc, 'huurachterstand maart en april', 60, 120, 40, 'left')).toBe(false);
    expect(singleLine(doc, 'huur\u00adachterstand', 60, 120, 300, 'left')).toBe(false);
    expect(singleLine(doc, 'huur\nachterstand', 60, 120, 300, 'left')).toBe(false);
    expect(singleLine(doc, 'huur', 60, 790, 300, 'left')).toBe(false);
  });

  it('remembers widths exactly as pdfkit measures them, per font and size', () => {
    const doc = freshDoc('Helvetica', 8.5);
    const regular = textWidth(doc, 'AVANT € 12,50');
    expect(regular).toBe(doc.widthOfString('AVANT € 12,50'));
    doc.font('Helvetica-Bold');
    expect(textWidth(doc, 'AVANT € 12,50')).toBe(doc.widthOfString('AVANT € 12,50'));
    expect(textWidth(doc, 'AVANT € 12,50')).not.toBe(regular);
    doc.fontSize(20);
    expect(textWidth(doc, 'AVANT € 12,50')).toBe(doc.widthOfString('AVANT € 12,50'));
  });

  it('sets a fill colour with the very operators doc.fillColor writes', () => {
    const colors = [
      '#1f2933',
      '#616E7C',
      '#000000',
      '#ffffff',
      '#d5edf1',
      'red',
      '#abc',
      '#f5f7fa',
    ];
    const viaPdfkit = freshDoc('Helvetica', 9);
    const viaTable = freshDoc('Helvetica', 9);
    for (const color of colors) {
      viaPdfkit.fillColor(color);
      fillColor(viaTable, color);
    }
    expect(written(viaTable)).toEqual(written(viaPdfkit));
    expect((viaTable as unknown as { _fillColor: unknown })._fillColor).toEqual([
      '#f5f7fa',
      undefined,
    ]);
  });
});
