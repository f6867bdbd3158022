import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import {
  grantCount,
  lastMoment,
  mergeCategoryTotals,
  newestMadeAt,
  overviewTotals,
  PREVENTED_NOTE,
  TOTAL_LABEL,
  type ExportTotals,
} from './export-totals.ts';
import { formatCentsDecimal } from '../text/money.ts';
import type { CategoryTotal, Overview } from './overview.ts';
import { ZONE } from '../text/time.ts';
import { localDay } from './local-day.ts';

/**
 * The overview export as CSV for Dutch Excel (docs/rules.md rule 10): UTF-8 with a BOM, `;` between
 * cells, CRLF after every row, amounts as plain decimal-comma numbers (`1967,00`, no `€`, no
 * thousands dot), dates as dd-mm-jjjj and times as HH:mm (Europe/Amsterdam).
 *
 * The file is a stack of blocks separated by one empty row. Every block starts with a row holding
 * only its title, then a header row, then its rows:
 *
 * - the preamble (no header row): what the file is, when the overviews were made, the note that
 *   prevented costs are the teams' own estimates, and whether household codes are in it;
 * - `Samenvatting`: one row per team, and a `TOTAAL` row when there are several teams;
 * - `Toekenningen`: one row per grant, then a `TOTAAL` row;
 * - `Per categorie`: one row per team and category, and `TOTAAL` rows per category for several teams;
 * - `Niet doorgegaan`: the expired and cancelled requests;
 * - `Bijna aan het maximum`: only with household codes, the households near their cap.
 *
 * The figures agree with the ledger: per team `Uitgegeven` = `Toekenningen (bedrag)` +
 * `Correcties eerdere toekenningen`, and the grants' `Bedrag` column adds up to
 * `Toekenningen (bedrag)`.
 */

/**
 * A local date as dd-mm-jjjj (Amsterdam).
 *
 * @example
 * dutchDate('2026-03-01T23:30:00.000Z') // '02-03-2026'
 */
export function dutchDate(iso: string | Date): string {
  const [year, month, day] = localDay(iso).split('-');
  return `${day}-${month}-${year}`;
}

/** A local time as HH:mm (Amsterdam). */
function dutchTime(iso: string | Date): string {
  return format(new TZDate(new Date(iso).getTime(), ZONE), 'HH:mm');
}

/** A number with a decimal comma (medians can be halves). */
function decimal(value: number): string {
  return String(value).replace('.', ',');
}

/** Characters that make Excel read a text cell as a formula. */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** A free-text cell (typed in a chat): never read as a formula by Excel. */
function text(value: string): string {
  return FORMULA_START.has(value[0] ?? '') ? `'${value}` : value;
}

/**
 * One CSV cell: quoted when it holds `;`, `"`, a line break or spaces at its edges.
 *
 * @example
 * csvCell('huur "maart"; deel 1') // '"huur ""maart""; deel 1"'
 */
