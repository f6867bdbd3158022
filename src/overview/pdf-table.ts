import {
  ACCENT_LIGHT,
  CONTENT_BOTTOM,
  CONTENT_WIDTH,
  type Cursor,
  type Doc,
  ensure,
  line,
  MARGIN,
  MUTED,
  RULE,
  sectionTitle,
} from './pdf-draw.ts';

/** Tables for the PDF export. */

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** A table with a header row, repeated at the top of every page it runs onto. */
export function table(
  doc: Doc,
  cursor: Cursor,
  title: string,
  columns: Column[],
  rows: { cells: string[]; bold?: boolean }[],
): void {
  const rowHeight = 15;
  const fixed = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width === 0 ? CONTENT_WIDTH - fixed : c.width));
  const header = () => {
    doc.rect(MARGIN, cursor.y, CONTENT_WIDTH, rowHeight).fillColor(ACCENT_LIGHT).fill();
    let x = MARGIN;
    columns.forEach((c, i) => {
      line(doc, c.header, x + 3, cursor.y + 4, widths[i]! - 6, {
        size: 8,
        bold: true,
        align: c.align ?? 'left',
      });
      x += widths[i]!;
    });
    cursor.y += rowHeight;
  };
  sectionTitle(doc, cursor, title, rowHeight * 3);
  header();
  if (rows.length === 0) {
    line(doc, 'Geen.', MARGIN + 3, cursor.y + 4, CONTENT_WIDTH, { color: MUTED });
    cursor.y += rowHeight + 12;
    return;
  }
  rows.forEach((row, index) => {
    if (cursor.y + rowHeight > CONTENT_BOTTOM) {
      ensure(doc, cursor, CONTENT_BOTTOM);
      header();
    }
    if (index % 2 === 1)
      doc.rect(MARGIN, cursor.y, CONTENT_WIDTH, rowHeight).fillColor('#f5f7fa').fill();
    let x = MARGIN;
    row.cells.forEach((cell, i) => {
      line(doc, cell, x + 3, cursor.y + 4, widths[i]! - 6, {
        size: 8.5,
        ...(row.bold ? { bold: true } : {}),
        align: columns[i]?.align ?? 'left',
      });
      x += widths[i]!;
    });
    cursor.y += rowHeight;
  });
  doc
    .moveTo(MARGIN, cursor.y)
    .lineTo(MARGIN + CONTENT_WIDTH, cursor.y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  cursor.y += 14;
}
