import { balanceOf } from './ledger.ts';
import type { Statements } from './statements.ts';

/** The pot of a team now: balance, what open requests reserve, and what is available. */
export interface PotTotals {
  balanceCents: number;
  reservedCents: number;
  availableCents: number;
}

/**
 * The team's pot: available is the balance minus the open reservations (docs/rules.md rule 3).
 *
 * @example
 * potTotals(sql, 'noord') // { balanceCents: 196700, reservedCents: 7500, availableCents: 189200 }
 */
export function potTotals(sql: Statements, teamId: string): PotTotals {
  const balanceCents = balanceOf(sql, teamId);
  const reservedCents = sql.number(
    "SELECT coalesce(sum(amount_cents), 0) FROM requests WHERE team_id = ? AND status = 'open'",
    teamId,
  );
  return { balanceCents, reservedCents, availableCents: balanceCents - reservedCents };
}

/** What one household has in a period: granted (net of corrections), open, and both together. */
export interface HouseholdUsage {
  grantedCents: number;
  openCents: number;
  usedCents: number;
}

/**
 * What a household was granted (net of corrections and reversals) and has open in a period,
 * which together count against the household cap (docs/rules.md rule 4).
 *
 * @example
 * householdUsage(sql, 'noord', '12', periodStart) // { grantedCents: 3300, openCents: 0, usedCents: 3300 }
 */
export function householdUsage(
  sql: Statements,
  teamId: string,
  household: string,
  periodStart: Date,
): HouseholdUsage {
  const grantedCents =
    0 -
    sql.number(
      `SELECT coalesce(sum(l.amount_cents), 0) FROM ledger l JOIN requests r ON r.id = l.request_id
     WHERE r.team_id = ? AND r.household = ? AND r.period_start = ?`,
      teamId,
      household,
      periodStart.getTime(),
    );
  const openCents = sql.number(
    `SELECT coalesce(sum(amount_cents), 0) FROM requests
     WHERE team_id = ? AND household = ? AND period_start = ? AND status = 'open'`,
    teamId,
    household,
    periodStart.getTime(),
  );
  return { grantedCents, openCents, usedCents: grantedCents + openCents };
}

/** Whether more money fits: or the first limit it would break, and what that limit leaves. */
export type BudgetRoom =
  { fits: true } | { fits: false; limit: 'household' | 'pot'; leftCents: number; capCents: number };

/**
 * Whether `extraCents` more can go to a household in a period: the household cap (granted plus
 * open, docs/rules.md rule 4) is checked first, then what is available in the pot (rule 3).
 *
 * @example
 * roomFor(sql, team, '12', periodStart, 6000)
 * // { fits: false, limit: 'household', leftCents: 5000, capCents: 50000 }
 */
export function roomFor(
  sql: Statements,
  team: { id: string; settings: { householdCapCents: number } },
  household: string,
  periodStart: Date,
  extraCents: number,
): BudgetRoom {
  const capCents = team.settings.householdCapCents;
  const householdLeft = capCents - householdUsage(sql, team.id, household, periodStart).usedCents;
  if (extraCents > householdLeft) {
    return { fits: false, limit: 'household', leftCents: Math.max(householdLeft, 0), capCents };
  }
  const { availableCents } = potTotals(sql, team.id);
  if (extraCents > availableCents) {
    return { fits: false, limit: 'pot', leftCents: Math.max(availableCents, 0), capCents };
  }
  return { fits: true };
}
