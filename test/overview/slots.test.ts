import { describe, expect, it } from 'vitest';
import { cycleAt, cycleByNumber, overviewSlot } from '../../src/overview/overview-slots.ts';

const rhythm = {
  startDate: '2026-01-05',
  overviewWeeks: 6,
  overviewWeekday: 1,
  overviewTime: '09:00',
};

describe('overviewSlot', () => {
  it('falls every six weeks on Monday 09:00 Amsterdam time, counting from the start date', () => {
    expect(overviewSlot(rhythm, 1).toISOString()).toBe('2026-02-16T08:00:00.000Z');
    expect(overviewSlot(rhythm, 2).toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('keeps 09:00 local across the daylight-saving changes of March and October', () => {
    // 29 March 2026 clocks go forward, 25 October back: 09:00 is 08:00 UTC in winter, 07:00 in summer.
    expect(overviewSlot(rhythm, 2).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(overviewSlot(rhythm, 6).toISOString()).toBe('2026-09-14T07:00:00.000Z');
    expect(overviewSlot(rhythm, 7).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });

  it('runs on over the year boundary without a break', () => {
    expect(overviewSlot(rhythm, 8).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(overviewSlot(rhythm, 9).toISOString()).toBe('2027-01-18T08:00:00.000Z');
    const gap = overviewSlot(rhythm, 9).getTime() - overviewSlot(rhythm, 8).getTime();
    expect(gap).toBe(42 * 24 * 3_600_000);
  });

  it('starts on the first Monday on or after a start date that is not a Monday', () => {
    const wednesday = { ...rhythm, startDate: '2026-11-25' };
    expect(overviewSlot(wednesday, 0).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(overviewSlot(wednesday, 1).toISOString()).toBe('2027-01-11T08:00:00.000Z');
  });

  it('follows a team that chose another day and time', () => {
    const friday = { ...rhythm, overviewWeekday: 5, overviewTime: '14:30', overviewWeeks: 4 };
    expect(overviewSlot(friday, 1).toISOString()).toBe('2026-02-06T13:30:00.000Z');
  });
});

describe('cycleAt and cycleByNumber', () => {
  it('puts the first cycle from the start date to the first slot', () => {
    expect(cycleByNumber(rhythm, 1)).toEqual({
      number: 1,
      from: new Date('2026-01-05T00:00:00+01:00'),
      to: new Date('2026-02-16T09:00:00+01:00'),
    });
  });

  it('finds the cycle of a moment, a slot belonging to the next cycle', () => {
    expect(cycleAt(rhythm, new Date('2026-02-16T08:59:59+01:00'))?.number).toBe(1);
    expect(cycleAt(rhythm, new Date('2026-02-16T09:00:00+01:00'))?.number).toBe(2);
    expect(cycleAt(rhythm, new Date('2027-01-18T09:00:00+01:00'))?.number).toBe(10);
  });

  it('has no cycle before the start date', () => {
    expect(cycleAt(rhythm, new Date('2026-01-04T23:00:00+01:00'))).toBeNull();
  });
});
