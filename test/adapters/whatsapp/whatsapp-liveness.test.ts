import { DisconnectReason } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { textMessage } from '../../support/fake-baileys.ts';
import { pause, until } from '../../scheduling/scheduler-contract.ts';
import { anna, bas, carla, dirk, WhatsAppRig } from './rig.ts';
import { bootWithLiveness, type LivenessWiring } from '../../support/liveness-wiring.ts';

let rig: WhatsAppRig | null = null;
let wiring: LivenessWiring | null = null;
afterEach(async () => {
  wiring?.stop();
  await rig?.dispose();
  rig = wiring = null;
});

const DAY = 24 * 3_600_000;

/**
 * Anna posts `texts` as requests whose deadlines (a day) come `inMs` from now: the bot's clock
 * stands a day less `inMs` back while they come in, then right again. A WhatsApp timestamp is set
 * by the sender's phone, so backdating it would not do: a live message counts at the moment the
 * bot receives it (rule 14). Returns the first message.
 */
async function postADayAgo(on: WhatsAppRig, inMs: number, texts: string[]) {
  on.clock.offsetMs = inMs - DAY;
  const [first] = texts.map((text) =>
    on.world.deliver(textMessage(anna, text, { at: on.clock.now() })),
  );
  await on.settle();
  on.clock.offsetMs = 0;
  await on.scheduler.reconcile(); // the timer it set a day back: the clock is right again
  return first!;
}

describe('the bot heartbeat with a WhatsApp socket', () => {
  it('stops while the socket is closed, holds the deadlines meanwhile, and resumes once the backlog is in', async () => {
    const booted = await bootWithLiveness((due) => new WhatsAppRig({ due }));
    const { wiring: w, log } = booted;
    rig = booted.rig;
    wiring = w;
    expect(w.heartbeatAge(rig.db)).toBeLessThan(1_000);

    // Two requests whose deadlines come in 3 s: #1 gets its votes, #2 none.
    const request = await postADayAgo(rig, 3_000, [
      'grofvuil €33 voor huishouden 12',
      'pinpas €20 voor huishouden 13',
    ]);
    const posted = Date.parse(rig.request(1).createdAt);
    expect(rig.request(2).status).toBe('open');

    // The socket closes and stays closed (the reconnects find WhatsApp away).
    rig.world.autoConnect = false;
    rig.world.close(DisconnectReason.connectionLost);
    await rig.settle();
    expect(rig.adapter.connection.lostSince()).not.toBeNull();
    // Three colleagues vote in time; their votes wait at WhatsApp.
    for (const who of [bas, carla, dirk])
      rig.world.deliver(
        textMessage(who, 'ja', { replyTo: request.key, at: new Date(posted + 60_000) }),
      );

    // Past the grace and past the deadlines: no heartbeat, and the due work waits.
    await until(() => Date.now() > posted + DAY + 500, 10_000);
    await pause(300);
    expect(w.heartbeatAge(rig.db)).toBeNull();
    expect(w.gate!.holding).toBe(true);
    expect(rig.request(1).status).toBe('open');
    expect(rig.request(2).status).toBe('open');

    // WhatsApp is back: the socket opens, hands over the votes, then what is due runs.
    await rig.until(() => rig!.world.sockets.length >= 2, 'a new socket');
    rig.world.connect();
    await rig.until(() => rig!.request(2).status === 'expired', 'the expiry of #2');
    expect(rig.request(1).status).toBe('approved');
    expect(rig.request(1).yes).toHaveLength(3);
    expect(rig.world.texts().some((t) => t.includes('#1') && t.includes('⌛'))).toBe(false);
    expect(w.gate!.holding).toBe(false);
    await until(() => (w.heartbeatAge(rig!.db) ?? Infinity) < 1_000);
    const lines = log.filter((l) => l.includes('chat connection'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warn chat connection lost.*"platforms":\["whatsapp"\]/);
    expect(lines[1]).toMatch(/^info chat connection back/);
  }, 30_000);

  it('a routine reconnect within the grace keeps the heartbeat going', async () => {
    const booted = await bootWithLiveness((due) => new WhatsAppRig({ due }), 2_000);
    const { wiring: w, log } = booted;
    rig = booted.rig;
    wiring = w;
    rig.world.close(DisconnectReason.connectionLost); // reconnects by itself within ms
    await rig.until(
      () => rig!.world.sockets.length === 2 && rig!.adapter.connection.lostSince() === null,
      'the reconnect',
    );
    await pause(200);
    expect(w.heartbeatAge(rig.db)).toBeLessThan(1_000);
    expect(log.filter((l) => l.includes('chat connection'))).toEqual([]);
  });

  it('a number WhatsApp logged out holds nothing back: the heartbeat and the due work go on', async () => {
    const booted = await bootWithLiveness((due) => new WhatsAppRig({ due }), 500);
    const { wiring: w, log } = booted;
    rig = booted.rig;
    wiring = w;
    await postADayAgo(rig, 1_500, ['pinpas €20 voor huishouden 13']);

    rig.world.close(DisconnectReason.loggedOut);
    await rig.settle();
    expect(rig.adapter.connection.lostSince()).toBeNull();
    expect(rig.log.some((l) => l.includes('WhatsApp logged this number out'))).toBe(true);

    // Past the (short) grace and past the deadline: the request expires as it would have.
    await rig.until(() => rig!.request(1).status === 'expired', 'the expiry of #1');
    expect(w.gate!.holding).toBe(false);
    expect(w.heartbeatAge(rig.db)).toBeLessThan(1_000);
    expect(log.filter((l) => l.includes('chat connection'))).toEqual([]);
  });
});
