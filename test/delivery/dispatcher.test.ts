import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { inWriteTransaction, openDatabase } from '../../src/store/database.ts';
import { Statements } from '../../src/store/statements.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import { systemClock } from '../../src/core/clock.ts';
import { Dispatcher, platformOf } from '../../src/delivery/dispatcher.ts';
import { DeliveryError } from '../../src/delivery/port/delivery-error.ts';
import type { OutboxMessage } from '../../src/delivery/port/outbox-message.ts';
import { Harness } from '../support/harness.ts';

const config = {
  teams: [{ id: 'noord', chats: ['telegram:-1', 'whatsapp:9@g.us'], startDate: '2026-03-02' }],
};

describe('Dispatcher', () => {
  it('routes each chat to the adapter of its platform', async () => {
    const h = new Harness(config);
    h.say('anna', '/saldo', { chat: 'telegram:-1' });
    h.say('anna', '/saldo', { chat: 'whatsapp:9@g.us' });
    const seen: string[] = [];
    const dispatcher = new Dispatcher(h.engine.sql, h.clock);
    dispatcher.register(
      'telegram',
      async (m) => (seen.push(`tg ${m.chatId}`), { platformMessageId: 't1' }),
    );
    dispatcher.register(
      'whatsapp',
      async (m) => (seen.push(`wa ${m.chatId}`), { platformMessageId: 'w1' }),
    );
    expect(await dispatcher.flush()).toBe(2);
    expect(seen).toEqual(['tg telegram:-1', 'wa whatsapp:9@g.us']);
    expect(await dispatcher.flush()).toBe(0);
  });

  it('keeps messages for a platform without an adapter until one registers', async () => {
    const h = new Harness(config);
    h.say('anna', '/saldo', { chat: 'telegram:-1' });
    const dispatcher = new Dispatcher(h.engine.sql, h.clock);
    expect(await dispatcher.flush()).toBe(0);
    dispatcher.register('telegram', async () => ({ platformMessageId: 'x' }));
    expect(await dispatcher.flush()).toBe(1);
  });

  it('never gives a message up for waiting: 100 refusals while paced or disconnected, then it goes out', async () => {
    const h = new Harness(config);
    h.say('anna', '/saldo', { chat: 'whatsapp:9@g.us' });
    let refusals = 0;
    const dispatcher = new Dispatcher(h.engine.sql, h.clock);
    dispatcher.register('whatsapp', async () => {
      if (refusals < 100) {
        refusals += 1;
        throw new DeliveryError('whatsapp not connected', { retryAfterMs: 2000, waiting: true });
      }
      return { platformMessageId: 'w1' };
    });
    for (let i = 0; i < 100; i++) {
      expect(await dispatcher.flush()).toBe(0);
      h.advance(1);
    }
    expect(await dispatcher.flush()).toBe(1);
    const row = h.engine.sql.get<{ attempts: number; failed_at: number | null }>(
      'SELECT attempts, failed_at FROM outbox ORDER BY id DESC LIMIT 1',
    );
    expect(row).toEqual({ attempts: 1, failed_at: null }); // the one that went out
  });

  it('retries a failed message later and keeps the order within a chat', async () => {
    const h = new Harness(config);
    h.say('anna', '/saldo', { chat: 'telegram:-1' });
    h.say('anna', '/open', { chat: 'telegram:-1' });
    const sent: number[] = [];
    let fail = true;
    const dispatcher = new Dispatcher(h.engine.sql, h.clock);
    dispatcher.register('telegram', async (m: OutboxMessage) => {
      if (fail) throw new DeliveryError('429', { retryAfterMs: 5000 });
      sent.push(m.id);
      return { platformMessageId: String(m.id) };
    });
    expect(await dispatcher.flush()).toBe(0);
    fail = false;
    expect(await dispatcher.flush()).toBe(0); // not due yet: retry_after is respected
    h.advance(1);
    expect(await dispatcher.flush()).toBe(2);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    await dispatcher.stop();
  });

  it('gives a message up only when the adapter says trying again cannot help', async () => {
    const h = new Harness(config);
    h.say('anna', '/saldo', { chat: 'telegram:-1' });
    const dispatcher = new Dispatcher(h.engine.sql, h.clock);
    dispatcher.register('telegram', async () => {
      throw new DeliveryError('bot was removed', { permanent: true });
    });
    await dispatcher.flush();
    expect(h.engine.sql.number('SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL')).toBe(1);
    await dispatcher.stop();
  });

  it('loses nothing when the process dies between deciding and sending', async () => {
    const file = join(tempDir('mmb-crash-'), 'mmb.sqlite');
    const before = new Harness(config, '2026-03-02T09:00:00+01:00', { db: openDatabase(file) });
    before.say('anna', 'grofvuil €33 voor huishouden 12', { chat: 'telegram:-1' });
    before.db.close(); // the "crash": nothing was delivered
    const after = new Harness(config, '2026-03-02T09:01:00+01:00', { db: openDatabase(file) });
    const delivered: string[] = [];
    const dispatcher = new Dispatcher(after.engine.sql, after.clock);
    dispatcher.register(
      'telegram',
      async (m) => (delivered.push(m.text), { platformMessageId: '1' }),
    );
    await dispatcher.flush();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toContain('Aanvraag #1');
    after.db.close();
  });
});

