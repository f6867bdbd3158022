import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import PDFDocument from 'pdfkit';
import {
  grantCount,
  lastMoment,
  mergeCategoryTotals,
  newestMadeAt,
  overviewTotals,
  PREVENTED_NOTE,
  type ExportTotals,
} from './export-csv.ts';
import { formatCents } from './money.ts';
import type { Overview } from './overview.ts';
import { formatDay, localDateOf, startOfLocalDate, ZONE } from './time.ts';

/**
 * The overview export as a PDF to share (DOMAIN.md rule 10): A4, Dutch, drawn with pdfkit's
 * standard Helvetica (nothing embedded) and vector shapes only. One section per team; with several
 * teams a totals page comes first. The same overviews give the same bytes: the document's dates
 * are the newest overview's `madeAt`, never the clock.
 */

type Doc = PDFKit.PDFDocument;

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Content stops here; the footer sits below it. */
const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN - 18;

const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#cbd2d9';
const ACCENT = '#1b7a8c';
const ACCENT_LIGHT = '#d5edf1';
const NOTE_FILL = '#fff6dc';
const NOTE_EDGE = '#e3c565';

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
 * Text as the PDF's standard fonts can show it: accents that have no glyph lose the accent,
 * emoji are left out and anything else unknown becomes `?`. Whitespace runs become one space.
 *
 * @example
 * pdfSafe('luiers 👶 voor Łukasz’ zoon') // 'luiers voor ?ukasz’ zoon'
 */
