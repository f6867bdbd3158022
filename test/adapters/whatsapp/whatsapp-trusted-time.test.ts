/**
 * Rules 14-16 through the WhatsApp adapter over the fake Baileys socket: a phone's clock decides
 * nothing, one person votes once whether WhatsApp names them by LID or phone number, and a
 * forwarded message is no request or vote.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WAMessage } from '@whiskeysockets/baileys';
import {
  reactionEvent,
  reactionMessage,
  textMessage,
  type Person,
} from '../../support/fake-baileys.ts';
import { anna, bas, carla, dirk, WhatsAppRig } from './rig.ts';

let rig: WhatsAppRig;
afterEach(() => rig.dispose());

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WEEK = 7 * 24 * HOUR;
const YEAR = 365 * 24 * HOUR;

/** What a scenario ended in, without its times: the decision, the votes, the money, the periods. */
function outcome(r: WhatsAppRig) {
  const state = r.state();
  return {
    requests: state.requests.map(({ number, status, yes, no, amountCents }) => ({
      number,
      status,
      yes,
      no,
      amountCents,
    })),
    ledger: state.ledger.map(({ kind, amountCents }) => ({ kind, amountCents })),
    periods: r.engine.sql.number('SELECT count(*) FROM periods'),
    texts: r.world.texts().map((t) => t.split(' ')[0]),
  };
}

/**
 * Anna asks, Bas and Carla vote on time; Dirk's phone is `skewMs` off: his 👍 and then his
 * typed "ja". The clock never moves: every reply must go out at once.
 */
async function dirkSkewed(skewMs: number) {
  rig = new WhatsAppRig();
  await rig.boot();
  const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
  await rig.settle();
  rig.world.deliver(textMessage(bas, 'ja', { replyTo: request.key }));
  const fast = new Date(rig.clock.now().getTime() + skewMs);
  rig.world.deliver(reactionMessage(dirk, request.key, '👍', { at: fast }));
  await rig.settle();
  rig.world.deliver(textMessage(carla, 'ja #1'));
  await rig.settle();
  const result = outcome(rig);
  await rig.dispose();
  return result;
}

