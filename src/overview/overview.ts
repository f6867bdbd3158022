import { IMPORT_ACTOR } from '../store/imports.ts';
import { categorize, mergeCategories } from '../text/categories.ts';
import { periodContaining } from '../rules/periods.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';
import {
  balanceBefore,
  bookedOnEarlierRequests,
  bookedOnRequests,
  decidedInRange,
  depositedInRange,
  grantsBookedInRange,
  householdUseAt,
  lapsedInRange,
  reservedAt,
  votesInRange,
  type DecidedRow,
} from './range-store.ts';

/** One grant in an overview: what a request cost the pot, as booked before the overview's end. */
export interface OverviewGrant {
  number: number;
  /** When it was approved (ISO). */
  decidedAt: string;
  description: string;
  category: string;
  /** Net: the grant with the corrections and reversals booked before the overview's end. */
  amountCents: number;
  household: string;
  /** What the team estimates the grant prevented, if the request said so. */
  preventedCents: number | null;
  preventedText: string | null;
}

/** An expired or cancelled request in an overview. */
export interface OverviewRequest {
  number: number;
  decidedAt: string;
  description: string;
  amountCents: number;
  household: string;
}

export interface CategoryTotal {
  category: string;
  grants: number;
  amountCents: number;
  preventedCents: number;
}

/** A household that used most of its cap in the budget period that holds the overview's end. */
export interface NearCap {
  household: string;
  usedCents: number;
  capCents: number;
}

/**
 * The overview of one team over a range of time: what docs/rules.md rule 9 asks for. Every money
 * figure comes from the ledger, so `spentCents` is exactly the grants' total plus
 * `earlierCorrectionsCents`, and `balanceCents` is the ledger's sum at `to`.
 */
export interface Overview {
  teamId: string;
  teamName: string;
  /** The six-weekly cycle number, or null for any other range. */
  cycle: number | null;
  from: string;
  to: string;
  madeAt: string;
  grants: OverviewGrant[];
  categories: CategoryTotal[];
  expired: OverviewRequest[];
  cancelled: OverviewRequest[];
  /** What left the pot in the range (grants, corrections and reversals booked in it). */
  spentCents: number;
  /** Corrections and reversals booked in the range on grants approved before it (+ is extra cost). */
  earlierCorrectionsCents: number;
  depositedCents: number;
  /** The unspent rest of a previous budget period that lapsed in the range (≤ 0). */
  lapsedCents: number;
  balanceCents: number;
  reservedCents: number;
  /** The team's estimate of what the grants prevented (only where a request said so). */
  preventedCents: number;
  nearCap: NearCap[];
  /** Median minutes from request to approval, over the grants in the range. */
  medianDecisionMinutes: number | null;
  /** How many colleagues voted in the range, and how many votes they cast. */
  voters: number;
  votes: number;
  potCents: number;
  householdCapCents: number;
}

/**
 * The median of a list of numbers (the mean of the middle two for an even count).
 *
 * @example
 * median([5, 1, 3]) // 3
 * median([]) // null
 */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Computes the overview of a team from `from` (inclusive) to `to` (exclusive), as the database
 * stands. Pure reading: nothing is written.
 */
export function computeOverview(
  sql: Statements,
  team: Team,
  range: { from: Date; to: Date; cycle: number | null },
  madeAt: Date,
): Overview {
  const from = range.from.getTime();
  const to = range.to.getTime();
  const table = mergeCategories(team.settings.categories);
  const decided = (status: string) => decidedInRange(sql, team.id, status, from, to);
  // What each grant of the range was worth at `to` (its grant and corrections).
  const booked = grantsBookedInRange(sql, team.id, from, to);
  const grants = decided('approved').map((r) => {
    const amountCents = 0 - (booked.get(r.id) ?? 0);
    const grant: OverviewGrant = {
      number: r.number,
      decidedAt: new Date(r.decided_at).toISOString(),
      description: r.description,
      category: categorize(r.description, table),
      amountCents,
      household: r.household,
      // A grant that was reversed in full prevented nothing the team can claim.
      preventedCents: amountCents > 0 ? r.prevented_cents : null,
      preventedText: r.prevented_text,
    };
    return { row: r, grant };
  });
  const toLine = (r: DecidedRow): OverviewRequest => ({
    number: r.number,
    decidedAt: new Date(r.decided_at).toISOString(),
    description: r.description,
    amountCents: r.amount_cents,
    household: r.household,
  });
  const spentCents = 0 - bookedOnRequests(sql, team.id, from, to);
  const earlierCorrectionsCents = 0 - bookedOnEarlierRequests(sql, team.id, from, to);
  const byCategory = new Map<string, CategoryTotal>();
  for (const { grant } of grants) {
    const total = byCategory.get(grant.category) ?? {
      category: grant.category,
      grants: 0,
      amountCents: 0,
      preventedCents: 0,
    };
    total.grants += 1;
    total.amountCents += grant.amountCents;
    total.preventedCents += grant.preventedCents ?? 0;
    byCategory.set(grant.category, total);
  }
  const votes = votesInRange(sql, team.id, from, to);
  return {
    teamId: team.id,
    teamName: team.name,
    cycle: range.cycle,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    madeAt: madeAt.toISOString(),
    grants: grants.map((g) => g.grant),
    categories: [...byCategory.values()].sort(
      (a, b) => b.amountCents - a.amountCents || a.category.localeCompare(b.category),
    ),
    expired: decided('expired').map(toLine),
    cancelled: decided('cancelled').map(toLine),
    spentCents,
    earlierCorrectionsCents,
    depositedCents: depositedInRange(sql, team.id, from, to),
    lapsedCents: lapsedInRange(sql, team.id, from, to),
    balanceCents: balanceBefore(sql, team.id, to),
    reservedCents: reservedAt(sql, team.id, to),
    preventedCents: grants.reduce((total, g) => total + (g.grant.preventedCents ?? 0), 0),
    nearCap: nearCap(sql, team, range.to),
    // A grant brought in by `mmb import grants` was never voted on here: it has no decision time.
    medianDecisionMinutes: median(
      grants
        .filter((g) => g.row.decided_by !== IMPORT_ACTOR)
        .map((g) => Math.round((g.row.decided_at - g.row.created_at) / 60_000)),
    ),
    voters: votes.length,
    votes: votes.reduce((total, v) => total + v.n, 0),
    potCents: team.settings.potCents,
    householdCapCents: team.settings.householdCapCents,
  };
}

/** Households at or above the team's near-cap share of their cap, in the period holding `to`. */
function nearCap(sql: Statements, team: Team, to: Date): NearCap[] {
  const period = periodContaining(team.settings, new Date(to.getTime() - 1));
  if (!period) return [];
  const cap = team.settings.householdCapCents;
  const rows = householdUseAt(sql, team.id, period.start.getTime(), to.getTime());
  return rows
    .filter((row) => row.used * 100 >= cap * team.settings.nearCapPercent && row.used > 0)
    .map((row) => ({ household: row.household, usedCents: row.used, capCents: cap }))
    .sort((a, b) => b.usedCents - a.usedCents || a.household.localeCompare(b.household));
}
