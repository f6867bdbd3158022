import { describe, expect, it } from 'vitest';
import { EXPORT_CONFIG, exportFixture } from './fixture.ts';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { overviewsToCsv } from '../../src/overview/export-csv.ts';
import { overviewsToPdf } from '../../src/overview/export-pdf.ts';
import { computeOverview } from '../../src/overview/overview.ts';
import { cycleByNumber } from '../../src/overview/overview-slots.ts';
import {
  lastStoredCycle,
  overviewFor,
  saveOverview,
  storedOverview,
} from '../../src/overview/overview-store.ts';
import { findTeam } from '../../src/store/teams.ts';

describe('an export of a stored cycle', () => {
  it('gives the same bytes after new requests, corrections, a deposit and a renamed team', async () => {
    const h = exportFixture();
    const sql = h.engine.sql;
    const team = () => findTeam(sql, 'noord')!;
    const cycle = cycleByNumber(team().settings, 2);
    const made = computeOverview(sql, team(), { ...cycle, cycle: 2 }, cycle.to);
    saveOverview(sql, made, false); // the engine stored it at its slot already: this keeps that one
    expect(lastStoredCycle(sql, 'noord')).toBeGreaterThanOrEqual(2);
    expect(storedOverview(sql, 'noord', 2)).toEqual(made);

    const exportCycle2 = async () => {
      const overview = overviewFor(sql, team(), { kind: 'cycle', cycle: 2 }, h.clock.now())!;
      return {
        csv: overviewsToCsv([overview], { households: true }),
        pdf: overviewsToPdf([overview], { households: true }),
      };
    };
    const before = await exportCycle2();

    // Cycle 3: #7 is approved, #2 and #3 are corrected, new requests come and go.
    h.say('anna', 'ja #7');
    h.say('bas', 'ja #7');
    h.say('carla', 'ja #7');
    h.say('coco', '/correctie 2 70');
    h.say('coco', '/terugboeken 3');
    h.advance(60);
    h.say('dirk', 'wasmachine €300 hh 4 voorkomt: wasserette €400');
    for (const who of ['anna', 'bas', 'erik']) h.say(who, 'ja #8');
    h.say('coco', '/storten 100');
    // The team is renamed in the configuration.
    h.engine.applyConfig(
      BotConfigSchema.parse({
        ...EXPORT_CONFIG,
        teams: EXPORT_CONFIG.teams.map((t) =>
          t.id === 'noord' ? { ...t, name: 'Team Noord-Oost' } : t,
        ),
      }),
    );
    h.at('2026-04-20T12:00:00+02:00');
    expect([h.request(7).status, h.request(8).status]).toEqual(['approved', 'approved']);
    expect(team().name).toBe('Team Noord-Oost');

    const after = await exportCycle2();
    expect(Buffer.from(after.csv).equals(Buffer.from(before.csv))).toBe(true);
    expect(Buffer.from(after.pdf).equals(Buffer.from(before.pdf))).toBe(true);

    // Computed anew, the same cycle would tell another story: that is why it is stored.
    const fresh = computeOverview(sql, team(), { ...cycle, cycle: 2 }, h.clock.now());
    expect(fresh.teamName).toBe('Team Noord-Oost');
    expect(
      Buffer.from(overviewsToCsv([fresh], { households: true })).equals(Buffer.from(before.csv)),
    ).toBe(false);
  });
});
