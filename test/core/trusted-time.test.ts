/**
 * Rule 14 (docs/rules.md), the pure part: a sender's device clock decides nothing. trustedTime dates
 * an event whose time a phone set: live at the moment received, backlog within the window since
 * the chat's last event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trustedTime } from '../../src/core/trusted-time.ts';

const NOW = new Date('2026-03-02T10:00:00Z');
const LAST = new Date('2026-03-02T09:00:00Z');
const YEAR = 365 * 86_400_000;
const WEEK = 7 * 86_400_000;

describe('rule 14: trusted time', () => {
  it('counts a live event at the moment the bot received it, whatever the phone says', () => {
    for (const skew of [YEAR, -WEEK, 10 * 60_000, 0]) {
      const platformAt = new Date(NOW.getTime() + skew);
      expect(
        trustedTime({ platformAt, receivedAt: NOW, lastSeenInChat: LAST, backlog: false }),
      ).toEqual(NOW);
    }
  });

  it('keeps a backlog event its own time only within the window since the chat’s last event', () => {
    const at = (platformAt: Date | null, lastSeenInChat: Date | null = LAST) =>
      trustedTime({ platformAt, receivedAt: NOW, lastSeenInChat, backlog: true });
    const within = new Date('2026-03-02T09:30:00Z');
    expect(at(within)).toEqual(within);
    expect(at(new Date(NOW.getTime() + YEAR))).toEqual(NOW); // a year ahead: now
    expect(at(new Date(NOW.getTime() - WEEK))).toEqual(LAST); // a week behind: the last seen
    expect(at(null)).toEqual(NOW); // no time of its own
    expect(at(new Date(NOW.getTime() - WEEK), null)).toEqual(new Date(NOW.getTime() - WEEK)); // a chat never seen
    expect(at(new Date(Number.NaN))).toEqual(NOW);
  });

  it('never goes past now when the bot’s clock stepped back behind the last event', () => {
    const later = new Date(NOW.getTime() + 60_000);
    expect(
      trustedTime({ platformAt: later, receivedAt: NOW, lastSeenInChat: later, backlog: true }),
    ).toEqual(NOW);
  });

  it('property: never later than received, never before the last seen, the phone’s time only inside the window (3,000 cases)', () => {
    const ms = fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 });
    fc.assert(
      fc.property(
        ms,
        fc.option(ms, { nil: null }),
        fc.option(ms, { nil: null }),
        fc.boolean(),
        (received, platform, last, backlog) => {
          const result = trustedTime({
            platformAt: platform === null ? null : new Date(platform),
            receivedAt: new Date(received),
            lastSeenInChat: last === null ? null : new Date(last),
            backlog,
          }).getTime();
          expect(result).toBeLessThanOrEqual(received);
          if (!backlog || platform === null) expect(result).toBe(received);
          if (last !== null && last <= received) expect(result).toBeGreaterThanOrEqual(last);
          const inWindow = platform !== null && platform <= received && (last ?? 0) <= platform;
          if (backlog && inWindow) expect(result).toBe(platform);
          if (result !== received && (last === null || result !== last))
            expect(result).toBe(platform);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('property: a chat’s backlog, taken in the order received, counts in that order (2,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -YEAR, max: YEAR }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 30, maxLength: 30 }),
        (skews, gaps) => {
          let now = NOW.getTime();
          let last: number | null = LAST.getTime();
          const times: number[] = [];
          skews.forEach((skew, i) => {
            now += gaps[i]!;
            const at = trustedTime({
              platformAt: new Date(now + skew),
              receivedAt: new Date(now),
              lastSeenInChat: last === null ? null : new Date(last),
              backlog: true,
            }).getTime();
            times.push(at);
            last = at;
          });
          expect(times).toEqual([...times].sort((a, b) => a - b));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
