import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { nl } from 'date-fns/locale';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDay, formatDeadline, ZONE } from '../../src/text/time.ts';

/** The formatting as it was before it was remembered per hour: date-fns on a TZDate, each call. */
const reference = {
  deadline: (at: Date) =>
    format(new TZDate(at.getTime(), ZONE), 'EEEEEE d MMM HH:mm', { locale: nl }).replace('.', ''),
  day: (at: Date) =>
    format(new TZDate(at.getTime(), ZONE), 'd MMM yyyy', { locale: nl }).replace('.', ''),
};

const HOUR = 3_600_000;
/** The UTC instants Amsterdam's clocks changed (01:00 UTC on the last Sunday of March and October). */
const transitions = Array.from({ length: 2040 - 1977 }, (_, i) => 1977 + i).flatMap((year) =>
  [2, 9].map((month) => {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    return last.getTime() - last.getUTCDay() * 24 * HOUR;
  }),
);

describe('formatDeadline and formatDay', () => {
  it('show what date-fns shows for any instant from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const at = new Date(ms);
        expect(formatDeadline(at)).toBe(reference.deadline(at));
        expect(formatDay(at)).toBe(reference.day(at));
      }),
      { numRuns: 5_000 },
    );
  });

  it('show what date-fns shows within three hours of every clock change, to the second', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        fc.integer({ min: -3 * HOUR, max: 3 * HOUR }),
        (transition, offset) => {
          const at = new Date(transition + offset);
          expect(formatDeadline(at)).toBe(reference.deadline(at));
          expect(formatDay(at)).toBe(reference.day(at));
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('show the hour before and after the spring and autumn changes of 2026', () => {
    expect(formatDeadline(new Date('2026-03-29T00:59:00Z'))).toBe('zo 29 mrt 01:59');
    expect(formatDeadline(new Date('2026-03-29T01:00:00Z'))).toBe('zo 29 mrt 03:00');
    expect(formatDeadline(new Date('2026-10-25T00:59:59Z'))).toBe('zo 25 okt 02:59');
    expect(formatDeadline(new Date('2026-10-25T01:00:00Z'))).toBe('zo 25 okt 02:00');
    expect(formatDay(new Date('2026-12-31T23:30:00Z'))).toBe('1 jan 2027');
  });
});