export function pdfSafe(value: string): string {
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

/** Minutes as a short Dutch duration: `46 min`, `2 u 5 min`. */
function minutes(value: number): string {
  const rounded = Math.round(value);
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} u` : `${hours} u ${rest} min`;
}

const local = (at: Date | string, pattern: string) =>
  format(new TZDate(new Date(at).getTime(), ZONE), pattern);

/** `16 feb 2026 t/m 30 mrt 2026`, with the cycle if there is one. */
function periodText(o: Overview): string {
  const range = `${formatDay(new Date(o.from))} t/m ${formatDay(lastMoment(o))}`;
  return o.cycle === null ? range : `Ronde ${o.cycle} · ${range}`;
}

/** Text cut to `width` points (with `…`) in the current font. */
function fit(doc: Doc, value: string, width: number): string {
  const safe = pdfSafe(value);
  if (doc.widthOfString(safe) <= width) return safe;
  let cut = safe;
  while (cut.length > 0 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** One line of text at (x, y) that never wraps and never starts a page. */
function line(
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
  doc
    .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(options.size ?? 9)
    .fillColor(options.color ?? INK);
  doc.text(fit(doc, value, width), x, y, {
    width,
    align: options.align ?? 'left',
    lineBreak: false,
  });
}

/** Wrapped text in a box of `width`; returns the y below it. */
function paragraph(
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
interface Cursor {
  y: number;
  continued: string;
}

/** Starts a new page when `needed` points do not fit any more below the cursor. */
function ensure(doc: Doc, cursor: Cursor, needed: number): void {
  if (cursor.y + needed <= CONTENT_BOTTOM) return;
  doc.addPage();
  cursor.y = MARGIN;
  line(doc, cursor.continued, MARGIN, cursor.y, CONTENT_WIDTH, { size: 9, color: MUTED });
  cursor.y += 18;
}

function heading(doc: Doc, cursor: Cursor, title: string, name: string, period: string): void {
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

function sectionTitle(doc: Doc, cursor: Cursor, title: string, needed: number): void {
  ensure(doc, cursor, needed + 20);
  line(doc, title, MARGIN, cursor.y, CONTENT_WIDTH, { size: 12, bold: true });
  cursor.y += 20;
}

/** The key figures as tiles, three a row. */
function tiles(doc: Doc, cursor: Cursor, totals: ExportTotals): void {
  const items: [string, string, string][] = [
    ['Uitgegeven', formatCents(totals.spentCents), grantCount(totals.grants)],
    ['Saldo', formatCents(totals.balanceCents), 'aan het eind van de periode'],
    ['Gereserveerd', formatCents(totals.reservedCents), 'voor open aanvragen'],
    ['Gestort', formatCents(totals.depositedCents), 'in de periode'],
    ['Voorkomen (schatting)', formatCents(totals.preventedCents), 'schatting van het team *'],
    [
      'Niet doorgegaan',
      `${totals.expired + totals.cancelled}`,
      `${totals.expired} verlopen · ${totals.cancelled} geannuleerd`,
    ],
  ];
  const gap = 10;
  const width = (CONTENT_WIDTH - 2 * gap) / 3;
  const height = 52;
  ensure(doc, cursor, 2 * height + gap);
  items.forEach(([label, value, small], index) => {
    const x = MARGIN + (index % 3) * (width + gap);
    const y = cursor.y + Math.floor(index / 3) * (height + gap);
    const prevented = label.startsWith('Voorkomen');
    doc
      .roundedRect(x, y, width, height, 4)
      .fillColor(prevented ? NOTE_FILL : ACCENT_LIGHT)
      .fill();
    line(doc, label, x + 8, y + 7, width - 16, { size: 8, color: MUTED });
    line(doc, value, x + 8, y + 19, width - 16, { size: 15, bold: true });
    line(doc, small, x + 8, y + 38, width - 16, { size: 7.5, color: MUTED });
  });
  cursor.y += 2 * height + gap + 10;
}

/** The note that prevented costs are the team's estimate, in a yellow box. */
function preventedNote(doc: Doc, cursor: Cursor): void {
  const text = `* ${PREVENTED_NOTE}`;
  doc.font('Helvetica').fontSize(8.5);
  const height = doc.heightOfString(pdfSafe(text), { width: CONTENT_WIDTH - 16 }) + 10;
  ensure(doc, cursor, height);
  doc
    .rect(MARGIN, cursor.y, CONTENT_WIDTH, height)
    .fillColor(NOTE_FILL)
    .fill()
    .rect(MARGIN, cursor.y, 3, height)
    .fillColor(NOTE_EDGE)
    .fill();
  paragraph(doc, text, MARGIN + 10, cursor.y + 5, CONTENT_WIDTH - 16, { size: 8.5 });
  cursor.y += height + 10;
}

/** Lines of plain facts under the tiles. */
function facts(doc: Doc, cursor: Cursor, lines: string[]): void {
  for (const text of lines) {
    ensure(doc, cursor, 14);
    cursor.y = paragraph(doc, text, MARGIN, cursor.y, CONTENT_WIDTH, { size: 9 }) + 3;
  }
  cursor.y += 8;
}

/** A tidy step for an axis from 0 to at least `max` cents in about `ticks` steps. */
function niceStep(max: number, ticks: number): number {
  const raw = Math.max(max, 100) / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

/** Horizontal bars, one per label, with the amount (and an extra text) after each bar. */
function barChart(
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

/** The local dates (YYYY-MM-DD) from `from` up to and including the day of `last`. */
function localDays(from: Date, last: Date): string[] {
  const days: string[] = [];
  const end = localDateOf(last);
  let day = localDateOf(from);
  while (day <= end && days.length < 3700) {
    days.push(day);
    day = localDateOf(new Date(startOfLocalDate(day).getTime() + 36 * 3_600_000));
  }
  return days;
}

/** Cumulative spending by local day, as a line over the period. */
function lineChart(
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
    const day = localDateOf(new Date(g.decidedAt));
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
  const trace = () => {
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

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

/** A table with a header row, repeated at the top of every page it runs onto. */
function table(
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

function categoryBars(categories: Overview['categories']) {
  return categories.map((c) => ({
    label: c.category,
    cents: c.amountCents,
    extra: `${c.grants}× · voorkomt ± ${formatCents(c.preventedCents)}`,
  }));
}

function paceLine(o: Overview): string {
  const pace =
    o.medianDecisionMinutes === null
      ? 'Nog geen besluiten in deze periode'
      : `Beslistijd (mediaan) ${minutes(o.medianDecisionMinutes)}`;
  return `${pace} · ${o.voters} collega's stemden ${o.votes}×.`;
}

function moneyLines(t: ExportTotals): string[] {
  const lines: string[] = [];
  if (t.earlierCorrectionsCents !== 0) {
    lines.push(
      `Uitgegeven ${formatCents(t.spentCents)} = ${formatCents(t.grantedCents)} aan toekenningen in deze periode ${t.earlierCorrectionsCents < 0 ? '-' : '+'} ${formatCents(Math.abs(t.earlierCorrectionsCents))} correcties op eerdere toekenningen.`,
    );
  }
  if (t.lapsedCents !== 0) {
    lines.push(`Vervallen restant van de vorige budgetperiode: ${formatCents(t.lapsedCents)}.`);
  }
  return lines;
}

