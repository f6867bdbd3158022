import { DisconnectReason } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it } from 'vitest';
import { textMessage } from '../../support/fake-baileys.ts';
import { anna, bas, carla, dirk, WhatsAppRig } from './rig.ts';

let rig: WhatsAppRig;
afterEach(() => rig.dispose());

const HOUR = 3_600_000;

const reasons = Object.entries(DisconnectReason).filter(
  (entry): entry is [string, number] => typeof entry[1] === 'number',
);

describe('the WhatsApp connection', () => {
  for (const [name, code] of reasons) {
    const ends = code === 401 || code === 440;
    it(`${name} (${code}) ${ends ? 'stops the adapter: link again' : 'reconnects'}`, async () => {
      rig = new WhatsAppRig();
      await rig.boot();
      rig.world.close(code);
      await rig.settle();
      if (ends) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        expect(rig.world.sockets).toHaveLength(1);
        expect(rig.adapter.loggedOut).toBe(true);
        expect(rig.log.some((l) => l.includes('npx mmb whatsapp link'))).toBe(true);
        // Deliveries wait in the outbox; the core still takes events from elsewhere.
        rig.engine.handle({
          kind: 'message',
          chatId: 'whatsapp:120363000000000001@g.us',
          senderId: 'whatsapp:31611111111',
          messageId: 'X1',
          at: rig.clock.now(),
          text: '/saldo',
        });
        await rig.dispatcher.flush();
        expect(rig.world.texts()).toEqual([]);
        expect(rig.engine.sql.number('SELECT count(*) FROM outbox WHERE sent_at IS NULL')).toBe(1);
      } else {
        await rig.until(
          () => rig.world.sockets.length === 2 && rig.world.socket!.open,
          'a reconnect',
        );
        expect(rig.log.some((l) => l.includes('reconnecting') && l.includes(String(code)))).toBe(
          true,
        );
      }
    });
  }

  it('keeps a reply made while disconnected and sends it after reconnecting', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    rig.world.autoConnect = false;
    rig.world.close(DisconnectReason.connectionLost);
    await rig.settle();
    rig.engine.handle({
      kind: 'message',
      chatId: 'whatsapp:120363000000000001@g.us',
      senderId: 'whatsapp:31611111111',
      messageId: 'X1',
      at: rig.clock.now(),
      text: '/saldo',
    });
    await rig.dispatcher.flush();
    expect(rig.world.texts()).toEqual([]);
    await rig.until(() => rig.world.sockets.length === 2, 'a new socket');
    rig.world.connect();
    rig.clock.offsetMs += 5000; // past the retry the outbox was told
    await rig.settle();
    await rig.until(() => rig.world.texts().length === 1, 'the reply');
    expect(rig.world.texts()[0]).toContain('💶 Team Noord');
  });

  it('counts an append backlog after a restart by its own timestamps before any deadline fires', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const posted = Date.now() - HOUR;
    const request = rig.world.deliver(
      textMessage(anna, 'grofvuil €33 voor huishouden 12', { at: new Date(posted) }),
    );
    await rig.settle();
    await rig.shutdown();
    for (const [i, who] of [bas, carla, dirk].entries())
      rig.world.deliver(
        textMessage(who, 'ja', { replyTo: request.key, at: new Date(posted + (i + 1) * 60_000) }),
      );
    rig.clock.offsetMs += 24 * HOUR; // back after the deadline
    await rig.boot();
    await rig.settle();
    const r = rig.request(1);
    expect(r.status).toBe('approved');
    expect(r.yes).toHaveLength(3);
    expect(rig.world.texts().some((t) => t.includes('⌛'))).toBe(false);
  });

  it('delivers a burst of 100 replies under pacing: none dropped, order per chat kept', async () => {
    rig = new WhatsAppRig({
      pacing: {
        chat: { perSecond: 5, burst: 5, perMinuteInGroup: 1000 },
        number: { perSecond: 5, burst: 5, perMinuteInGroup: 1000 },
        jitterMs: 0,
      },
    });
    await rig.boot();
    for (let i = 0; i < 100; i++) rig.world.deliver(textMessage(anna, `/saldo`, { id: `B${i}` }));
    await rig.settle();
    for (let i = 0; i < 200 && rig.world.texts().length < 100; i++) {
      rig.clock.offsetMs += 1000;
      await rig.dispatcher.flush();
    }
    expect(rig.world.texts()).toHaveLength(100);
    const quoted = rig.world.sent.map((s) => s.options?.quoted?.key.id);
    expect(quoted).toEqual(Array.from({ length: 100 }, (_, i) => `B${i}`));
  });
});
