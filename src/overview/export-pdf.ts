import {
  grantCount,
  lastMoment,
  mergeCategoryTotals,
  newestMadeAt,
  overviewTotals,
  PREVENTED_NOTE,
  type ExportTotals,
} from './export-totals.ts';
import { formatCents } from '../text/money.ts';
import type { Overview } from './overview.ts';
import { barChart, lineChart } from './pdf-charts.ts';
import {
  ACCENT_LIGHT,
  CONTENT_WIDTH,
  type Cursor,
  type Doc,
  ensure,
  footers,
  heading,
  line,
  local,
  MARGIN,
  MUTED,
  NOTE_EDGE,
  NOTE_FILL,
  paragraph,
  pdfSafe,
} from './pdf-draw.ts';
import { table } from './pdf-table.ts';
import { fasterKerning } from './pdf-kerning.ts';
import { loadPdfkit } from './pdfkit-load.ts';
import { collectPageWrites } from './pdf-content.ts';
import { formatDay } from '../text/time.ts';

export { pdfSafe } from './pdf-draw.ts';

/**
 * The overview export as a PDF to share (docs/rules.md rule 10): A4, Dutch, drawn with pdfkit's
 * standard Helvetica (nothing embedded) and vector shapes only. One section per team; with several
 * teams a totals page comes first. The same overviews give the same bytes: the document's dates
 * are the newest overview's `madeAt`, never the clock.
 */

/** Minutes as a short Dutch duration: `46 min`, `2 u 5 min`. */
function minutes(value: number): string {
  const rounded = Math.round(value);
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} u` : `${hours} u ${rest} min`;
}

/** `16 feb 2026 t/m 30 mrt 2026`, with the cycle if there is one. */
function periodText(o: Overview): string {
  const range = `${formatDay(new Date(o.from))} t/m ${formatDay(lastMoment(o))}`;
  return o.cycle === null ? range : `Ronde ${o.cycle} · ${range}`;
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
  const PDFDocument = loadPdfkit();
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
  fasterKerning(doc);
  collectPageWrites(doc);
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
