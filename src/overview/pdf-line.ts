import { pdfNumber as number } from './pdf-content.ts';
import type { Doc } from './pdf-doc.ts';

/**
 * One line of text the way pdfkit draws it, without pdfkit's line wrapper and with its operators
 * remembered. `doc.text(s, x, y, { width, align, lineBreak: false })` splits `s` into words
 * (Unicode line breaking), measures each word, fills lines, and hands each line to pdfkit's
 * `_fragment`, which encodes the text and writes the operators: save, flip the page, begin text,
 * place it, set the font, show the glyphs with their kerning, end, restore. For a text that
 * provably fits on one line the wrapper hands over the whole text once, with the line width as
 * given; this writes what `_fragment` writes for it (standard fonts, no spacing options), with
 * the glyphs' part remembered per font and text, and leaves the document's x and y where the
 * wrapper would. Table cells are most of a year's export, and that is where its time went.
 * Anything else, or a pdfkit of another shape, goes the usual way; a test pins the PDF's bytes.
 */

/** The standard (AFM) font data pdfkit measures with. */
interface AfmFont {
  glyphsForString(text: string): string[];
  widthOfGlyph(glyph: string): number;
  getKernPair(left: string, right: string | undefined): number;
}

/** A glyph's place as pdfkit's standard font `encode` gives it. */
interface Position {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

/** pdfkit's font object of the document (StandardFont for Helvetica). */
interface PdfFont {
  id: string;
  name: string;
  ascender: number;
  font?: unknown;
  encode(text: string): [string[], Position[]];
  ref(): unknown;
}

interface Internals {
  _font?: PdfFont;
  _fontSize: number;
  page: { height: number; fonts: Record<string, unknown>; maxY(): number };
  addContent?(data: string): unknown;
}

const isAfm = (font: unknown): font is AfmFont =>
  typeof font === 'object' &&
  font !== null &&
  typeof (font as AfmFont).glyphsForString === 'function' &&
  typeof (font as AfmFont).widthOfGlyph === 'function' &&
  typeof (font as AfmFont).getKernPair === 'function';

const isStandardFont = (font: PdfFont | undefined): font is PdfFont & { font: AfmFont } =>
  font !== undefined &&
  typeof font.id === 'string' &&
  typeof font.name === 'string' &&
  typeof font.ascender === 'number' &&
  typeof font.encode === 'function' &&
  typeof font.ref === 'function' &&
  isAfm(font.font);

/**
 * Characters after which the line breaker must break (new lines, form feeds, Unicode line and
 * paragraph separators, NEL) and the soft hyphen, which the wrapper treats specially.
 */
const NOT_PLAIN = /[\n\v\f\r\u0085\u2028\u2029\u00ad]/;

/** Remembered per font name and text; cleared when it grows past this many. */
const REMEMBER = 50_000;
/** Per font name, per text. */
const shown = new Map<string, Map<string, string | null>>();

/** What is remembered of a text in one font and size (each part once it was needed). */
interface Measured {
  width?: number;
  wordsAtMost?: number;
}
/** Per font name and size, per text (maps in maps: no key to build for every cell). */
const measured = new Map<string, Map<number, Map<string, Measured>>>();
let measuredCount = 0;

/** The record of `text` in the document's current font and size, or null for another font. */
function measuredOf(doc: Doc, text: string): Measured | null {
  const { _font: font, _fontSize: size } = doc as unknown as Internals;
  if (!font || typeof font.name !== 'string') return null;
  if (measuredCount >= REMEMBER) {
    measured.clear();
    measuredCount = 0;
  }
  let sizes = measured.get(font.name);
  if (!sizes) measured.set(font.name, (sizes = new Map()));
  let texts = sizes.get(size);
  if (!texts) sizes.set(size, (texts = new Map()));
  let known = texts.get(text);
  if (!known) {
    texts.set(text, (known = {}));
    measuredCount += 1;
  }
  return known;
}

/**
 * The `TJ` operator `_fragment` writes for `text` in a standard font: the glyph codes in hex,
 * split where a pair is kerned, each piece followed by its kerning (in font units, so the same at
 * every size). Null when a glyph has an offset (never for the standard fonts): then not this way.
 */
function showText(font: PdfFont, text: string): string | null {
  let texts = shown.get(font.name);
  if (!texts) shown.set(font.name, (texts = new Map()));
  const known = texts.get(text);
  if (known !== undefined) return known;
  const [encoded, positions] = font.encode(text);
  const commands: string[] = [];
  let last = 0;
  let result: string | null = null;
  const segment = (end: number) => {
    if (last < end) {
      const position = positions[end - 1]!;
      commands.push(
        `<${encoded.slice(last, end).join('')}> ${number(-(position.xAdvance - position.advanceWidth))}`,
      );
    }
    last = end;
  };
  let offset = false;
  positions.forEach((position, i) => {
    if (position.xOffset || position.yOffset) offset = true;
    else if (position.xAdvance - position.advanceWidth !== 0) segment(i + 1);
  });
  if (!offset) {
    segment(positions.length);
    result = commands.length > 0 ? `[${commands.join(' ')}] TJ` : '';
  }
  if (texts.size >= REMEMBER) texts.clear();
  texts.set(text, result);
  return result;
}

/**
 * `doc.widthOfString(text)` in the current font and size, remembered (the export measures the
 * same dates and amounts thousands of times).
 *
 * @example
 * textWidth(doc, '€ 12,50') // 29.07 at Helvetica 8.5, as doc.widthOfString gives it
 */
export function textWidth(doc: Doc, text: string): number {
  const known = measuredOf(doc, text);
  if (!known) return doc.widthOfString(text);
  return (known.width ??= doc.widthOfString(text));
}

/**
 * The most a text's words can measure together in pdfkit's line wrapper, in points. The wrapper
 * measures word by word: each word's width is its glyphs' advances with the kerning inside the
 * word (rounded down to a 32-bit float), so only the kerning between two words is lost. Taking
 * every glyph's advance, plus its kerning with the next glyph only where that kerning is
 * positive, is at least the sum, wherever the words split.
 */
function wordsWidthAtMost(font: AfmFont, text: string, size: number): number {
  const glyphs = font.glyphsForString(text);
  let units = 0;
  for (let i = 0; i < glyphs.length; i++) {
    units +=
      font.widthOfGlyph(glyphs[i]!) + Math.max(0, font.getKernPair(glyphs[i]!, glyphs[i + 1]));
  }
  return (units * size) / 1000;
}

/**
 * Draws `text` (in the document's current font, size and colour) as `doc.text(text, x, y,
 * { width, align, lineBreak: false })` would, when that is one line for sure; returns false, having
 * drawn nothing, when it is not sure (then call `doc.text`). Left and right alignment only.
 *
 * @example
 * if (!singleLine(doc, '€ 12,50', 400, 120, 64, 'right')) doc.text('€ 12,50', 400, 120, { … })
 */
export function singleLine(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  align: 'left' | 'right',
): boolean {
  const internals = doc as unknown as Internals;
  const font = internals._font;
  const page = internals.page;
  if (!isStandardFont(font) || typeof internals.addContent !== 'function') return false;
  if (!(width > 0) || NOT_PLAIN.test(text)) return false;
  const size = internals._fontSize;
  // The wrapper's line width (no columns, no indent, 100 % scaling).
  const lineWidth = (width * 100) / 100;
  const lineHeight = doc.currentLineHeight(true);
  // The wrapper starts a new page when the line would pass the page's bottom margin; keep clear.
  if (y + lineHeight > page.maxY() - 0.01) return false;
  const known = measuredOf(doc, text)!;
  known.wordsAtMost ??= wordsWidthAtMost(font.font, text, size);
  if (known.wordsAtMost > lineWidth - 1e-6) return false;
  const show = text === '' ? '' : showText(font, text);
  if (show === null) return false;
  doc.x = x;
  doc.y = y;
  if (text === '') return true;
  const left = align === 'right' ? x + (lineWidth - textWidth(doc, text.replace(/\s+$/, ''))) : x;
  const baseline = page.height - y - (font.ascender / 1000) * size;
  // As `_fragment`: the page's resources name the font at its first text (pdfkit makes the
  // Font dictionary when first asked for it).
  const fonts = page.fonts;
  if (fonts[font.id] == null) fonts[font.id] = font.ref();
  internals.addContent(
    `q\n1 0 0 -1 0 ${number(page.height)} cm\nBT\n1 0 0 1 ${number(left)} ${number(baseline)} Tm\n/${font.id} ${number(size)} Tf${show === '' ? '' : `\n${show}`}\nET\nQ`,
  );
  doc.y += lineHeight;
  return true;
}
