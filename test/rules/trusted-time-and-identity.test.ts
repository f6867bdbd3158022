/**
 * Rules 14, 15 and 16 in the engine, with raw events as the adapters hand them over: a time a
 * device set (`deviceTime`), a sender whose identity is not resolved yet (`senderPending`), and
 * messages marked forwarded or from a bot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncomingEvent } from '../../src/core/incoming.ts';
import { Harness } from '../support/harness.ts';

const MINUTE = 60_000;
const WEEK = 7 * 24 * 60 * MINUTE;
const YEAR = 365 * 24 * 60 * MINUTE;

let counter = 0;
const event = (h: Harness, e: Partial<IncomingEvent> & Pick<IncomingEvent, 'kind'>) =>
  h.handle({
    chatId: 'noord',
    senderId: 'bas',
    at: h.clock.now(),
    ...(e.kind === 'message'
      ? { messageId: `x${++counter}`, text: '' }
      : e.kind === 'reaction'
        ? { eventId: `x${++counter}`, targetMessageId: '', emoji: '👍' }
        : {}),
    ...e,
  } as IncomingEvent);

describe('rule 14 in the engine: a device’s clock decides nothing', () => {
  it('dates a live device event at the moment received: no new period, no reply held back', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.replies();
    const next = new Date('2027-01-04T09:00:00+01:00');
    event(h, {
      kind: 'reaction',
      senderId: 'bas',
      targetMessageId: req,
      at: next,
      deviceTime: 'live',
    });
    event(h, {
      kind: 'message',
      senderId: 'carla',
      text: 'ja #1',
      at: next,
      deviceTime: 'live',
    });
    expect(h.engine.sql.number('SELECT count(*) FROM periods')).toBe(1);
    const replies = h.replies();
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply.at.getTime()).toBe(h.clock.now().getTime());
    expect(h.engine.sql.number('SELECT max(cast_at) FROM votes')).toBe(h.clock.now().getTime());
  });

  it('never counts any event later than the bot’s clock (a server clock ahead opens no period)', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12', { at: new Date('2027-01-04T09:00:00+01:00') });
    expect(h.engine.sql.number('SELECT count(*) FROM periods')).toBe(1);
    expect(h.state().requests[0]!.createdAt).toEqual(h.clock.now().toISOString());
  });

  it('property through the engine: phone clocks anywhere within a year change nothing but the time of the vote (2,000 cases)', () => {
    // One engine and team; every case is a request of its own (its own household), in a big pot.
    const h = new Harness(
      {
        admins: [],
        teams: [{ id: 'noord', chats: ['noord'], potCents: 100_000_000, startDate: '2026-01-05' }],
      },
      '2026-12-31T22:00:00+01:00',
    );
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            who: fc.constantFrom('bas', 'carla', 'dirk', 'eva'),
            vote: fc.constantFrom('ja', 'nee', '👍', '👎'),
            skew: fc.oneof(
              fc.constant(0),
              fc.constantFrom(YEAR, -WEEK, 10 * MINUTE),
              fc.integer({ min: -YEAR, max: YEAR }),
            ),
            gap: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (votes) => {
          n += 1;
          const req = h.say('anna', `grofvuil €1 voor huishouden ${n}`);
          const number = h.engine.sql.number('SELECT max(number) FROM requests');
          const status = () =>
            h.engine.sql.get<{ status: string }>(
              'SELECT status FROM requests WHERE number = ?',
              number,
            )!.status;
          const last = new Map<string, string>();
          for (const v of votes) {
            h.advance(v.gap);
            const at = new Date(h.clock.now().getTime() + v.skew);
            const open = status() === 'open';
            if (v.vote === '👍' || v.vote === '👎')
              event(h, {
                kind: 'reaction',
                senderId: v.who,
                targetMessageId: req,
                emoji: v.vote,
                at,
                deviceTime: 'live',
              });
            else
              event(h, {
                kind: 'message',
                senderId: v.who,
                text: `${v.vote} #${number}`,
                at,
                deviceTime: 'live',
              });
            if (open) last.set(v.who, v.vote === 'ja' || v.vote === '👍' ? 'ja' : 'nee');
          }
          // Every time the engine wrote is the bot's own, and no period opened ahead of it.
          const now = h.clock.now().getTime();
          expect(h.engine.sql.number('SELECT count(*) FROM periods WHERE start_at > ?', now)).toBe(
            0,
          );
          expect(h.engine.sql.number('SELECT count(*) FROM outbox WHERE created_at > ?', now)).toBe(
            0,
          );
          expect(h.engine.sql.number('SELECT count(*) FROM votes WHERE cast_at > ?', now)).toBe(0);
          // While open, each member's vote is the one the bot received last.
          if (status() === 'open') {
            const stored = h.engine.sql.all<{ member_id: string; value: string }>(
              'SELECT member_id, value FROM votes JOIN requests r ON r.id = request_id WHERE r.number = ?',
              number,
            );
            expect(Object.fromEntries(stored.map((s) => [s.member_id, s.value]))).toEqual(
              Object.fromEntries(last),
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('rule 15 in the engine: a vote of an unresolved identity waits', () => {
  it('records it without counting it, and never lets it complete an approval', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('carla', 'ja #1');
    h.say('dirk', 'ja #1');
    event(h, { kind: 'reaction', senderId: 'lid-bas', targetMessageId: req, senderPending: true });
    event(h, { kind: 'message', senderId: 'lid-eva', text: 'ja #1', senderPending: true });
    expect(h.state().requests[0]).toMatchObject({ status: 'open', yes: ['carla', 'dirk'] });
    expect(h.replies().at(-1)!.text).toContain('Je stem op #1 is bewaard');
    expect(h.engine.mergeMember('lid-bas', 'bas')).toBe(true);
    expect(h.state().requests[0]).toMatchObject({
      status: 'approved',
      yes: ['bas', 'carla', 'dirk'],
    });
    expect(h.replies().filter((r) => r.text.includes('is toegekend'))).toHaveLength(1);
    h.engine.mergeMember('lid-eva', 'eva'); // decided already: her vote changes nothing
    expect(h.state().requests[0]!.yes).toEqual(['bas', 'carla', 'dirk']);
    expect(h.state().ledger.filter((l) => l.kind === 'grant')).toHaveLength(1);
  });

  it('drops the requester’s own waiting vote and a second vote of the same person', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    event(h, { kind: 'reaction', senderId: 'lid-anna', targetMessageId: req, senderPending: true });
    h.say('bas', 'ja #1');
    h.advance(1);
    event(h, {
      kind: 'reaction',
      senderId: 'lid-bas',
      targetMessageId: req,
      emoji: '👎',
      senderPending: true,
    });
    h.engine.mergeMember('lid-anna', 'anna');
    h.engine.mergeMember('lid-bas', 'bas');
    // Bas's later 👎 replaced his "ja": one vote, the latest.
    expect(h.state().requests[0]).toMatchObject({ status: 'open', yes: [], no: ['bas'] });
    expect(h.engine.sql.number('SELECT count(*) FROM pending_votes')).toBe(0);
  });

  it('takes a waiting reaction vote back when the reaction is removed', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    event(h, { kind: 'reaction', senderId: 'lid-bas', targetMessageId: req, senderPending: true });
    h.advance(1);
    event(h, {
      kind: 'reaction',
      senderId: 'lid-bas',
      targetMessageId: req,
      emoji: null,
      senderPending: true,
    });
    h.engine.mergeMember('lid-bas', 'bas');
    expect(h.state().requests[0]!.yes).toEqual([]);
  });
});

describe('rule 16 in the engine: forwarded and bot messages', () => {
  it('a forwarded request opens nothing and gets one line; a forwarded vote is not counted', () => {
    const h = new Harness();
    event(h, {
      kind: 'message',
      senderId: 'anna',
      text: 'grofvuil €33 voor huishouden 12',
      forwarded: true,
    });
    expect(h.state().requests).toEqual([]);
    expect(h.replies().map((r) => r.text)).toEqual([
      '↪️ Doorgestuurde berichten tellen niet als aanvraag of stem: zet de aanvraag zelf in de groep.',
    ]);
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    event(h, { kind: 'message', senderId: 'bas', text: 'ja #1', forwarded: true });
    expect(h.state().requests[0]!.yes).toEqual([]);
  });

  it('a bot’s message is no request, no vote and no command, and gets no answer', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.replies();
    for (const text of ['grofvuil €40 voor huishouden 13', 'ja #1', '/saldo'])
      event(h, { kind: 'message', senderId: 'robot', text, fromBot: true });
    expect(h.state().requests).toHaveLength(1);
    expect(h.state().requests[0]!.yes).toEqual([]);
    expect(h.replies()).toEqual([]);
  });
});
