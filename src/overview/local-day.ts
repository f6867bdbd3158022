import { localDateOf } from '../text/time.ts';

/**
 * Local dates for the exports, which need thousands of them (a row per grant, a point per day of
 * the chart): the same answers as `localDateOf`, without its time-zone arithmetic each time.
 */

const HOUR = 3_600_000;
const dayOfHour = new Map<number, string>();

/**
 * The local date (YYYY-MM-DD, Amsterdam) of an instant, exactly as `localDateOf` gives it,
 * remembered per UTC hour: Amsterdam's offset is whole hours and changes on the hour (01:00 UTC),
 * so every instant of one UTC hour has the same local date. An hour whose first and last
 * millisecond have different local dates is not remembered.
 *
 * @example
 * localDay('2026-03-01T23:30:00.000Z') // '2026-03-02'
 */
export function localDay(at: Date | string): string {
  const ms = new Date(at).getTime();
  const hour = Math.floor(ms / HOUR) * HOUR;
  const known = dayOfHour.get(hour);
  if (known !== undefined) return known;
  const day = localDateOf(new Date(hour));
  if (Number.isNaN(hour) || localDateOf(new Date(hour + HOUR - 1)) !== day) {
    return localDateOf(new Date(ms));
  }
  if (dayOfHour.size >= 100_000) dayOfHour.clear();
  dayOfHour.set(hour, day);
  return day;
}

/**
 * The calendar date after a date (YYYY-MM-DD): plain calendar arithmetic, no time zone.
 *
 * @example
 * nextDay('2026-03-29') // '2026-03-30' (the day summer time starts has 23 hours; still one day)
 */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const DAY_PATTERN = /^(dd|MM|yyyy|yy)(-(dd|MM|yyyy|yy))*$/;

/**
 * A local date in a pattern of `dd`, `MM`, `yyyy` and `yy` joined by `-` (as date-fns writes
 * them), or null for any other pattern.
 *
 * @example
 * localDayText('2026-03-01T23:30:00.000Z', 'dd-MM-yy') // '02-03-26'
 */
export function localDayText(at: Date | string, pattern: string): string | null {
  if (!DAY_PATTERN.test(pattern)) return null;
  const [y, m, d] = localDay(at).split('-') as [string, string, string];
  return pattern.replace(/dd|MM|yyyy|yy/g, (token) =>
    token === 'dd' ? d : token === 'MM' ? m : token === 'yyyy' ? y : y.slice(-2),
  );
}
