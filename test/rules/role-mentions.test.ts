import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAdviser, isCoordinator, listAdvisers } from '../../src/store/teams.ts';
import { Harness } from '../support/harness.ts';

/*
 * docs/rules.md rule 12: a role is named to a member id the bot can match. `/adviseur Name` or
 * `/adviseur @username` resolves to a member the bot has seen, a mention that carries an id, or a
 * reply to their message; otherwise it is refused with how to do it, never confirmed.
 */

const CHAT = 'telegram:-1001';
const config = {
  admins: ['telegram:1'],
  teams: [
    {
      id: 'noord',
      name: 'Team Noord',
      chats: [CHAT],
      coordinators: ['telegram:77'],
      startDate: '2026-01-05',
    },
  ],
};

/** A message in the Telegram group, as the adapter hands it over. */
function say(
  h: Harness,
  from: { id: string; name: string },
  text: string,
  extra: { replyTo?: string; mentions?: { memberId: string; text: string }[] } = {},
) {
  const id = `m${h.clock.now().getTime()}-${Math.random()}`;
  h.handle({
    kind: 'message',
    chatId: CHAT,
    senderId: from.id,
    senderName: from.name,
    messageId: id,
    at: h.clock.now(),
    text,
    ...extra,
  });
  return id;
}

const coco = { id: 'telegram:77', name: 'Coco' };
const nina = { id: 'telegram:55', name: 'Nina' };
const beheer = { id: 'telegram:1', name: 'Beheer' };
const HOW = 'Antwoord met /adviseur op een bericht van die persoon.';

describe('rule 12: /adviseur and /coordinator name someone the bot can match, or refuse', () => {
  it('a name nobody goes by, or an @username, is refused with how to do it; nothing is stored', () => {
    const h = new Harness(config);
    say(h, coco, '/adviseur Nina');
    say(h, coco, '/adviseur @nina_b');
    const texts = h.texts();
    expect(texts).toEqual([
      `Ik ken niemand die "Nina" heet in deze groep, dus dat zou niet werken. ${HOW}`,
      `Ik ken niemand die "@nina_b" heet in deze groep, dus dat zou niet werken. ${HOW}`,
    ]);
    expect(listAdvisers(h.engine.sql, 'noord')).toEqual([]);
  });

  it('the name of a member the bot has seen names their id', () => {
    const h = new Harness(config);
    say(h, nina, 'goedemorgen');
    h.texts();
    say(h, coco, '/adviseur nina');
    expect(h.texts()).toEqual(['👤 Nina is nu communicatieadviseur van Team Noord.']);
    expect(isAdviser(h.engine.sql, 'noord', nina.id)).toBe(true);
  });

  it('two members of that name: asked which, nothing stored; a reply settles it', () => {
    const h = new Harness(config);
    say(h, nina, 'hoi');
    const other = say(h, { id: 'telegram:56', name: 'Nina' }, 'hallo');
    h.texts();
    say(h, coco, '/adviseur Nina');
    expect(h.texts()[0]).toMatch(/^Er zijn 2 mensen die "Nina" heten/);
    expect(listAdvisers(h.engine.sql, 'noord')).toEqual([]);
    say(h, coco, '/adviseur Nina', { replyTo: other });
    expect(h.texts()).toEqual(['👤 Nina is nu communicatieadviseur van Team Noord.']);
    expect(listAdvisers(h.engine.sql, 'noord')).toEqual(['telegram:56']);
  });

  it('a mention that carries an id (Telegram text_mention) names that id, seen or not', () => {
    const h = new Harness(config);
    say(h, coco, '/adviseur Nina de Boer', {
      mentions: [{ memberId: 'telegram:57', text: 'Nina de Boer' }],
    });
    h.texts();
    expect(isAdviser(h.engine.sql, 'noord', 'telegram:57')).toBe(true);
  });

  it('/coordinator has the same rule: a typed name refused, a platform id or a reply works', () => {
    const h = new Harness(config);
    const hello = say(h, nina, 'hallo');
    h.texts();
    say(h, beheer, '/coordinator Bas');
    expect(h.texts()).toEqual([
      'Ik ken niemand die "Bas" heet in deze groep, dus dat zou niet werken. Antwoord met /coordinator op een bericht van die persoon.',
    ]);
    say(h, beheer, '/coordinator', { replyTo: hello });
    say(h, beheer, '/coordinator telegram:58');
    expect(h.texts()).toEqual([
      '👤 Nina is nu coördinator van Team Noord.',
      expect.stringMatching(/is nu coördinator van Team Noord/),
    ]);
    expect(isCoordinator(h.engine.sql, 'noord', 'telegram:58')).toBe(true);
  });

  it('property: whatever is typed, a confirmed role always belongs to a member id the bot can match (2,000 cases)', () => {
    const h = new Harness(config);
    const seen = ['Nina', 'Bas', 'Carla', 'Özlem'];
    seen.forEach((name, i) => say(h, { id: `telegram:${100 + i}`, name }, 'hoi'));
    h.texts();
    const known = new Set([...seen.map((_, i) => `telegram:${100 + i}`)]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...seen, 'nina', '@Bas', 'Nina de Boer', 'Piet', '@piet_p', 'CARLA'),
          fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/^\s*weg\b/i.test(s)),
        ),
        (typed) => {
          h.engine.sql.run('DELETE FROM advisers');
          say(h, coco, `/adviseur ${typed}`);
          const [reply] = h.texts();
          const stored = listAdvisers(h.engine.sql, 'noord');
          if (reply?.startsWith('👤')) {
            expect(stored).toHaveLength(1);
            expect(known.has(stored[0]!) || /^(telegram|whatsapp):/.test(stored[0]!)).toBe(true);
          } else {
            expect(stored).toEqual([]);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
