import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Overview } from '../../src/overview/overview.ts';
import { overviewText } from '../../src/overview/overview-text.ts';
import { Harness } from '../support/harness.ts';
import { TEAM_NOORD } from '../support/team-noord.ts';

/*
 * docs/rules.md rule 11: private chats never show household codes. /rapport there leaves them out,
 * as /export already does and the private /help promises; in the team group it keeps them.
 */

const config = { admins: ['admin'], advisers: ['telegram:55'], teams: [TEAM_NOORD] };

function dm(h: Harness, from: string, text: string) {
  return h.handle({
    kind: 'message',
    private: true,
    chatId: `prive:${from}`,
    senderId: from,
    messageId: `${from}-${text}-${h.clock.now().getTime()}`,
    at: h.clock.now(),
    text,
  });
}

/** Two grants, one of them bringing household 12 close to its cap. */
function withGrants(): Harness {
  const h = new Harness(config, '2026-01-05T10:00:00+01:00');
  h.say('anna', 'huurachterstand €450 voor huishouden 12');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
  h.say('anna', 'pinpas €75 hh 7');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #2');
  h.texts();
  return h;
}

describe('rule 11: /rapport in a private chat leaves household codes out', () => {
  it('the running cycle and a past one: no (hh …) on the grants, the near-cap households counted', () => {
    const h = withGrants();
    h.say('coco', '/rapport');
    const [inGroup] = h.texts();
    expect(inGroup).toContain('(hh 12)');
    expect(inGroup).toContain('Bijna aan het maximum: hh 12');
    dm(h, 'telegram:55', '/rapport');
    const [current] = h.texts();
    expect(current).toContain('📊 Tussenstand Team Noord');
    expect(current).toContain('#1 € 450,00 huurachterstand');
    expect(current).toContain('Bijna aan het maximum: 1 huishouden');
    expect(current).not.toMatch(/\bhh\b|huishouden 12|\(12\)|\b7\)/);
    h.at('2026-02-20T10:00:00+01:00');
    h.texts();
    dm(h, 'telegram:55', '/rapport noord vorige');
    const [previous] = h.texts();
    expect(previous).toContain('📊 Overzicht Team Noord');
    expect(previous).toContain('#2 € 75,00 pinpas');
    expect(previous).not.toMatch(/\bhh\b/);
  });

  it('property: whatever the codes, the grants and the near-cap list, no code shows (2,000 cases)', () => {
    const code = fc
      .tuple(fc.constantFrom('QX', 'ZK', 'WV'), fc.integer({ min: 1, max: 9999 }))
      .map(([prefix, n]) => `${prefix}${n}`);
    const grant = fc.record({
      number: fc.integer({ min: 1, max: 500 }),
      decidedAt: fc.constant('2026-03-02T08:00:00.000Z'),
      description: fc.constantFrom('grofvuil', 'pinpas leefgeld', 'bus', ''),
      category: fc.constant('overig'),
      amountCents: fc.integer({ min: 100, max: 50_000 }),
      household: code,
      preventedCents: fc.constant(null),
      preventedText: fc.constant(null),
    });
    fc.assert(
      fc.property(
        fc.array(grant, { maxLength: 12 }),
        fc.array(code, { maxLength: 3 }),
        (grants, near) => {
          const overview: Overview = {
            teamId: 'noord',
            teamName: 'Team Noord',
            cycle: 1,
            from: '2026-01-05T00:00:00.000Z',
            to: '2026-02-16T00:00:00.000Z',
            madeAt: '2026-02-16T00:00:00.000Z',
            grants,
            categories: [],
            expired: [],
            cancelled: [],
            spentCents: 0,
            earlierCorrectionsCents: 0,
            depositedCents: 200_000,
            lapsedCents: 0,
            balanceCents: 100_000,
            reservedCents: 0,
            preventedCents: 0,
            nearCap: near.map((household) => ({ household, usedCents: 45_000, capCents: 50_000 })),
            medianDecisionMinutes: 30,
            voters: 3,
            votes: 9,
            potCents: 200_000,
            householdCapCents: 50_000,
          };
          const text = overviewText(overview, 'Overzicht', { households: false });
          for (const c of [...grants.map((g) => g.household), ...near])
            expect(text).not.toContain(c);
          expect(text).not.toMatch(/\bhh\b/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
