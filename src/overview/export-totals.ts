import type { CategoryTotal, Overview } from './overview.ts';

/**
 * The figures that both exports show (CSV and PDF): totals over one or several overviews, the
 * note on prevented costs, and the small shared phrases. One place, so both files agree.
 */

/** The note that goes with every figure of prevented costs. */
export const PREVENTED_NOTE =
  "Voorkomen kosten zijn een schatting van het team zelf (wat bij een aanvraag na 'voorkomt' stond), geen boeking en geen gemeten besparing.";

/** The first cell of a total row. */
export const TOTAL_LABEL = 'TOTAAL';

/** Figures of one team, or of all teams together, as the exports show them. */
export interface ExportTotals {
  spentCents: number;
  grantedCents: number;
  earlierCorrectionsCents: number;
  depositedCents: number;
  lapsedCents: number;
  balanceCents: number;
  reservedCents: number;
  preventedCents: number;
  grants: number;
  expired: number;
  cancelled: number;
  voters: number;
  votes: number;
}

/**
 * The figures of one overview, or the sum over several (one per team): what the summary rows,
 * the PDF's tiles and its totals page show.
 *
 * @example
 * overviewTotals([noord, zuid]).spentCents // noord.spentCents + zuid.spentCents
 */
export function overviewTotals(overviews: readonly Overview[]): ExportTotals {
  const total: ExportTotals = {
    spentCents: 0,
    grantedCents: 0,
    earlierCorrectionsCents: 0,
    depositedCents: 0,
    lapsedCents: 0,
    balanceCents: 0,
    reservedCents: 0,
    preventedCents: 0,
    grants: 0,
    expired: 0,
    cancelled: 0,
    voters: 0,
    votes: 0,
  };
  for (const o of overviews) {
    total.spentCents += o.spentCents;
    total.grantedCents += o.grants.reduce((sum, g) => sum + g.amountCents, 0);
    total.earlierCorrectionsCents += o.earlierCorrectionsCents;
    total.depositedCents += o.depositedCents;
    total.lapsedCents += o.lapsedCents;
    total.balanceCents += o.balanceCents;
    total.reservedCents += o.reservedCents;
    total.preventedCents += o.preventedCents;
    total.grants += o.grants.length;
    total.expired += o.expired.length;
    total.cancelled += o.cancelled.length;
    total.voters += o.voters;
    total.votes += o.votes;
  }
  return total;
}

/**
 * The category totals over several overviews, largest amount first.
 *
 * @example
 * mergeCategoryTotals([noord, zuid])[0] // { category: 'wonen', grants: 2, amountCents: 38000, … }
 */
export function mergeCategoryTotals(overviews: readonly Overview[]): CategoryTotal[] {
  const merged = new Map<string, CategoryTotal>();
  for (const o of overviews) {
    for (const c of o.categories) {
      const total = merged.get(c.category) ?? {
        category: c.category,
        grants: 0,
        amountCents: 0,
        preventedCents: 0,
      };
      total.grants += c.grants;
      total.amountCents += c.amountCents;
      total.preventedCents += c.preventedCents;
      merged.set(c.category, total);
    }
  }
  return [...merged.values()].sort(
    (a, b) => b.amountCents - a.amountCents || a.category.localeCompare(b.category),
  );
}

/**
 * The last instant inside an overview (its `to` is exclusive), for "t/m" dates.
 *
 * @example
 * lastMoment({ to: '2026-03-30T07:00:00.000Z' }) // 2026-03-30T06:59:59.999Z
 */
export function lastMoment(overview: Pick<Overview, 'to'>): Date {
  return new Date(Date.parse(overview.to) - 1);
}

/** The newest `madeAt` of the overviews (the moment the export describes), or null for none. */
export function newestMadeAt(overviews: readonly Overview[]): Date | null {
  const times = overviews.map((o) => Date.parse(o.madeAt));
  return times.length ? new Date(Math.max(...times)) : null;
}

/**
 * A number of grants in Dutch.
 *
 * @example
 * grantCount(1) // '1 toekenning'
 */
export function grantCount(n: number): string {
  return `${n} ${n === 1 ? 'toekenning' : 'toekenningen'}`;
}