function teamSection(doc: Doc, o: Overview, options: { households: boolean; title: string }) {
  const cursor: Cursor = { y: MARGIN, continued: `${o.teamName} · ${periodText(o)} (vervolg)` };
  heading(doc, cursor, options.title, o.teamName, periodText(o));
  const totals = overviewTotals([o]);
  tiles(doc, cursor, totals);
  preventedNote(doc, cursor);
  const ended = [
    ...o.expired.map((r) => r.amountCents),
    ...o.cancelled.map((r) => r.amountCents),
  ].reduce((sum, cents) => sum + cents, 0);
  facts(doc, cursor, [
    ...moneyLines(totals),
    `Niet doorgegaan: ${o.expired.length} verlopen, ${o.cancelled.length} geannuleerd (samen ${formatCents(ended)} aangevraagd, niets uitgegeven).`,
    paceLine(o),
  ]);
  barChart(doc, cursor, 'Uitgaven per categorie', categoryBars(o.categories));
  lineChart(
    doc,
    cursor,
    'Uitgaven in de loop van de periode (opgeteld, per dag)',
    { from: new Date(o.from), last: lastMoment(o) },
    o.grants,
    `Toekenningen op de dag van het besluit, met hun correcties tot het eind van de periode: samen ${formatCents(totals.grantedCents)}.${totals.earlierCorrectionsCents !== 0 ? ' Correcties op toekenningen van eerder staan niet in de lijn.' : ''}`,
  );
  const household = options.households;
  table(
    doc,
    cursor,
    `Toekenningen (${o.grants.length})`,
    [
      { header: 'Datum', width: 56 },
      { header: '#', width: 28, align: 'right' },
      { header: 'Categorie', width: 78 },
      { header: 'Omschrijving', width: 0 },
      { header: 'Bedrag', width: 64, align: 'right' },
      { header: 'Voorkomt ±', width: 64, align: 'right' },
      ...(household ? [{ header: 'Huishouden', width: 58 }] : []),
    ],
    [
      ...o.grants.map((g) => ({
        cells: [
          local(g.decidedAt, 'dd-MM-yyyy'),
          String(g.number),
          g.category,
          g.description,
          formatCents(g.amountCents),
          g.preventedCents === null ? '' : formatCents(g.preventedCents),
          ...(household ? [g.household] : []),
        ],
      })),
      ...(o.grants.length
        ? [
            {
              cells: [
                'Totaal',
                '',
                '',
                '',
                formatCents(totals.grantedCents),
                formatCents(totals.preventedCents),
                ...(household ? [''] : []),
              ],
              bold: true,
            },
          ]
        : []),
    ],
  );
  if (o.expired.length + o.cancelled.length > 0) {
    const ended = [
      ...o.expired.map((r) => ({ r, status: 'verlopen' })),
      ...o.cancelled.map((r) => ({ r, status: 'geannuleerd' })),
    ].sort((a, b) => a.r.decidedAt.localeCompare(b.r.decidedAt) || a.r.number - b.r.number);
    table(
      doc,
      cursor,
      'Niet doorgegaan',
      [
        { header: 'Datum', width: 56 },
        { header: '#', width: 28, align: 'right' },
        { header: 'Status', width: 78 },
        { header: 'Omschrijving', width: 0 },
        { header: 'Bedrag', width: 64, align: 'right' },
        ...(household ? [{ header: 'Huishouden', width: 58 }] : []),
      ],
      ended.map(({ r, status }) => ({
        cells: [
          local(r.decidedAt, 'dd-MM-yyyy'),
          String(r.number),
          status,
          r.description,
          formatCents(r.amountCents),
          ...(household ? [r.household] : []),
        ],
      })),
    );
  }
  if (household && o.nearCap.length > 0) {
    table(
      doc,
      cursor,
      'Bijna aan het maximum per huishouden',
      [
        { header: 'Huishouden', width: 0 },
        { header: 'Gebruikt', width: 90, align: 'right' },
        { header: 'Maximum', width: 90, align: 'right' },
      ],
      o.nearCap.map((h) => ({
        cells: [h.household, formatCents(h.usedCents), formatCents(h.capCents)],
      })),
    );
  }
}

