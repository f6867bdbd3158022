import { Redis } from 'ioredis';
import { pinoLines } from '../support/pino-lines.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import { DeliveryError } from '../../src/delivery/port/delivery-error.ts';
import { BullmqDelivery } from '../../src/redis/bullmq-delivery.ts';
import { deliveryLimit } from '../../src/redis/bullmq-delivery-limits.ts';
import { deliveryJobId, deliveryQueue } from '../../src/redis/queue-names.ts';
import { requestView } from '../../src/rules/request-view.ts';
import { inWriteTransaction } from '../../src/store/database.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import { CHATS, DeliveryBot, FakeAdapter, pause } from '../delivery/delivery-contract.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function prefixed(url: string): string {
  const prefix = testPrefix();
  cleanups.push(async () => {
    await deleteKeys(url, prefix);
  });
  return prefix;
}

function bot(): DeliveryBot {
  const made = new DeliveryBot();
  cleanups.push(() => made.close());
  return made;
}

function delivery(
  made: DeliveryBot,
  url: string,
  extra: Partial<ConstructorParameters<typeof BullmqDelivery>[0]> = {},
) {
  const result = new BullmqDelivery({
    url,
    // A private redis-server is thrown away whole: no keys to remove there.
    prefix: extra.prefix ?? prefixed(url),
    sql: made.engine.sql,
    clock: systemClock,
    viewOf: requestView,
    ...extra,
  });
  cleanups.push(() => result.stop());
  made.engine.onChange(() => void result.flush());
  return result;
}

describe('delivery job ids and limits', () => {
  it('a job id names its outbox row, is never all digits and holds no colon', () => {
    expect(deliveryJobId(42)).toBe('outbox-42');
    expect(deliveryJobId(42)).not.toMatch(/^\d+$/);
    expect(deliveryJobId(42)).not.toContain(':');
    expect(deliveryQueue('telegram')).toBe('deliver-telegram');
  });

  it('paces Telegram at about 30 a second, WhatsApp at one a second with a burst, the console not', () => {
    expect(deliveryLimit('telegram')).toEqual({ max: 30, duration: 1_000 });
    expect(deliveryLimit('whatsapp')!.max / deliveryLimit('whatsapp')!.duration).toBe(1 / 1_000);
    expect(deliveryLimit('console')).toBeUndefined();
  });
});

describe('BullMQ delivery on a real Redis', () => {
  it('adding the same row twice gives one job, and the row goes out once', async () => {
    const made = bot();
    const adapter = new FakeAdapter();
    const url = testRedisUrl();
    const queued = delivery(made, url);
    await queued.start(); // no route yet: no worker, the jobs wait in Redis
    made.ask(CHATS[0]!);
    const [id] = made.ids(CHATS[0]!);
    queued.register('telegram', async (m) => {
      await pause(100);
      return adapter.deliver(m);
    });
    await queued.reconcile();
    await queued.reconcile();
    await vi.waitFor(() => expect(made.row(id!).sent_at).not.toBeNull(), { timeout: 10_000 });
    await pause(300);
    expect(adapter.calls).toEqual([id]);
  });

  it('a rate-limited burst of 100 replies to one chat: order kept, none dropped', async () => {
    const made = bot();
    const adapter = new FakeAdapter();
    const url = testRedisUrl();
    const limit = { max: 25, duration: 1_000 };
    const queued = delivery(made, url, { limitOf: () => limit });
    await queued.start();
    queued.register('telegram', adapter.deliver);
    const started = Date.now();
    inWriteTransaction(made.engine.sql.db, () => {
      for (let i = 0; i < 100; i++)
        enqueue(made.engine.sql, CHATS[0]!, { text: `bericht ${i}` }, new Date());
    });
    await queued.flush();
    await vi.waitFor(() => expect(made.unsent()).toBe(0), { timeout: 30_000, interval: 50 });
    expect(adapter.delivered.map((m) => m.text)).toEqual(
      Array.from({ length: 100 }, (_, i) => `bericht ${i}`),
    );
    expect(adapter.calls).toHaveLength(100); // each once
    // 100 jobs at 25 a second need at least three more windows after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * limit.duration);
  });

  it('a paced chat waits on its own: the other chats go on', async () => {
    const made = bot();
    const adapter = new FakeAdapter();
    let refusals = 0;
    adapter.act = (m) => {
      if (m.chatId === CHATS[0] && refusals < 1) {
        refusals += 1;
        throw new DeliveryError('paced', { retryAfterMs: 1_000, waiting: true });
      }
    };
    const url = testRedisUrl();
    const queued = delivery(made, url);
    await queued.start();
    queued.register('telegram', adapter.deliver);
    made.ask(CHATS[0]!);
    made.ask(CHATS[1]!);
    made.ask(CHATS[1]!);
    // Chat 1's message waits its second; chat 2's go out meanwhile.
    await vi.waitFor(() => expect(adapter.idsFor(CHATS[1]!)).toEqual(made.ids(CHATS[1]!)), {
      timeout: 5_000,
    });
    expect(adapter.idsFor(CHATS[0]!)).toEqual([]);
    await vi.waitFor(() => expect(made.unsent()).toBe(0), { timeout: 10_000 });
    expect(made.row(made.ids(CHATS[0]!)[0]!).attempts).toBe(1); // waiting is no attempt
  });
});

