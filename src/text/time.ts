import { TZDate } from '@date-fns/tz';
import { addMonths, format, startOfDay } from 'date-fns';
import { nl } from 'date-fns/locale';

/** Every time the bot shows or reasons about in local terms is in this zone. */
export const ZONE = 'Europe/Amsterdam';

/**
 * The start (00:00 Amsterdam time) of a local calendar date, as a UTC instant.
 *
 * @example
 * startOfLocalDate('2026-03-02').toISOString() // '2026-03-01T23:00:00.000Z'
 */
export function startOfLocalDate(isoDate: string): Date {
  let ms = localMidnights.get(isoDate);
  if (ms === undefined) {
    const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
    ms = new TZDate(y, m - 1, d, ZONE).getTime();
    if (localMidnights.size > 10_000) localMidnights.clear();
    localMidnights.set(isoDate, ms);
  }
  return new Date(ms);
}

// Time-zone arithmetic is the slowest thing the engine does; a date's midnight never changes.
const localMidnights = new Map<string, number>();

/**
 * The local calendar date (YYYY-MM-DD, Amsterdam) of an instant.
 *
 * @example
 * localDateOf(new Date('2026-03-01T23:30:00Z')) // '2026-03-02'
 */
export function localDateOf(at: Date): string {
  return format(new TZDate(at.getTime(), ZONE), 'yyyy-MM-dd');
}

/**
 * Adds calendar months in Amsterdam time (so a period keeps starting at local midnight across DST).
 *
 * @example
 * addLocalMonths(startOfLocalDate('2026-01-01'), 12) // 2027-01-01 00:00 Amsterdam
 */
export function addLocalMonths(at: Date, months: number): Date {
  return new Date(startOfDay(addMonths(new TZDate(at.getTime(), ZONE), months)).getTime());
}

/**
 * A short Dutch day and time for deadlines: weekday, day, month and time.
 *
 * @example
 * formatDeadline(new Date('2026-03-05T13:05:00Z')) // 'do 5 mrt 14:05'
 */
export function formatDeadline(at: Date): string {
  return format(new TZDate(at.getTime(), ZONE), 'EEEEEE d MMM HH:mm', { locale: nl }).replace(
    '.',
    '',
  );
}

/**
 * A Dutch date without time.
 *
 * @example
 * formatDay(new Date('2026-12-31T12:00:00Z')) // '31 dec 2026'
 */
export function formatDay(at: Date): string {
  return format(new TZDate(at.getTime(), ZONE), 'd MMM yyyy', { locale: nl }).replace('.', '');
}
