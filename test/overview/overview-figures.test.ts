import { describe, expect, it } from 'vitest';
import type { Overview } from '../../src/overview/overview.ts';
import { overviewFor } from '../../src/overview/overview-store.ts';
import { findTeam } from '../../src/store/teams.ts';
import { startOfLocalDate } from '../../src/text/time.ts';
import { exportFixture } from './fixture.ts';

/**
 * The overview model against figures worked out by hand from the fixture's story (see
 * fixture.ts): every number below is written out, none is computed by the code under test.
 */

const h = exportFixture();
const now = h.clock.now(); // 30 March 2026 10:00 CEST
const overview = (team: string, request: Parameters<typeof overviewFor>[2]) =>
  overviewFor(h.engine.sql, findTeam(h.engine.sql, team)!, request, now)!;

/** Noord, cycle 2 (16 Feb 09:00 CET – 30 Mar 09:00 CEST), as the engine stored it at its slot. */
const NOORD_CYCLE_2: Overview = {
  teamId: 'noord',
  teamName: 'Team Noord',
  cycle: 2,
  from: '2026-02-16T08:00:00.000Z',
  to: '2026-03-30T07:00:00.000Z',
  madeAt: '2026-03-30T07:00:00.000Z',
  grants: [
    {
      number: 2,
      decidedAt: '2026-03-02T10:00:00.000Z', // erik's "ja" at 11:00 CET
      description: 'pinpas leefgeld',
      category: 'levensonderhoud',
      amountCents: 7500,
      household: '7',
      preventedCents: 25000,
      preventedText: 'incassokosten €250',
    },
    {
      number: 3,
      decidedAt: '2026-03-03T08:46:00.000Z',
      description: 'huurachterstand "maart"; deel 1',
      category: 'wonen',
      amountCents: 13000, // € 120,50 + € 9,50 correction on 4 March
      household: '3',
      preventedCents: 200000,
      preventedText: 'ontruiming €2.000',
    },
    {
      number: 6,
      decidedAt: '2026-03-10T09:00:00.000Z',
      description: 'buskaart',
      category: 'vervoer',
      amountCents: 0, // € 40,00 granted and reversed on 11 March
      household: '5',
      preventedCents: null,
      preventedText: null,
    },
  ],
  categories: [
    { category: 'wonen', grants: 1, amountCents: 13000, preventedCents: 200000 },
    { category: 'levensonderhoud', grants: 1, amountCents: 7500, preventedCents: 25000 },
    { category: 'vervoer', grants: 1, amountCents: 0, preventedCents: 0 },
  ],
  expired: [
    {
      number: 4,
      decidedAt: '2026-03-05T09:00:00.000Z',
      description: 'fietsreparatie',
      amountCents: 4500,
      household: '12',
    },
  ],
  cancelled: [
    {
      number: 5,
      decidedAt: '2026-03-05T10:00:00.000Z',
      description: 'schoolreis',
      amountCents: 6000,
      household: '9',
    },
  ],
  // ledger entries on requests in the cycle: +5,00 (#1) -75,00 -120,50 -9,50 -40,00 +40,00
  spentCents: 20000,
  earlierCorrectionsCents: -500, // #1 (cycle 1) corrected from € 33 to € 28
  depositedCents: 25000,
  lapsedCents: 0,
  // 2000,00 - 33,00 + 250,00 - 75,00 + 5,00 - 120,50 - 9,50 - 40,00 + 40,00
  balanceCents: 201700,
  reservedCents: 15000, // #7 (matras € 150) posted 08:00 CEST, still open at 09:00
  preventedCents: 225000,
  nearCap: [], // household 12: € 28 + € 150 open, far below 80 % of € 500
  medianDecisionMinutes: 46, // 0 (#6), 46 (#3), 120 (#2)
  voters: 5, // anna, bas, carla, dirk, erik
  votes: 11, // #2: 3, #3: 4 (one "nee"), #4: 1, #6: 3
  potCents: 200000,
  householdCapCents: 50000,
};