describe('Dispatcher rounds', () => {
  it('delivers different chats at once: a slow chat does not hold back the others', async () => {
    const h = new Harness(config);
    h.say('anna', '/saldo', { chat: 'telegram:-1' });
    h.say('anna', '/saldo', { chat: 'whatsapp:9@g.us' });
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const dispatcher = new Dispatcher(h.engine.sql, h.clock);
    dispatcher.register('telegram', async () => {
      seen.push('telegram started');
      await slow;
      return { platformMessageId: 't' };
    });
    dispatcher.register('whatsapp', async () => {
      seen.push('whatsapp');
      return { platformMessageId: 'w' };
    });
    const flushed = dispatcher.flush();
    await vi.waitFor(() => expect(seen).toEqual(['telegram started', 'whatsapp']));
    release();
    expect(await flushed).toBe(2);
  });

  it("reads a request's view once per round, however many messages show it", async () => {
    const h = new Harness(config);
    h.say('anna', 'grofvuil €33 voor huishouden 12', { chat: 'telegram:-1' });
    const requestId = h.engine.sql.number('SELECT max(id) FROM requests');
    h.engine.sql.run('UPDATE outbox SET sent_at = 1');
    inWriteTransaction(h.db, () => {
      enqueue(h.engine.sql, 'telegram:-1', { text: 'a', requestId }, h.clock.now());
      enqueue(h.engine.sql, 'whatsapp:9@g.us', { text: 'b', requestId }, h.clock.now());
    });
    let views = 0;
    const dispatcher = new Dispatcher(h.engine.sql, h.clock, undefined, () => {
      views += 1;
      return { number: 7, status: 'open', platformMessageId: null, text: 'x' };
    });
    const shown: (number | undefined)[] = [];
    const deliver = async (m: { view: { number: number } | null }) => {
      shown.push(m.view?.number);
      return { platformMessageId: null };
    };
    dispatcher.register('telegram', deliver);
    dispatcher.register('whatsapp', deliver);
    expect(await dispatcher.flush()).toBe(2);
    expect(shown).toEqual([7, 7]);
    expect(views).toBe(1);
  });
});

