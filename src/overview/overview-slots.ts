import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks } from 'date-fns';
import { startOfLocalDate, ZONE } from '../text/time.ts';

/** What the overview rhythm of a team depends on. */
export interface OverviewRhythm {
  startDate: string;
  overviewWeeks: number;
  /** ISO weekday: 1 is Monday. */
  overviewWeekday: number;
  /** Local time of day, HH:mm. */
  overviewTime: string;
}

/** A cycle: the overview of cycle `number` covers `from` (inclusive) to `to` (exclusive), posted at `to`. */
export interface Cycle {
  number: number;
  from: Date;
  to: Date;
}

/** The first overview weekday at the overview time on or after the start date (Amsterdam time). */
function anchor(rhythm: OverviewRhythm): TZDate {
  const start = new TZDate(startOfLocalDate(rhythm.startDate).getTime(), ZONE);
  const isoWeekday = ((start.getDay() + 6) % 7) + 1;
  const day = addDays(start, (rhythm.overviewWeekday - isoWeekday + 7) % 7);
  const [hours, minutes] = rhythm.overviewTime.split(':').map(Number) as [number, number];
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes, ZONE);
}

/**
 * The moment overview `number` is due: every `overviewWeeks` weeks on the overview weekday and
 * time (Amsterdam time, so 09:00 stays 09:00 across a daylight-saving change), counting from the
 * first such weekday on or after the team's start date.
 *
 * @example
 * overviewSlot({ startDate: '2026-01-05', overviewWeeks: 6, overviewWeekday: 1, overviewTime: '09:00' }, 1)
 * // 2026-02-16 09:00 Amsterdam
 */
export function overviewSlot(rhythm: OverviewRhythm, number: number): Date {
  const key = `${rhythm.startDate}|${rhythm.overviewWeeks}|${rhythm.overviewWeekday}|${rhythm.overviewTime}|${number}`;
  let ms = slots.get(key);
  if (ms === undefined) {
    ms = addWeeks(anchor(rhythm), number * rhythm.overviewWeeks).getTime();
    if (slots.size > 10_000) slots.clear();
    slots.set(key, ms);
  }
  return new Date(ms);
}

// A slot never moves for the same rhythm; time-zone arithmetic is slow, so remember them.
const slots = new Map<string, number>();

/**
 * Cycle `number` (from 1): from the team's start (cycle 1) or the previous slot, to its own slot.
 *
 * @example
 * cycleByNumber(rhythm, 1) // { number: 1, from: 2026-01-05 00:00, to: 2026-02-16 09:00 }
 */
export function cycleByNumber(rhythm: OverviewRhythm, number: number): Cycle {
  const from = number === 1 ? startOfLocalDate(rhythm.startDate) : overviewSlot(rhythm, number - 1);
  return { number, from, to: overviewSlot(rhythm, number) };
}

/**
 * The cycle that holds `at`, or null before the team's start.
 *
 * @example
 * cycleAt(rhythm, new Date('2026-03-02T12:00:00+01:00'))?.number // 2
 */
export function cycleAt(rhythm: OverviewRhythm, at: Date): Cycle | null {
  if (at < startOfLocalDate(rhythm.startDate)) return null;
  const weekMs = 7 * 24 * 3_600_000 * rhythm.overviewWeeks;
  let number = Math.max(1, Math.floor((at.getTime() - anchor(rhythm).getTime()) / weekMs));
  while (number > 1 && overviewSlot(rhythm, number - 1) > at) number -= 1;
  while (overviewSlot(rhythm, number) <= at) number += 1;
  return cycleByNumber(rhythm, number);
}
