import type { Doc } from './pdf-doc.ts';

/**
 * The fill colour as pdfkit sets it, with its operators remembered. `doc.fillColor('#1f2933')`
 * parses the colour and writes two operators (the RGB colour space, then the colour as three
 * fractions) every time; the export sets a colour before each of its thousands of texts. This
 * writes the same two operators from a table and records the colour the way pdfkit does.
 */

interface Internals {
  _fillColor?: unknown;
  addContent?(data: string): unknown;
}

const HEX = /^#[0-9a-f]{6}$/i;
const operators = new Map<string, string>();

/** What pdfkit writes for a `#rrggbb` colour (its `_setColorCore` for a fill). */
function operatorsOf(color: string): string {
  let known = operators.get(color);
  if (known === undefined) {
    const hex = parseInt(color.slice(1), 16);
    const parts = [hex >> 16, (hex >> 8) & 0xff, hex & 0xff].map((part) => part / 255);
    known = `/DeviceRGB cs\n${parts.join(' ')} scn`;
    operators.set(color, known);
  }
  return known;
}

/**
 * `doc.fillColor(color)` for a `#rrggbb` colour without opacity, written from a table; any other
 * colour (or a pdfkit of another shape) goes through pdfkit.
 *
 * @example
 * fillColor(doc, '#1f2933') // as doc.fillColor('#1f2933')
 */
export function fillColor(doc: Doc, color: string): void {
  const internals = doc as unknown as Internals;
  // pdfkit records the colour in `_fillColor` once it has set one itself: then it has the shape
  // this expects.
  if (!HEX.test(color) || typeof internals.addContent !== 'function' || !('_fillColor' in doc)) {
    doc.fillColor(color);
    return;
  }
  internals.addContent(operatorsOf(color));
  internals._fillColor = [color, undefined];
}
