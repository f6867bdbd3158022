import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

const created = new Date('2026-03-02T09:00:00+01:00').getTime();
const afterMs = (ms: number) => new Date(created + ms);
const DAY = 24 * 60 * 60_000;

describe('rule 6: approval', () => {
  it('debits the ledger once, even when more ja votes come after approval', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    for (const who of ['bas', 'carla', 'dirk', 'eva', 'fred']) h.say(who, 'ja #1');
    const grants = h.state().ledger.filter((l) => l.kind === 'grant');
    expect(grants).toEqual([
      {
        team: 'noord',
        kind: 'grant',
        amountCents: -3300,
        request: 1,
        at: '2026-03-02T08:00:00.000Z',
      },
    ]);
    expect(h.texts().at(-1)).toBe('Aanvraag #1 is al toegekend; stemmen kan niet meer.');
  });

  it('counts a third ja cast one millisecond before the 24 hours are over', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('bas', 'ja #1');
    h.say('carla', 'ja #1');
    h.at(afterMs(DAY - 1));
    h.say('dirk', 'ja #1');
    expect(h.request(1)).toMatchObject({
      status: 'approved',
      decidedAt: afterMs(DAY - 1).toISOString(),
    });
  });

  it('does not count a ja cast at exactly 24 hours: the request has expired', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('bas', 'ja #1');
    h.say('carla', 'ja #1');
    h.at(afterMs(DAY));
    h.texts();
    h.say('dirk', 'ja #1');
    expect(h.request(1).status).toBe('expired');
    expect(h.texts()).toEqual(['Aanvraag #1 is al verlopen; stemmen kan niet meer.']);
    expect(h.team().balanceCents).toBe(200_000);
  });

  it('judges a late-delivered vote on the time it was cast', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('bas', 'ja #1');
    h.say('carla', 'ja #1');
    h.clock.set(afterMs(DAY - 60_000)); // the bot was down; the backlog is read before deadlines fire
    h.say('dirk', 'ja #1', { at: afterMs(60 * 60_000) });
    expect(h.request(1)).toMatchObject({
      status: 'approved',
      decidedAt: afterMs(60 * 60_000).toISOString(),
    });
  });

  it('records and shows nee votes without blocking by default', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('zoe', 'nee #1');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    expect(h.request(1)).toMatchObject({ status: 'approved', no: ['zoe'] });
  });

  it('lets a standing nee block approval when the team sets blockOnNee, until it is changed', () => {
    const h = new Harness({
      teams: [{ id: 'noord', chats: ['noord'], blockOnNee: true, startDate: '2026-01-05' }],
    });
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('zoe', 'nee #1');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    expect(h.request(1).status).toBe('open');
    expect(h.texts().at(-1)).toContain("Een 'nee' houdt deze aanvraag tegen");
    h.say('zoe', 'ja #1');
    expect(h.request(1).status).toBe('approved');
  });
});