describe('Dispatcher lanes', () => {
  it('a crash while one chat is slow resends only the message in flight: 30 chats, 0 doubles', async () => {
    const file = join(tempDir('mmb-lanes-'), 'mmb.sqlite');
    const db = openDatabase(file);
    const sql = new Statements(db);
    const chats = Array.from({ length: 30 }, (_, i) => `telegram:-${i + 1}`);
    inWriteTransaction(db, () => {
      for (const chat of chats) enqueue(sql, chat, { text: 'aanvraag' }, new Date());
    });
    const received: string[] = []; // what the chats got, over both runs
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const first = new Dispatcher(sql, systemClock);
    first.register('telegram', async (m) => {
      if (m.chatId === chats[7]) await slow; // the platform holds this one call
      received.push(m.chatId);
      return { platformMessageId: m.chatId };
    });
    const flushed = first.flush();
    await vi.waitFor(() => expect(received).toHaveLength(29));
    // The crash: nothing more of this run reaches the database; the slow call never answers.
    const marked = sql.number('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL');
    expect(marked).toBe(29);
    db.close();
    const again = openDatabase(file, { access: 'existing' });
    const second = new Dispatcher(new Statements(again), systemClock);
    second.register('telegram', async (m) => (received.push(m.chatId), { platformMessageId: 'x' }));
    try {
      expect(await second.flush()).toBe(1);
      const doubles = received.length - new Set(received).size;
      expect(doubles).toBe(0);
      expect([...received].sort()).toEqual([...chats].sort());
    } finally {
      await second.stop();
      again.close();
      release();
      await flushed.catch(() => {}); // its mark meets a closed database
    }
  });

  it('a chat waiting for a slow call keeps its order, while a later reply to another chat goes out at once', async () => {
    const h = new Harness(config);
    h.say('anna', '/saldo', { chat: 'telegram:-1' });
    h.say('anna', '/open', { chat: 'telegram:-1' });
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const dispatcher = new Dispatcher(h.engine.sql, h.clock);
    dispatcher.register('telegram', async (m) => {
      if (seen.length === 0) await slow;
      seen.push(`${m.chatId} ${m.id}`);
      return { platformMessageId: 't' };
    });
    dispatcher.register(
      'whatsapp',
      async (m) => (seen.push(`${m.chatId} ${m.id}`), { platformMessageId: 'w' }),
    );
    const flushed = dispatcher.flush();
    h.say('anna', '/saldo', { chat: 'whatsapp:9@g.us' }); // comes in while telegram:-1 waits
    void dispatcher.flush();
    const ids = h.engine.sql
      .all<{ id: number; chat_id: string }>('SELECT id, chat_id FROM outbox ORDER BY id')
      .map((r) => `${r.chat_id} ${r.id}`);
    await vi.waitFor(() => expect(seen).toEqual([ids.at(-1)]));
    release();
    expect(await flushed).toBe(3);
    expect(seen.slice(1)).toEqual(ids.filter((id) => id.startsWith('telegram:')));
  });
});

describe('platformOf', () => {
  it('reads the platform prefix of a chat id', () => {
    expect(platformOf('telegram:-100123')).toBe('telegram');
    expect(platformOf('whatsapp:120363@g.us')).toBe('whatsapp');
    expect(platformOf('noord')).toBe('');
  });
});

describe('Dispatcher.watchOtherWriters', () => {
  it('delivers a reply another process wrote into the outbox within a poll, once', async () => {
    const file = join(tempDir('mmb-watch-'), 'mmb.sqlite');
    const bot = openDatabase(file);
    const other = new Statements(openDatabase(file, { access: 'existing' }));
    const sent: string[] = [];
    const dispatcher = new Dispatcher(new Statements(bot), systemClock);
    dispatcher.register('telegram', async (m) => (sent.push(m.text), { platformMessageId: 'x' }));
    dispatcher.watchOtherWriters(20);
    try {
      // Another connection (an `mmb worker`) commits a reply; this process hears nothing of it.
      inWriteTransaction(other.db, () =>
        enqueue(other, 'telegram:-1', { text: 'verlopen' }, new Date()),
      );
      await vi.waitFor(() => expect(sent).toEqual(['verlopen']), { timeout: 2_000 });
      await new Promise((resolve) => setTimeout(resolve, 100)); // a few more polls: nothing more
      expect(sent).toEqual(['verlopen']);
    } finally {
      await dispatcher.stop();
      other.db.close();
      bot.close();
    }
  });
});