function totalsPage(doc: Doc, overviews: readonly Overview[], title: string) {
  const from = new Date(Math.min(...overviews.map((o) => Date.parse(o.from))));
  const last = new Date(Math.max(...overviews.map((o) => Date.parse(o.to))) - 1);
  const same = overviews.every((o) => o.from === overviews[0]!.from && o.to === overviews[0]!.to);
  const cycles = new Set(overviews.map((o) => o.cycle));
  const cycle = same && cycles.size === 1 && overviews[0]!.cycle !== null;
  const period = `${cycle ? `Ronde ${overviews[0]!.cycle} · ` : ''}${formatDay(from)} t/m ${formatDay(last)}${same ? '' : ' (per team verschillend, zie de tabel)'}`;
  const cursor: Cursor = { y: MARGIN, continued: `Alle teams · ${period} (vervolg)` };
  heading(doc, cursor, title, `Alle teams (${overviews.length})`, period);
  const totals = overviewTotals(overviews);
  tiles(doc, cursor, totals);
  preventedNote(doc, cursor);
  facts(doc, cursor, moneyLines(totals));
  table(
    doc,
    cursor,
    'Per team',
    [
      { header: 'Team', width: 0 },
      { header: 'Periode', width: 92 },
      { header: 'Uitgegeven', width: 64, align: 'right' },
      { header: 'Voorkomt ±', width: 68, align: 'right' },
      { header: 'Saldo', width: 64, align: 'right' },
      { header: 'Gereserv.', width: 56, align: 'right' },
      { header: 'Toek.', width: 30, align: 'right' },
      { header: 'Verl./ann.', width: 46, align: 'right' },
    ],
    [
      ...overviews.map((o) => ({
        cells: [
          o.teamName,
          `${local(o.from, 'dd-MM')} t/m ${local(lastMoment(o), 'dd-MM-yy')}`,
          formatCents(o.spentCents),
          formatCents(o.preventedCents),
          formatCents(o.balanceCents),
          formatCents(o.reservedCents),
          String(o.grants.length),
          `${o.expired.length}/${o.cancelled.length}`,
        ],
      })),
      {
        cells: [
          'Totaal',
          '',
          formatCents(totals.spentCents),
          formatCents(totals.preventedCents),
          formatCents(totals.balanceCents),
          formatCents(totals.reservedCents),
          String(totals.grants),
          `${totals.expired}/${totals.cancelled}`,
        ],
        bold: true,
      },
    ],
  );
  barChart(
    doc,
    cursor,
    'Uitgaven per team',
    overviews.map((o) => ({
      label: o.teamName,
      cents: o.spentCents,
      extra: `${o.grants.length}× · voorkomt ± ${formatCents(o.preventedCents)}`,
    })),
  );
  barChart(
    doc,
    cursor,
    'Uitgaven per categorie, alle teams',
    categoryBars(mergeCategoryTotals(overviews)),
  );
  lineChart(
    doc,
    cursor,
    'Uitgaven in de loop van de periode, alle teams (opgeteld, per dag)',
    { from, last },
    overviews.flatMap((o) => o.grants),
    `Toekenningen van alle teams op de dag van het besluit, met hun correcties: samen ${formatCents(totals.grantedCents)}.`,
    110,
  );
}

/** Page numbers and the moment the overview describes, at the bottom of every page. */
function footers(doc: Doc, madeAt: Date | null) {
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

/**
 * The overviews (one per team, or one) as a PDF to share: the totals, a bar chart of spending per
 * category, a line of spending over the period, the grants, and what did not go through; with
 * several teams a totals page first. Household codes only with `households: true`.
 *
 * @example
 * const bytes = overviewsToPdf([overview], { households: false })
 * new TextDecoder().decode(bytes.subarray(0, 5)) // '%PDF-'
 */
export function overviewsToPdf(
  overviews: readonly Overview[],
  options: { households: boolean; title?: string },
): Uint8Array {
  const title = options.title ?? 'Mini-Maatwerk Budget · overzicht';
  const madeAt = newestMadeAt(overviews);
  const stamp = madeAt ?? new Date(0);
  const subject =
    overviews.length === 1 ? overviews[0]!.teamName : `Alle teams (${overviews.length})`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: 'nl-NL',
    displayTitle: true,
    info: {
      Title: pdfSafe(`${title} · ${subject}`),
      Author: 'Mini-Maatwerk Budget bot',
      Subject: 'Overzicht van het Mini-Maatwerk Budget',
      CreationDate: stamp,
      ModDate: stamp,
    },
  });
  if (overviews.length === 0) {
    doc.addPage();
    line(doc, 'Geen overzichten om te tonen.', MARGIN, MARGIN, CONTENT_WIDTH, { size: 12 });
  }
  if (overviews.length > 1) {
    doc.addPage();
    totalsPage(doc, overviews, title);
  }
  for (const o of overviews) {
    doc.addPage();
    teamSection(doc, o, { households: options.households, title });
  }
  footers(doc, madeAt);
  doc.end();
  // pdfkit writes every byte into its stream while end() runs; nobody listens, so it is all
  // still buffered and can be read at once. That keeps the export synchronous, so a chat
  // command can attach it to its reply inside the event's transaction.
  const chunks: Buffer[] = [];
  for (
    let chunk = doc.read() as Buffer | null;
    chunk !== null;
    chunk = doc.read() as Buffer | null
  ) {
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
