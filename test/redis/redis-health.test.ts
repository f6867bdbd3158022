import { pinoLines } from '../support/pino-lines.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { BullmqDelivery } from '../../src/redis/bullmq-delivery.ts';
import { BullmqScheduler } from '../../src/redis/bullmq-scheduler.ts';
import { RedisHealth } from '../../src/redis/redis-health.ts';
import { requestView } from '../../src/rules/request-view.ts';
import { CHATS, DeliveryBot, FakeAdapter, pause } from '../delivery/delivery-contract.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const DELIVERY = { down: 'the replies wait', back: 'the outbox goes out again' };
const SCHEDULER = { down: 'deadlines at the check', back: 'the due work is on BullMQ again' };

describe('RedisHealth', () => {
  it('one outage seen by two parts is one warning, and one recovery once both are back', () => {
    const { lines, logger } = pinoLines();
    const health = new RedisHealth(logger);
    health.register('delivery', DELIVERY);
    health.register('scheduler', SCHEDULER);
    health.down('delivery', Object.assign(new Error('x'), { code: 'ECONNREFUSED' }));
    health.down('scheduler', new Error('connection closed'));
    health.down('delivery', new Error('again'));
    expect(lines.map((l) => l.msg)).toEqual([
      'Redis is unreachable: requests and votes go on; the replies wait; deadlines at the check',
    ]);
    health.up('delivery');
    expect(lines).toHaveLength(1); // the scheduler has not reached Redis yet
    health.up('scheduler');
    health.up('scheduler');
    expect(lines.map((l) => l.msg).slice(1)).toEqual([
      'Redis is back: the outbox goes out again; the due work is on BullMQ again',
    ]);
    // The next outage is a new one.
    health.down('scheduler', new Error('connection closed'));
    expect(lines.filter((l) => l.msg.startsWith('Redis is unreachable'))).toHaveLength(2);
  });

  it('a part that stops during an outage no longer holds the recovery line back', () => {
    const { lines, logger } = pinoLines();
    const health = new RedisHealth(logger);
    health.register('delivery', DELIVERY);
    health.register('scheduler', SCHEDULER);
    health.down('delivery', new Error('x'));
    health.down('scheduler', new Error('x'));
    health.unregister('scheduler');
    health.up('delivery');
    expect(lines.map((l) => l.msg)).toEqual([
      'Redis is unreachable: requests and votes go on; the replies wait; deadlines at the check',
      'Redis is back: the outbox goes out again',
    ]);
  });
});

describe('the BullMQ scheduler and delivery of one process with Redis going away', () => {
  let server: PrivateRedis | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('Redis down while votes arrive: one warning and one recovery line for both, nothing lost', async () => {
    server = await startPrivateRedis();
    const { lines, logger } = pinoLines();
    const health = new RedisHealth(logger);
    const made = new DeliveryBot();
    cleanups.push(() => made.close());
    const adapter = new FakeAdapter();
    const delivery = new BullmqDelivery({
      url: server.url,
      prefix: 'mmb-test-health',
      sql: made.engine.sql,
      clock: systemClock,
      logger,
      viewOf: requestView,
      reconcileEveryMs: 300,
      health,
    });
    cleanups.push(() => delivery.stop());
    made.engine.onChange(() => void delivery.flush());
    const scheduler = new BullmqScheduler(made.engine, {
      url: server.url,
      prefix: 'mmb-test-health',
      clock: systemClock,
      logger,
      reconcileEveryMs: 1_000,
      health,
    });
    cleanups.push(() => scheduler.stop());
    await delivery.start();
    delivery.register('telegram', adapter.deliver);
    await scheduler.start();
    made.ask(CHATS[0]!);
    await vi.waitFor(() => expect(made.unsent()).toBe(0), { timeout: 10_000 });

    const port = server.port;
    await server.stop();
    server = null;
    made.ask(CHATS[0]!);
    made.ask(CHATS[1]!);
    await pause(1_500); // both parts notice, retry and reconcile several times
    expect(made.unsent()).toBe(2);
    const down = lines.filter((l) => l.msg.startsWith('Redis is unreachable'));
    expect(down).toHaveLength(1);
    expect(down[0]!.msg).toContain('the replies wait in the outbox');
    expect(down[0]!.msg).toContain('what falls due runs at the check every 1 s');
    expect(lines.filter((l) => l.msg.startsWith('Redis is back'))).toHaveLength(0);

    server = await startPrivateRedis('redis-server', port);
    await vi.waitFor(() => expect(made.unsent()).toBe(0), { timeout: 15_000, interval: 50 });
    await vi.waitFor(
      () => expect(lines.some((l) => l.msg.startsWith('Redis is back'))).toBe(true),
      { timeout: 8_000, interval: 50 },
    );
    await pause(1_000); // more reconciliations: no second line
    const back = lines.filter((l) => l.msg.startsWith('Redis is back'));
    expect(back).toHaveLength(1);
    expect(back[0]!.msg).toContain('the outbox is delivered through BullMQ again');
    expect(back[0]!.msg).toContain('the due work is scheduled on BullMQ again');
    expect(lines.filter((l) => l.msg.startsWith('Redis is unreachable'))).toHaveLength(1);
    // Stopped while Redis is there (the server goes first in the clean-up).
    await scheduler.stop();
    await delivery.stop();
  }, 40_000);
});