describe('rule 14 on WhatsApp: a phone’s clock decides nothing', () => {
  it('a phone a year ahead, a week behind or ten minutes fast changes nothing but that vote’s time', async () => {
    const right = await dirkSkewed(0);
    expect(right.requests[0]).toMatchObject({ status: 'approved' });
    expect(right.periods).toBe(1);
    for (const skew of [YEAR, -WEEK, 10 * MINUTE]) expect(await dirkSkewed(skew)).toEqual(right);
    rig = new WhatsAppRig(); // afterEach disposes one
  });

  it('a reaction dated next January opens no period, lapses nothing and blocks no request', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    const january = new Date(new Date().getUTCFullYear() + 1, 0, 2);
    rig.world.deliver(reactionMessage(bas, request.key, '👍', { at: january }));
    await rig.settle();
    rig.world.deliver(textMessage(carla, 'grofvuil €40 voor huishouden 13'));
    await rig.settle();
    expect(rig.engine.sql.number('SELECT count(*) FROM periods')).toBe(1);
    expect(rig.state().ledger.map((l) => l.kind)).toEqual(['deposit']);
    expect(rig.request(1).yes).toEqual(['whatsapp:31622222222']);
    expect(rig.request(2).status).toBe('open');
    const cast = rig.engine.sql.number('SELECT max(cast_at) FROM votes');
    expect(cast).toBeLessThanOrEqual(rig.clock.now().getTime());
  });

  it('a phone ten minutes fast does not hide the member’s later “nee” behind the 👍, nor hold replies back', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    const fast = new Date(rig.clock.now().getTime() + 10 * MINUTE);
    rig.world.deliver(reactionMessage(bas, request.key, '👍', { at: fast }));
    await rig.settle();
    rig.clock.offsetMs += 2 * MINUTE; // two minutes later, from WhatsApp Web on a right clock
    const sentBefore = rig.world.sent.length;
    rig.world.deliver(textMessage(bas, 'nee', { replyTo: request.key }));
    await rig.settle();
    expect(rig.request(1)).toMatchObject({ yes: [], no: ['whatsapp:31622222222'] });
    expect(rig.world.sent.length).toBeGreaterThan(sentBefore); // answered now, not in ten minutes
  });

  it('a backlog vote keeps its own time inside the window, and is clamped into it outside', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    const posted = rig.clock.now().getTime();
    await rig.shutdown();
    rig.world.deliver(
      textMessage(bas, 'ja', { replyTo: request.key, at: new Date(posted + HOUR) }),
    );
    rig.world.deliver(
      textMessage(carla, 'ja', { replyTo: request.key, at: new Date(posted + YEAR) }),
    );
    rig.world.deliver(
      textMessage(dirk, 'ja', { replyTo: request.key, at: new Date(posted - WEEK) }),
    );
    rig.clock.offsetMs += 3 * HOUR; // back three hours later
    await rig.boot();
    await rig.settle();
    const cast = rig.engine.sql
      .all<{ member_id: string; cast_at: number }>('SELECT member_id, cast_at FROM votes')
      .map((v) => [v.member_id, v.cast_at - posted]);
    const now = rig.clock.now().getTime() - posted;
    expect(Object.fromEntries(cast)).toEqual({
      // its own time (WhatsApp's, in whole seconds): inside the window
      'whatsapp:31622222222': Math.floor((posted + HOUR) / 1000) * 1000 - posted,
      'whatsapp:31633333333': expect.any(Number), // a year ahead: the moment received
      'whatsapp:31644444444': expect.any(Number), // a week behind: the last event of the chat
    });
    const carlaAt = cast.find(([id]) => id === 'whatsapp:31633333333')![1] as number;
    const dirkAt = cast.find(([id]) => id === 'whatsapp:31644444444')![1] as number;
    expect(carlaAt).toBeLessThanOrEqual(now);
    expect(carlaAt).toBeGreaterThan(2 * HOUR);
    expect(dirkAt).toBe(carlaAt); // after Carla's in the order received: not before the chat's last
    expect(rig.request(1).status).toBe('approved');
    expect(rig.engine.sql.number('SELECT count(*) FROM periods')).toBe(1);
  });
});

/** A message WhatsApp marks forwarded (`contextInfo.isForwarded`). */
const forwarded = (from: Person, text: string): WAMessage => {
  const message = textMessage(from, text);
  return {
    ...message,
    message: {
      extendedTextMessage: { text, contextInfo: { isForwarded: true, forwardingScore: 1 } },
    },
  };
};