export function csvCell(value: string): string {
  return /[;"\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The overviews (one per team, or one) as a CSV file that Dutch Excel opens right.
 *
 * @example
 * const bytes = overviewsToCsv([overview], { households: false })
 * new TextDecoder().decode(bytes.subarray(3)).split('\r\n')[0] // 'Mini-Maatwerk Budget;Overzicht'
 */
export function overviewsToCsv(
  overviews: readonly Overview[],
  options: { households: boolean },
): Uint8Array {
  const rows: string[][] = [];
  const euro = formatCentsDecimal;
  const several = overviews.length > 1;
  const madeAt = newestMadeAt(overviews);

  rows.push(['Mini-Maatwerk Budget', 'Overzicht']);
  rows.push(madeAt ? ['Gemaakt op', dutchDate(madeAt), dutchTime(madeAt)] : ['Gemaakt op']);
  rows.push(['Let op', PREVENTED_NOTE]);
  rows.push([
    'Huishoudcodes',
    options.households ? 'opgenomen (alleen voor intern gebruik)' : 'weggelaten',
  ]);

  rows.push([], ['Samenvatting']);
  rows.push([
    'Team',
    'Teamnaam',
    'Ronde',
    'Van',
    'T/m',
    'Uitgegeven',
    'Toekenningen (bedrag)',
    'Correcties eerdere toekenningen',
    'Gestort',
    'Vervallen restant',
    'Saldo',
    'Gereserveerd',
    'Voorkomen (schatting team)',
    'Toekenningen (aantal)',
    'Verlopen',
    'Geannuleerd',
    'Beslistijd mediaan (min)',
    'Stemmers',
    'Stemmen',
  ]);
  const summary = (first: string[], t: ExportTotals, medianMinutes: number | null): string[] => [
    ...first,
    euro(t.spentCents),
    euro(t.grantedCents),
    euro(t.earlierCorrectionsCents),
    euro(t.depositedCents),
    euro(t.lapsedCents),
    euro(t.balanceCents),
    euro(t.reservedCents),
    euro(t.preventedCents),
    String(t.grants),
    String(t.expired),
    String(t.cancelled),
    medianMinutes === null ? '' : decimal(medianMinutes),
    String(t.voters),
    String(t.votes),
  ];
  for (const o of overviews) {
    rows.push(
      summary(
        [
          o.teamId,
          text(o.teamName),
          o.cycle === null ? '' : String(o.cycle),
          dutchDate(o.from),
          dutchDate(lastMoment(o)),
        ],
        overviewTotals([o]),
        o.medianDecisionMinutes,
      ),
    );
  }
  if (several) {
    const from = Math.min(...overviews.map((o) => Date.parse(o.from)));
    const to = Math.max(...overviews.map((o) => Date.parse(o.to)));
    rows.push(
      summary(
        [
          TOTAL_LABEL,
          `Alle teams (${overviews.length})`,
          '',
          dutchDate(new Date(from)),
          dutchDate(new Date(to - 1)),
        ],
        overviewTotals(overviews),
        null,
      ),
    );
  }

  rows.push([], ['Toekenningen']);
  const household = (code: string) => (options.households ? [text(code)] : []);
  rows.push([
    'Team',
    'Datum',
    'Tijd',
    'Nr',
    'Categorie',
    'Omschrijving',
    'Bedrag',
    'Voorkomen (schatting team)',
    'Wat het voorkomt',
    ...(options.households ? ['Huishouden'] : []),
  ]);
  for (const o of overviews) {
    for (const g of o.grants) {
      rows.push([
        o.teamId,
        dutchDate(g.decidedAt),
        dutchTime(g.decidedAt),
        String(g.number),
        text(g.category),
        text(g.description),
        euro(g.amountCents),
        g.preventedCents === null ? '' : euro(g.preventedCents),
        text(g.preventedText ?? ''),
        ...household(g.household),
      ]);
    }
  }
  const all = overviewTotals(overviews);
  rows.push([
    TOTAL_LABEL,
    '',
    '',
    '',
    '',
    grantCount(all.grants),
    euro(all.grantedCents),
    euro(all.preventedCents),
  ]);

  rows.push([], ['Per categorie']);
  rows.push(['Team', 'Categorie', 'Toekenningen', 'Bedrag', 'Voorkomen (schatting team)']);
  const categoryRow = (team: string, c: CategoryTotal) => [
    team,
    text(c.category),
    String(c.grants),
    euro(c.amountCents),
    euro(c.preventedCents),
  ];
  for (const o of overviews) for (const c of o.categories) rows.push(categoryRow(o.teamId, c));
  if (several) {
    for (const c of mergeCategoryTotals(overviews)) rows.push(categoryRow(TOTAL_LABEL, c));
  }

  rows.push([], ['Niet doorgegaan']);
  rows.push([
    'Team',
    'Status',
    'Datum',
    'Tijd',
    'Nr',
    'Omschrijving',
    'Bedrag',
    ...(options.households ? ['Huishouden'] : []),
  ]);
  for (const o of overviews) {
    const lines = [
      ...o.expired.map((r) => ({ r, status: 'verlopen' })),
      ...o.cancelled.map((r) => ({ r, status: 'geannuleerd' })),
    ].sort((a, b) => a.r.decidedAt.localeCompare(b.r.decidedAt) || a.r.number - b.r.number);
    for (const { r, status } of lines) {
      rows.push([
        o.teamId,
        status,
        dutchDate(r.decidedAt),
        dutchTime(r.decidedAt),
        String(r.number),
        text(r.description),
        euro(r.amountCents),
        ...household(r.household),
      ]);
    }
  }

  if (options.households) {
    rows.push([], ['Bijna aan het maximum']);
    rows.push(['Team', 'Huishouden', 'Gebruikt', 'Maximum']);
    for (const o of overviews) {
      for (const h of o.nearCap) {
        rows.push([o.teamId, text(h.household), euro(h.usedCents), euro(h.capCents)]);
      }
    }
  }

  const body = rows.map((row) => row.map(csvCell).join(';') + '\r\n').join('');
  const encoded = new TextEncoder().encode(body);
  const bytes = new Uint8Array(encoded.length + 3);
  bytes.set([0xef, 0xbb, 0xbf]);
  bytes.set(encoded, 3);
  return bytes;
}
