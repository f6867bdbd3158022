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
  const ms = at.getTime();
  const hour = hourOf(ms);
  if (hour === null) return slowDeadline(ms);
  const minute = Math.floor(ms / MINUTE) - hour.key * 60;
  return `${hour.deadlinePrefix}${minute < 10 ? '0' : ''}${minute}`;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

const slowDeadline = (ms: number): string =>
  format(new TZDate(ms, ZONE), 'EEEEEE d MMM HH:mm', { locale: nl }).replace('.', '');

const slowDay = (ms: number): string =>
  format(new TZDate(ms, ZONE), 'd MMM yyyy', { locale: nl }).replace('.', '');

/** What every instant in one UTC hour shows: the same local day and hour, when the zone's offset is whole hours. */
interface LocalHour {
  key: number;
  /** formatDeadline up to the minutes: 'do 5 mrt 14:'. */
  deadlinePrefix: string;
  day: string;
}

/**
 * Formatting through a TZDate and date-fns costs about 20 µs, and the engine formats a deadline
 * for most events. Amsterdam's offset is whole hours and changes only on the hour (UTC), so one
 * UTC hour shows one local day and hour: that is formatted once and remembered. An hour whose
 * start is not on a local full hour (the zone's local mean time before 1940) is never remembered.
 */
const localHours = new Map<number, LocalHour | null>();

function hourOf(ms: number): LocalHour | null {
  const key = Math.floor(ms / HOUR);
  let hour = localHours.get(key);
  if (hour === undefined) {
    const start = key * HOUR;
    const full = slowDeadline(start);
    hour = full.endsWith(':00')
      ? { key, deadlinePrefix: full.slice(0, -2), day: slowDay(start) }
      : null;
    if (localHours.size >= 10_000) localHours.clear();
    localHours.set(key, hour);
  }
  return hour;
}

/**
 * A Dutch date without time.
 *
 * @example
 * formatDay(new Date('2026-12-31T12:00:00Z')) // '31 dec 2026'
 */
export function formatDay(at: Date): string {
  const ms = at.getTime();
  return hourOf(ms)?.day ?? slowDay(ms);
}

/**
 * A local wall-clock moment (Amsterdam time) as a UTC instant; null when it is no real date.
 *
 * @example
 * localMoment(2026, 11, 27, 14, 5, 0)?.toISOString() // '2026-11-27T13:05:00.000Z'
 * localMoment(2026, 2, 31, 9, 0, 0) // null
 */
export function localMoment(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return null;
  const at = new TZDate(year, month - 1, day, hour, minute, second, ZONE);
  if (at.getDate() !== day || at.getMonth() !== month - 1) return null;
  return new Date(at.getTime());
}
