import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { localDay, localDayText, nextDay } from '../../src/overview/local-day.ts';
import { localDateOf, startOfLocalDate, ZONE } from '../../src/text/time.ts';

const MINUTE = 60_000;

describe('localDay', () => {
  it('gives the same local date as localDateOf for every 11 minutes of 2026', () => {
    const from = Date.parse('2025-12-31T12:00:00Z');
    const to = Date.parse('2027-01-01T12:00:00Z');
    const wrong: string[] = [];
    for (let ms = from; ms < to; ms += 11 * MINUTE) {
      const at = new Date(ms);
      if (localDay(at) !== localDateOf(at)) wrong.push(at.toISOString());
    }
    expect(wrong).toEqual([]);
  });

  it('is right on both sides of midnight and of the summer-time changes, to the millisecond', () => {
    for (const iso of [
      '2026-03-28T22:59:59.999Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T21:59:59.999Z',
      '2026-03-29T22:00:00.000Z',
      '2026-10-24T21:59:59.999Z',
      '2026-10-24T22:00:00.000Z',
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T22:59:59.999Z',
      '2026-10-25T23:00:00.000Z',
    ]) {
      expect(localDay(iso), iso).toBe(localDateOf(new Date(iso)));
    }
  });
});

describe('nextDay', () => {
  it('is the day after, as 36 hours after local midnight is, for every day from 2024 to 2030', () => {
    const wrong: string[] = [];
    for (let day = '2024-01-01'; day < '2031-01-01'; day = nextDay(day)) {
      const after = localDateOf(new Date(startOfLocalDate(day).getTime() + 36 * 3_600_000));
      if (nextDay(day) !== after) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });
});

describe('localDayText', () => {
  it('writes dd, MM, yyyy and yy as date-fns does in Amsterdam time', () => {
    for (const iso of ['2026-03-01T23:30:00Z', '2026-12-31T23:00:00Z', '2027-01-01T00:30:00Z']) {
      for (const pattern of ['dd-MM-yyyy', 'dd-MM', 'dd-MM-yy', 'yyyy-MM-dd']) {
        expect(localDayText(iso, pattern)).toBe(format(new TZDate(Date.parse(iso), ZONE), pattern));
      }
    }
  });

  it('leaves any other pattern to date-fns', () => {
    expect(localDayText('2026-03-01T23:30:00Z', 'HH:mm')).toBeNull();
    expect(localDayText('2026-03-01T23:30:00Z', 'd MMM')).toBeNull();
  });
});
