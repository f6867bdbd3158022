import { afterEach, describe, expect, it } from 'vitest';
import { inWriteTransaction } from '../../../src/store/database.ts';
import { enqueue } from '../../../src/delivery/outbox.ts';
import { anna, bas, coco, GROUP, TelegramRig } from './rig.ts';

let rig: TelegramRig | null = null;

afterEach(async () => {
  await rig?.dispose();
  rig = null;
});

describe('Telegram: delivering the outbox', () => {
  it('waits out a 429 with retry_after and then delivers the message', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    rig.fake.failNext('sendMessage', 1, {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    rig.say(anna, '/saldo');
    await rig.botMessage('💶 Team Noord');
    await rig.dispatcher.flush();
    const sends = rig.fake.calls.filter((c) => c.method === 'sendMessage');
    expect(sends.map((c) => c.failed ?? 200)).toEqual([429, 200]);
    expect(rig.count('SELECT count(*) FROM outbox WHERE sent_at IS NULL')).toBe(0);
  });

  it('gives a message up when the bot was kicked, and retries after a network error', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    rig.fake.failNext('sendMessage', 1, {
      error_code: 403,
      description: 'Forbidden: bot was kicked from the group chat',
    });
    await rig.handled(rig.say(anna, '/saldo').updateId);
    expect(rig.count('SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL')).toBe(1);

    rig.fake.failNext('sendMessage', 1, 'network');
    rig.say(bas, '/saldo');
    await rig.fake.waitFor(
      () => rig!.fake.calls.some((c) => c.method === 'sendMessage' && c.failed === -1),
      'the dropped connection',
    );
    await rig.dispatcher.flush();
    const waiting = rig.engine.sql.get<{ attempts: number; failed_at: number | null }>(
      'SELECT attempts, failed_at FROM outbox ORDER BY id DESC LIMIT 1',
    );
    expect(waiting).toMatchObject({ attempts: 1, failed_at: null }); // kept for a retry
    rig.clock.offsetMs += 10 * 60_000; // the back-off has passed
    await rig.dispatcher.flush();
    await rig.botMessage('💶 Team Noord');
  });

  it('keeps a busy group under its send limit by holding messages back, not dropping them', async () => {
    rig = await TelegramRig.create({
      rateLimits: { perSecond: 20, burst: 2, perMinuteInGroup: 1000 },
    });
    await rig.boot();
    for (let n = 1; n <= 6; n++) rig.say(coco, `/storten ${n}`);
    await rig.fake.waitFor(() => rig!.fake.sent(GROUP).length === 6, 'six deposit replies');
    const amounts = rig.fake.sent(GROUP).map((m) => /€ (\d+),00 gestort/.exec(m.text)?.[1]);
    expect(amounts).toEqual(['1', '2', '3', '4', '5', '6']); // all of them, in order
    // Some were held back (the limiter said wait), and waiting is not a failed attempt: each went
    // out on its one counted attempt, so no message can be given up for waiting.
    const deferred = rig.count(
      "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL AND last_error = 'DeliveryError'",
    );
    expect(deferred).toBeGreaterThan(0);
    expect(rig.count('SELECT count(*) FROM outbox WHERE attempts > 1')).toBe(0);
    // Only the limiter held them back: Telegram itself never refused one.
    expect(rig.fake.calls.filter((c) => c.failed !== undefined)).toEqual([]);
  });

  it('uploads a document as multipart/form-data', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    const data = new TextEncoder().encode('\uFEFFdatum;bedrag\n2026-03-02;33,00\n');
    const id = await rig.adapter.sendDocument(`telegram:${GROUP}`, {
      filename: 'overzicht-noord.csv',
      data,
      caption: 'Zeswekelijks overzicht',
    });
    expect(rig.fake.documents).toHaveLength(1);
    const [upload] = rig.fake.documents;
    expect(upload!.chatId).toBe(GROUP);
    expect(upload!.file.filename).toBe('overzicht-noord.csv');
    expect(Buffer.from(upload!.file.bytes).equals(Buffer.from(data))).toBe(true);
    expect(upload!.caption).toBe('Zeswekelijks overzicht');
    expect(id).toMatch(/^\d+$/);
  });

  it('sends the files that come with an outbox message as documents after its text', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    const csv = new TextEncoder().encode('datum;bedrag\n');
    inWriteTransaction(rig.db, () =>
      enqueue(
        rig!.engine.sql,
        `telegram:${GROUP}`,
        {
          text: '📊 Overzicht',
          purpose: 'reply',
          files: [{ filename: 'overzicht.csv', mediaType: 'text/csv', data: csv }],
        },
        rig!.clock.now(),
      ),
    );
    await rig.dispatcher.flush();
    await rig.botMessage('📊 Overzicht');
    expect(rig.fake.documents.map((d) => d.file.filename)).toEqual(['overzicht.csv']);
    expect(rig.count('SELECT count(*) FROM outbox WHERE sent_at IS NULL')).toBe(0);
  });
});