describe('rule 16 on WhatsApp: a forwarded message is no request and no vote', () => {
  it('opens nothing for a forwarded request, says why in one line, and counts no forwarded “ja”', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    rig.world.deliver(forwarded(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    expect(rig.state().requests).toEqual([]);
    expect(rig.world.texts()).toEqual([
      '↪️ Doorgestuurde berichten tellen niet als aanvraag of stem: zet de aanvraag zelf in de groep.',
    ]);
    rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    rig.world.deliver(forwarded(bas, 'ja #1'));
    await rig.settle();
    expect(rig.request(1).yes).toEqual([]);
  });
});

describe('rule 15 on WhatsApp: one person, one vote across LID and phone number', () => {
  const annaLid: Person = { name: 'Anna', lid: '111000111', addressing: 'lid' };
  const basLid: Person = { name: 'Bas', lid: '222000222', addressing: 'lid' };
  const mapping = (lid: string, pn: string) =>
    rig.world.socket!.emit('lid-mapping.update', {
      lid: `${lid}@lid`,
      pn: `${pn}@s.whatsapp.net`,
    });

  it('the requester’s 👍 under an unmapped LID waits, and never counts once the mapping shows it is hers', async () => {
    rig = new WhatsAppRig({
      config: {
        admins: [],
        teams: [
          {
            id: 'noord',
            chats: ['whatsapp:120363000000000001@g.us'],
            votesNeeded: 2,
            startDate: '2026-01-05',
          },
        ],
      },
    });
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    rig.world.deliver(reactionMessage(annaLid, request.key, '👍'));
    rig.world.deliver(textMessage(bas, 'ja #1'));
    await rig.settle();
    expect(rig.request(1)).toMatchObject({ status: 'open', yes: ['whatsapp:31622222222'] });
    mapping('111000111', '31611111111');
    await rig.settle();
    expect(rig.request(1)).toMatchObject({ status: 'open', yes: ['whatsapp:31622222222'] });
    expect(rig.engine.sql.number('SELECT count(*) FROM pending_votes')).toBe(0);
  });

  it('one colleague voting by LID and by phone number counts once, the mapping after the votes', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    rig.world.deliver(reactionMessage(basLid, request.key, '👍'));
    rig.world.deliver(textMessage(bas, 'ja #1'));
    rig.world.deliver(textMessage(carla, 'ja #1'));
    await rig.settle();
    expect(rig.request(1)).toMatchObject({ status: 'open' });
    mapping('222000222', '31622222222');
    await rig.settle();
    expect(rig.request(1)).toMatchObject({
      status: 'open',
      yes: ['whatsapp:31622222222', 'whatsapp:31633333333'],
    });
  });

  it('an approval waits for the unresolved vote and comes once the mapping arrives', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    rig.world.deliver(textMessage(carla, 'ja #1'));
    rig.world.deliver(textMessage(dirk, 'ja #1'));
    const thumbs = reactionMessage(basLid, request.key, '👍');
    rig.world.deliver(thumbs);
    rig.world.socket!.emit('messages.reaction', [reactionEvent(thumbs)]); // the same, again
    await rig.settle();
    expect(rig.request(1).status).toBe('open');
    expect(rig.world.texts().some((t) => t.includes('✅ *Aanvraag #1* is toegekend'))).toBe(false);
    mapping('222000222', '31622222222');
    await rig.settle();
    expect(rig.request(1)).toMatchObject({ status: 'approved' });
    expect(rig.request(1).yes).toHaveLength(3);
    expect(
      rig.world.texts().filter((t) => t.includes('✅ *Aanvraag #1* is toegekend')),
    ).toHaveLength(1);
    expect(rig.state().ledger.filter((l) => l.kind === 'grant')).toHaveLength(1);
  });

  it('with the mapping known before the votes (the store, or the group’s participant list), a LID vote counts at once, once', async () => {
    rig = new WhatsAppRig();
    rig.world.lidStore = new Map([['222000222@lid', '31622222222@s.whatsapp.net']]);
    rig.world.participants = [
      { id: '333000333@lid', lid: '333000333@lid', phoneNumber: '31633333333@s.whatsapp.net' },
    ];
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    rig.world.deliver(reactionMessage(basLid, request.key, '👍'));
    rig.world.deliver(textMessage(bas, 'ja #1'));
    rig.world.deliver(
      reactionMessage({ name: 'Carla', lid: '333000333', addressing: 'lid' }, request.key, '👍'),
    );
    await rig.settle();
    expect(rig.request(1).yes).toEqual(['whatsapp:31622222222', 'whatsapp:31633333333']);
    expect(rig.engine.sql.number('SELECT count(*) FROM pending_votes')).toBe(0);
  });

  it('a waiting vote survives a restart and counts when the mapping arrives after it', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    rig.world.deliver(reactionMessage(basLid, request.key, '👍'));
    await rig.settle();
    await rig.shutdown();
    await rig.boot();
    expect(rig.request(1).yes).toEqual([]);
    mapping('222000222', '31622222222');
    await rig.settle();
    expect(rig.request(1).yes).toEqual(['whatsapp:31622222222']);
  });
});
