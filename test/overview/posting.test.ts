import { describe, expect, it } from 'vitest';
import { storedOverview } from '../../src/overview/overview-store.ts';
import { Harness } from '../support/harness.ts';
import { NOORD_CONFIG } from '../support/team-noord.ts';

const config = NOORD_CONFIG;

describe('the six-weekly overview in the group', () => {
  it('is posted at the slot with the cycle’s grants, categories and balance', () => {
    const h = new Harness(config, '2026-01-05T10:00:00+01:00');
    h.say('anna', 'grofvuil €33 voor huishouden 12 voorkomt: boete €95');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    h.texts();
    h.at('2026-02-16T09:00:00+01:00');
    const [overview] = h.replies();
    expect(overview?.purpose).toBe('overview');
    expect(overview?.at).toEqual(new Date('2026-02-16T09:00:00+01:00'));
    expect(overview?.text).toBe(
      [
        '📊 Overzicht Team Noord · 5 jan 2026 t/m 16 feb 2026 (ronde 1)',
        'Toegekend: 1× · € 33,00',
        'wonen € 33,00',
        'Voorkomen (schatting van het team): € 95,00',
        'Saldo € 1.967,00 · gereserveerd € 0,00',
        "Beslistijd (mediaan) 0 min · 3 collega's stemden 3×",
        'Toekenningen:',
        '05-01 #1 € 33,00 grofvuil (hh 12)',
      ].join('\n'),
    );
  });

  it('posts a missed slot once after an outage, and stores every missed cycle', () => {
    const h = new Harness(config, '2026-01-05T10:00:00+01:00');
    h.say('anna', 'pinpas €75 hh 7');
    h.texts();
    h.clock.set(new Date('2026-04-01T12:00:00+01:00')); // down over the slots of 16 Feb and 30 Mar
    h.engine.runDue(h.clock.now());
    const overviews = h.replies().filter((r) => r.purpose === 'overview');
    expect(overviews).toHaveLength(1);
    expect(overviews[0]?.text).toContain('(ronde 2)');
    expect(storedOverview(h.engine.sql, 'noord', 1)?.expired).toHaveLength(1);
    expect(storedOverview(h.engine.sql, 'noord', 2)?.grants).toEqual([]);
  });

  it('keeps a stored overview unchanged: the database refuses to edit it', () => {
    const h = new Harness(config, '2026-01-05T10:00:00+01:00');
    h.at('2026-02-16T09:00:00+01:00');
    expect(() => h.engine.sql.run("UPDATE overviews SET data = '{}'")).toThrow(/never changed/);
  });
});

describe('/rapport', () => {
  it('shows the running cycle so far, the previous cycle as stored, and a year', () => {
    const h = new Harness(config, '2026-02-10T10:00:00+01:00');
    h.say('anna', 'fiets €40 hh 3');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    h.texts();
    h.say('anna', '/rapport');
    expect(h.texts()[0]).toMatch(
      /^📊 Tussenstand Team Noord · 5 jan 2026 t\/m 10 feb 2026 \(ronde 1\)\nToegekend: 1× · € 40,00\nvervoer € 40,00/,
    );
    h.at('2026-02-20T10:00:00+01:00');
    h.texts();
    h.say('anna', '/rapport vorige');
    expect(h.texts()[0]).toContain(
      '📊 Overzicht Team Noord · 5 jan 2026 t/m 16 feb 2026 (ronde 1)',
    );
    h.say('anna', '/rapport 2026');
    expect(h.texts()[0]).toContain('1 jan 2026 t/m 31 dec 2026\nToegekend: 1× · € 40,00');
  });

  it('explains how to ask when the words are not understood', () => {
    const h = new Harness(config, '2026-02-10T10:00:00+01:00');
    h.say('anna', '/rapport gisteren');
    expect(h.texts()).toEqual([
      'Typ /rapport, /rapport vorige, /rapport ronde 3 of /rapport 2026.',
    ]);
    h.say('anna', '/rapport vorige');
    expect(h.texts()).toEqual([
      'Er is nog geen vorige ronde: dit is de eerste. Typ /rapport voor de tussenstand.',
    ]);
  });
});

describe('/adviseur', () => {
  it('lets a coordinator name a communicatieadviseur, and refuses members', () => {
    const h = new Harness(config, '2026-02-10T10:00:00+01:00');
    h.say('anna', '/adviseur nina');
    expect(h.texts()).toEqual([
      'Alleen een coördinator kan communicatieadviseurs benoemen. Vraag het aan coco.',
    ]);
    h.say('coco', '/adviseur nina');
    expect(h.texts()).toEqual(['👤 nina is nu communicatieadviseur van Team Noord.']);
  });
});