const ZUID_CYCLE_2: Overview = {
  teamId: 'zuid',
  teamName: 'Team Zuid',
  cycle: 2,
  from: '2026-02-16T08:00:00.000Z',
  to: '2026-03-30T07:00:00.000Z',
  madeAt: '2026-03-30T07:00:00.000Z',
  grants: [
    {
      number: 1,
      decidedAt: '2026-02-18T13:30:00.000Z',
      description: 'boodschappen',
      category: 'levensonderhoud',
      amountCents: 5000,
      household: '1',
      preventedCents: 15000,
      preventedText: 'noodhulp €150',
    },
    {
      number: 2,
      decidedAt: '2026-03-11T08:20:00.000Z',
      description: 'energierekening',
      category: 'energie',
      amountCents: 20000,
      household: '2',
      preventedCents: null,
      preventedText: null,
    },
    {
      number: 3,
      decidedAt: '2026-03-12T08:10:00.000Z',
      description: 'koelkast',
      category: 'wonen',
      amountCents: 25000,
      household: '2',
      preventedCents: null,
      preventedText: null,
    },
  ],
  categories: [
    { category: 'wonen', grants: 1, amountCents: 25000, preventedCents: 0 },
    { category: 'energie', grants: 1, amountCents: 20000, preventedCents: 0 },
    { category: 'levensonderhoud', grants: 1, amountCents: 5000, preventedCents: 15000 },
  ],
  expired: [],
  cancelled: [],
  spentCents: 50000,
  earlierCorrectionsCents: 0,
  depositedCents: 0, // the year's € 2.000 was booked on 5 January, in cycle 1
  lapsedCents: 0,
  balanceCents: 150000,
  reservedCents: 0,
  preventedCents: 15000,
  nearCap: [{ household: '2', usedCents: 45000, capCents: 50000 }], // € 200 + € 250 ≥ 80 %
  medianDecisionMinutes: 20, // 10, 20, 30
  voters: 4, // zara, yara, xander, willem
  votes: 9,
  potCents: 200000,
  householdCapCents: 50000,
};

describe('the overview model on the export fixture (hand-computed)', () => {
  it('gives noord cycle 2 exactly', () => {
    expect(overview('noord', { kind: 'cycle', cycle: 2 })).toEqual(NOORD_CYCLE_2);
    expect(overview('noord', { kind: 'previous' })).toEqual(NOORD_CYCLE_2);
  });

  it('gives zuid cycle 2 exactly, with a household near its cap', () => {
    expect(overview('zuid', { kind: 'cycle', cycle: 2 })).toEqual(ZUID_CYCLE_2);
  });

  it('gives noord cycle 1 with the opening deposit at its very start', () => {
    expect(overview('noord', { kind: 'cycle', cycle: 1 })).toMatchObject({
      cycle: 1,
      from: '2026-01-04T23:00:00.000Z', // 5 January 00:00 CET, the team's start
      to: '2026-02-16T08:00:00.000Z',
      grants: [{ number: 1, amountCents: 3300, category: 'wonen', preventedCents: 9500 }],
      spentCents: 3300,
      earlierCorrectionsCents: 0,
      depositedCents: 200000,
      balanceCents: 196700,
      reservedCents: 0,
      preventedCents: 9500,
      medianDecisionMinutes: 15,
      voters: 3,
      votes: 3,
    });
  });

  it('gives any range: February, before #1 was corrected in March', () => {
    const february = overview('noord', {
      kind: 'range',
      from: startOfLocalDate('2026-02-01'),
      to: startOfLocalDate('2026-03-01'),
    });
    expect(february).toEqual({
      teamId: 'noord',
      teamName: 'Team Noord',
      cycle: null,
      from: '2026-01-31T23:00:00.000Z',
      to: '2026-02-28T23:00:00.000Z',
      madeAt: '2026-03-30T08:00:00.000Z',
      grants: [
        {
          number: 1,
          decidedAt: '2026-02-02T09:15:00.000Z',
          description: 'grofvuil',
          category: 'wonen',
          amountCents: 3300, // the € 5,00 correction is booked on 2 March, after the range
          household: '12',
          preventedCents: 9500,
          preventedText: 'boete €95',
        },
      ],
      categories: [{ category: 'wonen', grants: 1, amountCents: 3300, preventedCents: 9500 }],
      expired: [],
      cancelled: [],
      spentCents: 3300,
      earlierCorrectionsCents: 0,
      depositedCents: 25000,
      lapsedCents: 0,
      balanceCents: 221700,
      reservedCents: 0,
      preventedCents: 9500,
      nearCap: [],
      medianDecisionMinutes: 15,
      voters: 3,
      votes: 3,
      potCents: 200000,
      householdCapCents: 50000,
    } satisfies Overview);
  });

  it('keeps spent = grants + corrections on earlier grants, and the balance, equal to the ledger', () => {
    const ledger = h.state().ledger;
    for (const o of [NOORD_CYCLE_2, ZUID_CYCLE_2]) {
      const inRange = ledger.filter(
        (l) => l.team === o.teamId && l.at >= o.from && l.at < o.to && l.request !== null,
      );
      expect(-inRange.reduce((sum, l) => sum + l.amountCents, 0)).toBe(o.spentCents);
      expect(o.grants.reduce((sum, g) => sum + g.amountCents, 0) + o.earlierCorrectionsCents).toBe(
        o.spentCents,
      );
      const before = ledger.filter((l) => l.team === o.teamId && l.at < o.to);
      expect(before.reduce((sum, l) => sum + l.amountCents, 0)).toBe(o.balanceCents);
    }
  });
});
