import {
  mergeCategoryTotals,
  overviewTotals,
  type ExportTotals,
} from '../overview/export-totals.ts';
import type { Overview } from '../overview/overview.ts';
import type { OverviewRequest } from '../overview/overview-store.ts';
import { cycleAt } from '../overview/overview-slots.ts';
import type { Team } from '../store/teams.ts';
import type { OverviewOf } from './web-cache.ts';
import { localDateOf, startOfLocalDate } from '../text/time.ts';

/**
 * The monitor's figures. Every one is taken from the same overviews `/rapport` and `/export` make
 * (overviewFor) and added up by the same function as the exports' totals (overviewTotals), so the
 * page cannot say anything else than the files: the running round is `/rapport`'s, the year is
 * `/rapport 2026`'s, a round is `/export ronde N`'s.
 */

/** The local calendar year holding `now`, as `/rapport 2026` reads it. */
export function yearRequest(year: number): OverviewRequest {
  return {
    kind: 'range',
    from: startOfLocalDate(`${year}-01-01`),
    to: startOfLocalDate(`${year + 1}-01-01`),
  };
}

/** The local year of a moment. */
export const yearOf = (at: Date): number => Number(localDateOf(at).slice(0, 4));

/** What the first screen shows of one team: its running round and its year so far. */
export interface TeamNow {
  team: Team;
  round: Overview | null;
  year: Overview | null;
}

/**
 * The running round and the year of each team, as of `now`.
 *
 * @example
 * teamsNow(overviewOf, teams, now)[0].round?.cycle // 9
 */
export function teamsNow(overviewOf: OverviewOf, teams: readonly Team[], now: Date): TeamNow[] {
  const year = yearRequest(yearOf(now));
  return teams.map((team) => ({
    team,
    round: overviewOf(team, { kind: 'current' }),
    year: overviewOf(team, year),
  }));
}

/** The figures of one or several overviews as the page shows them. */
export interface Figures extends ExportTotals {
  /** Saldo minus what open requests reserve. */
  availableCents: number;
  /** The teams' yearly pot (their configuration), added up. */
  potCents: number;
  /** Median minutes to a decision: only for one team (as in the exports' total row: none). */
  medianDecisionMinutes: number | null;
  /** Households near the cap, counted (never named). */
  nearCap: number;
}

/**
 * The figures of some overviews: the exports' totals (overviewTotals) and what follows from them.
 *
 * @example
 * figuresOf([noord]).availableCents // noord.balanceCents - noord.reservedCents
 */
export function figuresOf(overviews: readonly Overview[]): Figures {
  const totals = overviewTotals(overviews);
  return {
    ...totals,
    availableCents: totals.balanceCents - totals.reservedCents,
    potCents: overviews.reduce((sum, o) => sum + o.potCents, 0),
    medianDecisionMinutes: overviews.length === 1 ? overviews[0]!.medianDecisionMinutes : null,
    nearCap: overviews.reduce((sum, o) => sum + o.nearCap.length, 0),
  };
}

/**
 * Every round of a team from the first to the running one, as `/export ronde N` gives them (a
 * finished round as it was stored; the running one as `/rapport` counts it so far).
 *
 * @example
 * roundsOf(overviewOf, team, now).map((o) => o.cycle) // [1, 2, …, 9]
 */
export function roundsOf(overviewOf: OverviewOf, team: Team, now: Date): Overview[] {
  const running = cycleAt(team.settings, now);
  if (!running) return [];
  const rounds: Overview[] = [];
  for (let n = 1; n <= running.number; n++) {
    const overview = overviewOf(
      team,
      n === running.number ? { kind: 'current' } : { kind: 'cycle', cycle: n },
    );
    if (overview) rounds.push(overview);
  }
  return rounds;
}

/** Category totals of some overviews, largest first (as the exports' category block). */
export const categoriesOf = mergeCategoryTotals;

/** The grant total of an overview (what the exports call "Toekenningen (bedrag)"). */
export const grantedOf = (overview: Overview): number =>
  overview.grants.reduce((sum, g) => sum + g.amountCents, 0);
