import { TZDate } from '@date-fns/tz';
import { addLocalMonths, startOfLocalDate, ZONE } from '../text/time.ts';

/** A budget period: from `start` (inclusive) to `end` (exclusive). */
export interface Period {
  start: Date;
  end: Date;
}

/**
 * The budget period that holds `at`: periods of `periodMonths` months counted from 1 January
 * (Amsterdam time) of the start date's year, so the default of 12 is the calendar year.
 * Null before the team's start date.
 *
 * @example
 * periodContaining({ startDate: '2026-03-02', periodMonths: 12 }, new Date('2026-07-01'))
 * // { start: 2026-01-01 00:00 Amsterdam, end: 2027-01-01 00:00 Amsterdam }
 */
export function periodContaining(
  settings: { startDate: string; periodMonths: number },
  at: Date,
): Period | null {
  const teamStart = startOfLocalDate(settings.startDate);
  if (at.getTime() < teamStart.getTime()) return null;
  const key = `${settings.startDate}|${settings.periodMonths}`;
  const known = knownPeriods.get(key) ?? [];
  const hit = known.find(
    (p) => p.start.getTime() <= at.getTime() && at.getTime() < p.end.getTime(),
  );
  if (hit) return { start: new Date(hit.start), end: new Date(hit.end) };
  const period = computePeriod(settings, at);
  if (knownPeriods.size > 1000) knownPeriods.clear();
  knownPeriods.set(key, [...known.slice(-50), period]);
  return { start: new Date(period.start), end: new Date(period.end) };
}

// Periods never change for the same rules; time-zone arithmetic is slow, so remember them.
const knownPeriods = new Map<string, Period[]>();

function computePeriod(settings: { startDate: string; periodMonths: number }, at: Date): Period {
  const anchorYear = Number(settings.startDate.slice(0, 4));
  const anchor = startOfLocalDate(`${anchorYear}-01-01`);
  const local = new TZDate(at.getTime(), ZONE);
  const monthsSinceAnchor = (local.getFullYear() - anchorYear) * 12 + local.getMonth();
  const index = Math.floor(monthsSinceAnchor / settings.periodMonths);
  return {
    start: addLocalMonths(anchor, index * settings.periodMonths),
    end: addLocalMonths(anchor, (index + 1) * settings.periodMonths),
  };
}

/**
 * When a period really opens for a team: its start, or the team's start date if that is later.
 *
 * @example
 * periodOpensAt({ startDate: '2026-03-02' }, period2026) // 2026-03-02 00:00 Amsterdam
 */
export function periodOpensAt(settings: { startDate: string }, period: Period): Date {
  const teamStart = startOfLocalDate(settings.startDate).getTime();
  return new Date(Math.max(teamStart, period.start.getTime()));
}
