import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Overview } from '../../src/overview/overview.ts';
import { overviewText } from '../../src/overview/overview-text.ts';
import { Harness } from '../support/harness.ts';
import { TEAM_NOORD } from '../support/team-noord.ts';
import { tempDir } from '../support/temp-dir.ts';

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

  it('mmb replay with "private": true: the adviser’s /rapport holds no household code', async () => {
    const dir = tempDir('mmb-replay-rapport-');
    const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00+01:00`;
    const lines = [
      { at: at(0), chat: 'noord', from: 'anna', id: 'm1', text: 'fiets €40 hh 3' },
      { at: at(1), chat: 'noord', from: 'bas', id: 'm2', text: 'ja #1' },
      { at: at(2), chat: 'noord', from: 'carla', id: 'm3', text: 'ja #1' },
      { at: at(3), chat: 'noord', from: 'dirk', id: 'm4', text: 'ja #1' },
      { at: at(4), chat: 'noord', from: 'anna', id: 'm5', text: '/rapport' },
      { at: at(5), chat: 'prive-nina', from: 'nina', id: 'p1', text: '/rapport', private: true },
    ];
    const conversation = join(dir, 'rapport.jsonl');
    writeFileSync(conversation, lines.map((l) => JSON.stringify(l)).join('\n'));
    const teams = join(dir, 'teams.json');
    writeFileSync(
      teams,
      JSON.stringify({
        admins: ['admin'],
        advisers: ['nina'],
        teams: [{ id: 'noord', name: 'Team Noord', chats: ['noord'], startDate: '2026-01-05' }],
      }),
    );
    const { stdout } = await promisify(execFile)(
      'node',
      ['bin/mmb.js', 'replay', conversation, '--config', teams, '--json'],
      { cwd: process.cwd(), env: { ...process.env, MMB_FROM_SOURCES: '1' } },
    );
    const replies: { chat: string; text: string }[] = JSON.parse(stdout).replies;
    const group = replies.filter((r) => r.chat === 'noord').at(-1)!;
    const inPrivate = replies.filter((r) => r.chat === 'prive-nina');
    expect(group.text).toContain('€ 40,00 fiets (hh 3)');
    expect(inPrivate).toHaveLength(1);
    expect(inPrivate[0]!.text).toContain('#1 € 40,00 fiets');
    expect(inPrivate[0]!.text).not.toMatch(/\bhh\b|\(3\)/);
  }, 60_000);

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
