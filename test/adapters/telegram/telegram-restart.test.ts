import { afterEach, describe, expect, it } from 'vitest';
import { anna, bas, carla, dirk, GROUP, TelegramRig } from './rig.ts';

let rig: TelegramRig | null = null;

afterEach(async () => {
  await rig?.dispose();
  rig = null;
});

const HOUR = 3600;

describe('Telegram: at-least-once delivery, applied once', () => {
  it('applies a message, a button press and a reaction delivered twice only once', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12');
    rig.fake.redeliver(request.updateId);
    const opened = await rig.botMessage('📝 Aanvraag #1');
    const press = rig.fake.press({
      chat: GROUP,
      from: bas,
      messageId: opened.messageId,
      data: 'v:1:j',
    });
    rig.fake.redeliver(press.updateId);
    const reaction = rig.fake.react({
      chat: GROUP,
      from: carla,
      messageId: request.messageId,
      emoji: '👍',
    });
    await rig.handled(rig.fake.redeliver(reaction));

    expect(rig.fake.sent(GROUP).filter((m) => m.text.includes('📝 Aanvraag'))).toHaveLength(1);
    expect(rig.count('SELECT count(*) FROM requests')).toBe(1);
    expect(rig.request(1).status).toBe('open');
    expect(rig.request(1).yes.sort()).toEqual(['telegram:12', 'telegram:13']);
    expect(rig.count("SELECT count(*) FROM outbox WHERE purpose = 'tally'")).toBe(2);
    expect(opened.text).toContain('2 van 3 ja');
    // Both deliveries of the press were answered; the second one changed nothing.
    expect(rig.fake.answers.filter((a) => a.id === press.callbackId)).toHaveLength(2);
  });

  it('reads the backlog at start even when Telegram drops the first connection', async () => {
    rig = await TelegramRig.create();
    rig.say(anna, '/saldo');
    rig.fake.failNext('getUpdates', 1, 'network');
    await rig.boot();
    await rig.botMessage('💶 Team Noord');
    expect(rig.fake.calls.filter((c) => c.method === 'getUpdates')[0]!.failed).toBe(-1);
  });

  it('survives a restart in the middle: nothing lost, nothing twice, the backlog before expiry', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    const posted = Math.floor(Date.now() / 1000) - HOUR;
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12', { date: posted });
    const opened = await rig.botMessage('📝 Aanvraag #1');
    const first = rig.say(bas, 'ja', { replyTo: request.messageId, date: posted + 60 });
    await rig.handled(first.updateId);
    await rig.fake.waitFor(() => opened.text.includes('1 van 3 ja'), 'the first vote');

    await rig.shutdown();
    // It died before Telegram heard that bas's vote was handled: Telegram sends it again.
    rig.fake.rewind(first.updateId);
    // While the bot was down two colleagues voted, each their own way ...
    rig.say(carla, 'ja #1', { date: posted + 120 });
    rig.fake.press({ chat: GROUP, from: dirk, messageId: opened.messageId, data: 'v:1:j' });
    // ... and the bot only came back after the request's deadline.
    rig.clock.offsetMs = 24 * HOUR * 1000;

    await rig.boot();
    expect(rig.request(1)).toMatchObject({
      status: 'approved',
      yes: ['telegram:12', 'telegram:13', 'telegram:14'],
    });
    await rig.botMessage('✅ Aanvraag #1 is toegekend');
    const texts = rig.fake.sent(GROUP).map((m) => m.text);
    expect(texts.filter((t) => t.includes('⌛'))).toEqual([]); // it never expired
    expect(texts.filter((t) => t.includes('📝 Aanvraag #1'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Aanvraag #1 is toegekend'))).toHaveLength(1);
    expect(rig.count("SELECT count(*) FROM ledger WHERE kind = 'grant'")).toBe(1);
    expect(rig.count("SELECT count(*) FROM outbox WHERE purpose = 'tally'")).toBe(2);
    expect(rig.count('SELECT count(*) FROM outbox WHERE sent_at IS NULL')).toBe(0);
    expect(rig.team().balanceCents).toBe(196_700);

    // And it keeps working live after the restart.
    rig.say(bas, '/saldo');
    await rig.botMessage('💶 Team Noord');
  });
});