describe('BullMQ delivery with Redis going away', () => {
  let server: PrivateRedis | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('approvals are still recorded while Redis is down; the replies go out once it is back', async () => {
    server = await startPrivateRedis();
    const { lines, logger } = pinoLines();
    const made = bot();
    const adapter = new FakeAdapter();
    const queued = delivery(made, server.url, {
      logger,
      reconcileEveryMs: 500,
      prefix: 'mmb-test-down',
    });
    await queued.start();
    queued.register('telegram', adapter.deliver);
    const chat = CHATS[0]!;
    const say = (from: string, text: string, id: string) =>
      made.engine.handle({
        kind: 'message',
        chatId: chat,
        senderId: from,
        messageId: id,
        at: systemClock.now(),
        text,
      });
    say('anna', 'grofvuil €33 voor huishouden 12', 'r1');
    await vi.waitFor(() => expect(made.unsent()).toBe(0), { timeout: 10_000 });
    const port = server.port;
    await server.stop();
    server = null;
    say('bas', 'ja', 'v1');
    say('carla', 'ja', 'v2');
    say('dirk', 'ja', 'v3');
    expect(made.engine.sql.number("SELECT count(*) FROM requests WHERE status = 'approved'")).toBe(
      1,
    );
    await pause(1_500); // several reconnect attempts and reconciliations
    expect(made.unsent()).toBeGreaterThan(0);
    const waiting = made.unsent();
    expect(lines.filter((l) => l.msg.startsWith('Redis is unreachable'))).toHaveLength(1);
    server = await startPrivateRedis('redis-server', port);
    await vi.waitFor(() => expect(made.unsent()).toBe(0), { timeout: 15_000, interval: 50 });
    expect(adapter.delivered.length).toBeGreaterThanOrEqual(1 + waiting);
    expect(adapter.delivered.some((m) => m.purpose === 'approved')).toBe(true);
    expect(new Set(adapter.calls).size).toBe(adapter.calls.length); // none twice
    expect(lines.filter((l) => l.msg.startsWith('Redis is back'))).toHaveLength(1);
    // SIGTERM while Redis is away again: stop() still returns, within seconds.
    await server.stop();
    server = null;
    const stopping = Date.now();
    await queued.stop();
    expect(Date.now() - stopping).toBeLessThan(5_000);
  });
});

describe('BullMQ delivery keys', () => {
  it('keeps its queues under MMB_QUEUE_PREFIX', async () => {
    const made = bot();
    const url = testRedisUrl();
    const prefix = prefixed(url);
    const queued = new BullmqDelivery({ url, prefix, sql: made.engine.sql, clock: systemClock });
    cleanups.push(() => queued.stop());
    await queued.start();
    const adapter = new FakeAdapter();
    queued.register('telegram', adapter.deliver);
    made.engine.onChange(() => void queued.flush());
    made.ask(CHATS[0]!);
    await vi.waitFor(() => expect(made.unsent()).toBe(0), { timeout: 5_000 });
    const redis = new Redis(url, { maxRetriesPerRequest: 1 });
    cleanups.push(() => redis.disconnect());
    expect(await redis.keys(`${prefix}:deliver-telegram:*`)).not.toEqual([]);
    expect(await redis.keys(`bull:deliver-telegram:*`)).toEqual([]);
  });
});
