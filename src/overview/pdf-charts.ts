import { formatCents } from '../text/money.ts';
import {
  ACCENT,
  ACCENT_LIGHT,
  CONTENT_WIDTH,
  type Cursor,
  type Doc,
  ensure,
  line,
  local,
  MARGIN,
  MUTED,
  paragraph,
  RULE,
  sectionTitle,
} from './pdf-draw.ts';
import { startOfLocalDate } from '../text/time.ts';
import { localDay, nextDay } from './local-day.ts';
import { addContent, pdfNumber } from './pdf-content.ts';

/** Charts for the PDF export: horizontal bars per label, and spending over time as a step line. */

/** A tidy step for an axis from 0 to at least `max` cents in about `ticks` steps. */
function niceStep(max: number, ticks: number): number {
  const raw = Math.max(max, 100) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

/** Horizontal bars, one per label, with the amount (and an extra text) after each bar. */
export function barChart(
  doc: Doc,
  cursor: Cursor,
  title: string,
  bars: { label: string; cents: number; extra: string }[],
): void {
  const rowHeight = 20;
  sectionTitle(doc, cursor, title, Math.min(bars.length, 3) * rowHeight + 10);
  if (bars.length === 0) {
    line(doc, 'Geen uitgaven in deze periode.', MARGIN, cursor.y, CONTENT_WIDTH, { color: MUTED });
    cursor.y += 22;
    return;
  }
  const labelWidth = 110;
  const valueWidth = 170;
  const barLeft = MARGIN + labelWidth + 6;
  const barWidth = CONTENT_WIDTH - labelWidth - 6 - valueWidth;
  const max = Math.max(...bars.map((b) => b.cents), 1);
  for (const bar of bars) {
    ensure(doc, cursor, rowHeight);
    const y = cursor.y;
    line(doc, bar.label, MARGIN, y + 4, labelWidth, { size: 9 });
    doc
      .rect(barLeft, y + 2, barWidth, rowHeight - 6)
      .fillColor('#f0f4f8')
      .fill();
    const width = Math.max(0, (bar.cents / max) * barWidth);
    if (width > 0)
      doc
        .rect(barLeft, y + 2, width, rowHeight - 6)
        .fillColor(ACCENT)
        .fill();
    line(doc, formatCents(bar.cents), barLeft + barWidth + 6, y + 4, 70, { size: 9, bold: true });
    line(doc, bar.extra, barLeft + barWidth + 78, y + 4.5, valueWidth - 80, {
      size: 7.5,
      color: MUTED,
    });
    cursor.y += rowHeight;
  }
  cursor.y += 10;
}

/** The last answer of `localDays` (every team's chart of an export covers the same days). */
let lastDays: { from: number; last: number; days: readonly string[] } | null = null;

/** The local dates (YYYY-MM-DD) from `from` up to and including the day of `last`. */
function localDays(from: Date, last: Date): readonly string[] {
  if (lastDays?.from === from.getTime() && lastDays.last === last.getTime()) return lastDays.days;
  const days: string[] = [];
  const end = localDay(last);
  for (let day = localDay(from); day <= end && days.length < 3700; day = nextDay(day)) {
    days.push(day);
  }
  lastDays = { from: from.getTime(), last: last.getTime(), days };
  return days;
}

/** Cumulative spending by local day, as a line over the period. */
export function lineChart(
  doc: Doc,
  cursor: Cursor,
  title: string,
  range: { from: Date; last: Date },
  grants: { decidedAt: string; amountCents: number }[],
  caption: string,
  height = 140,
): void {
  sectionTitle(doc, cursor, title, height + 40);
  const days = localDays(range.from, range.last);
  const byDay = new Map<string, number>();
  for (const g of grants) {
    const day = localDay(g.decidedAt);
    byDay.set(day, (byDay.get(day) ?? 0) + g.amountCents);
  }
  let running = 0;
  const values = days.map((day) => (running += byDay.get(day) ?? 0));
  const max = Math.max(0, ...values);
  const step = niceStep(max, 4);
  const top = Math.max(step, Math.ceil(max / step) * step);

  const axisWidth = 62;
  const left = MARGIN + axisWidth;
  const width = CONTENT_WIDTH - axisWidth - 8;
  const y0 = cursor.y + 6;
  const bottom = y0 + height;
  const yOf = (cents: number) => bottom - (cents / top) * height;
  /** Day `index` runs from xOf(index) to xOf(index + 1). */
  const xOf = (index: number) => left + (index / Math.max(1, days.length)) * width;

  for (let tick = 0; tick <= top; tick += step) {
    const y = yOf(tick);
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    line(doc, formatCents(tick), MARGIN, y - 3.5, axisWidth - 6, {
      size: 7,
      color: MUTED,
      align: 'right',
    });
  }
  const labels = Math.min(6, days.length);
  for (let k = 0; k < labels; k++) {
    const index = labels === 1 ? 0 : Math.round((k * (days.length - 1)) / (labels - 1));
    const day = days[index]!;
    const x = (xOf(index) + xOf(index + 1)) / 2;
    doc
      .moveTo(x, bottom)
      .lineTo(x, bottom + 3)
      .lineWidth(0.5)
      .strokeColor(MUTED)
      .stroke();
    line(doc, local(startOfLocalDate(day), 'dd-MM'), x - 20, bottom + 5, 40, {
      size: 7,
      color: MUTED,
      align: 'center',
    });
  }

  // A step line: each day's total holds from the start of that day to the start of the next.
  // Drawn twice (filled, then stroked): its operators are made once, as moveTo/lineTo write them.
  // Each day's edge and each total written as text once (numbers to text are most of the work).
  const xs = Array.from({ length: values.length + 1 }, (_, index) => String(pdfNumber(xOf(index))));
  const path = [`${xs[0]} ${pdfNumber(yOf(values[0] ?? 0))} m`];
  values.forEach((value, index) => {
    const y = String(pdfNumber(yOf(value)));
    path.push(`${xs[index]} ${y} l`, `${xs[index + 1]} ${y} l`);
  });
  const operators = path.join('\n');
  const trace = () => {
    if (addContent(doc, operators)) return;
    doc.moveTo(xOf(0), yOf(values[0] ?? 0));
    values.forEach((value, index) => {
      doc.lineTo(xOf(index), yOf(value)).lineTo(xOf(index + 1), yOf(value));
    });
  };
  if (values.length > 0) {
    trace();
    doc
      .lineTo(xOf(values.length), bottom)
      .lineTo(xOf(0), bottom)
      .closePath()
      .fillColor(ACCENT_LIGHT)
      .fill();
    trace();
    doc.lineWidth(1.6).strokeColor(ACCENT).stroke();
  }
  doc
    .moveTo(left, bottom)
    .lineTo(left + width, bottom)
    .lineWidth(0.8)
    .strokeColor(MUTED)
    .stroke();
  cursor.y = bottom + 18;
  cursor.y = paragraph(doc, caption, MARGIN, cursor.y, CONTENT_WIDTH, { size: 7.5, color: MUTED });
  cursor.y += 12;
}
