import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { formatDay, ZONE } from '../text/time.ts';
import { localDayText } from './local-day.ts';
import type { Doc } from './pdf-doc.ts';
import { fillColor } from './pdf-color.ts';
import { singleLine, textWidth } from './pdf-line.ts';

/**
 * Drawing helpers for the PDF export: the A4 page and its colours, text that never wraps or
 * always wraps, a layout cursor that starts a new page when needed, headings and footers.
 * Everything draws with pdfkit's standard Helvetica, so nothing is embedded.
 */

export type { Doc } from './pdf-doc.ts';

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 48;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Content stops here; the footer sits below it. */
export const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN - 18;

export const INK = '#1f2933';
export const MUTED = '#616e7c';
export const RULE = '#cbd2d9';
export const ACCENT = '#1b7a8c';
export const ACCENT_LIGHT = '#d5edf1';
export const NOTE_FILL = '#fff6dc';
export const NOTE_EDGE = '#e3c565';
/** Characters of Windows-1252 above Latin-1's ASCII part that the standard fonts can show. */
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
const isWinAnsi = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};
/** Emoji, their modifiers and joiners, marks and invisible characters: left out of the PDF. */
const DROPPED =
  /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{M}\u200b-\u200f\u2060\ufe0e\ufe0f]/u;

/**
 * Text that `pdfSafe` gives back as it is: words of printable characters the standard fonts have
 * (Latin-1 without its no-break space, and the euro sign), one space between them. Most of an
 * export's texts are like this (dates, amounts, plain descriptions), so they skip the work.
 */
const PLAIN = /^(?:[!-~¡-ÿ€]+(?: [!-~¡-ÿ€]+)*)?$/;

/**
 * Text as the PDF's standard fonts can show it: accents that have no glyph lose the accent,
 * emoji are left out and anything else unknown becomes `?`. Whitespace runs become one space.
 *
 * @example
 * pdfSafe('luiers 👶 voor Łukasz’ zoon') // 'luiers voor ?ukasz’ zoon'
 */
export function pdfSafe(value: string): string {
  return PLAIN.test(value) ? value : toWinAnsi(value);
}

/**
 * What `pdfSafe` does, for any text (`pdfSafe` skips it for text that is plain already).
 *
 * @example
 * toWinAnsi('café  ☕') // 'café'
 */
export function toWinAnsi(value: string): string {
  let out = '';
  for (const ch of value.replace(/\s+/g, ' ')) {
    if (isWinAnsi(ch)) out += ch;
    else if (DROPPED.test(ch)) continue;
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** A moment in Amsterdam time in a date-fns pattern (dates alone without time-zone arithmetic). */
export const local = (at: Date | string, pattern: string) =>
  localDayText(at, pattern) ?? format(new TZDate(new Date(at).getTime(), ZONE), pattern);
/** Text cut to `width` points (with `…`) in the current font. */
export function fit(doc: Doc, value: string, width: number): string {
  const safe = pdfSafe(value);
  if (textWidth(doc, safe) <= width) return safe;
  let cut = safe;
  while (cut.length > 0 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** One line of text at (x, y) that never wraps and never starts a page. */
export function line(
  doc: Doc,
  value: string,
  x: number,
  y: number,
  width: number,
  options: {
    size?: number;
    bold?: boolean;
    color?: string;
    align?: 'left' | 'right' | 'center';
  } = {},
): void {
  doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(options.size ?? 9);
  fillColor(doc, options.color ?? INK);
  const text = fit(doc, value, width);
  const align = options.align ?? 'left';
  if (align !== 'center' && singleLine(doc, text, x, y, width, align)) return;
  doc.text(text, x, y, { width, align, lineBreak: false });
}

/** Wrapped text in a box of `width`; returns the y below it. */
export function paragraph(
  doc: Doc,
  value: string,
  x: number,
  y: number,
  width: number,
  options: { size?: number; color?: string } = {},
): number {
  doc
    .font('Helvetica')
    .fontSize(options.size ?? 9)
    .fillColor(options.color ?? INK);
  const safe = pdfSafe(value);
  const height = doc.heightOfString(safe, { width });
  doc.text(safe, x, y, { width });
  return y + height;
}

/** A layout cursor: the current y, and what to print at the top of a continued page. */
export interface Cursor {
  y: number;
  continued: string;
}

/** Starts a new page when `needed` points do not fit any more below the cursor. */
export function ensure(doc: Doc, cursor: Cursor, needed: number): void {
  if (cursor.y + needed <= CONTENT_BOTTOM) return;
  doc.addPage();
  cursor.y = MARGIN;
  line(doc, cursor.continued, MARGIN, cursor.y, CONTENT_WIDTH, { size: 9, color: MUTED });
  cursor.y += 18;
}

export function heading(
  doc: Doc,
  cursor: Cursor,
  title: string,
  name: string,
  period: string,
): void {
  line(doc, title, MARGIN, cursor.y, CONTENT_WIDTH, { size: 11, color: MUTED });
  line(doc, name, MARGIN, cursor.y + 16, CONTENT_WIDTH, { size: 20, bold: true });
  line(doc, period, MARGIN, cursor.y + 42, CONTENT_WIDTH, { size: 11, color: MUTED });
  doc
    .moveTo(MARGIN, cursor.y + 62)
    .lineTo(MARGIN + CONTENT_WIDTH, cursor.y + 62)
    .lineWidth(1)
    .strokeColor(ACCENT)
    .stroke();
  cursor.y += 76;
}

export function sectionTitle(doc: Doc, cursor: Cursor, title: string, needed: number): void {
  ensure(doc, cursor, needed + 20);
  line(doc, title, MARGIN, cursor.y, CONTENT_WIDTH, { size: 12, bold: true });
  cursor.y += 20;
}

/** Page numbers and the moment the overview describes, at the bottom of every page. */
export function footers(doc: Doc, madeAt: Date | null) {
  const range = doc.bufferedPageRange();
  const made = madeAt ? ` · gemaakt ${formatDay(madeAt)} ${local(madeAt, 'HH:mm')}` : '';
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    line(
      doc,
      `Mini-Maatwerk Budget${made} · pagina ${i - range.start + 1} van ${range.count}`,
      MARGIN,
      PAGE_HEIGHT - MARGIN + 4,
      CONTENT_WIDTH,
      { size: 7.5, color: MUTED, align: 'center' },
    );
    doc.page.margins.bottom = bottom;
  }
}
