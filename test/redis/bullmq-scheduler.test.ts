import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pinoLines } from '../support/pino-lines.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { MmbError } from '../../src/core/errors.ts';
import { BullmqScheduler } from '../../src/redis/bullmq-scheduler.ts';
import { connectRedis, redisOptions } from '../../src/redis/connection.ts';
import { redactRedisUrl } from '../../src/redis/redis-url.ts';
import { dueJobId } from '../../src/redis/queue-names.ts';
import { openDatabase } from '../../src/store/database.ts';
import { NO_REDIS_SERVER, startPrivateRedis, type PrivateRedis } from '../support/private-redis.ts';
import { countKeys, deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import {
  makeEngine,
  openRequest,
  pause,
  sent,
  ShiftedClock,
  until,
  WatchedSource,
} from '../scheduling/scheduler-contract.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A BullMQ scheduler on the tests' Redis under a prefix of its own, stopped and removed after. */
function scheduler(source: WatchedSource, clock: ShiftedClock, prefix: string, extra = {}) {
  const made = new BullmqScheduler(source, {
    url: testRedisUrl(),
    prefix,
    clock,
    reconcileEveryMs: 300,
    ...extra,
  });
  cleanups.push(() => made.stop());
  return made;
}

function prefixed(): string {
  const prefix = testPrefix();
  cleanups.push(async () => {
    await deleteKeys(testRedisUrl(), prefix);
  });
  return prefix;
}

async function delayedJobs(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await redis.zrange(`${prefix}:due:delayed`, '0', '-1');
  } finally {
    redis.disconnect();
  }
}

describe('job ids and connection options', () => {
  it('ids name the moment, are never all digits and hold no colon', () => {
    const id = dueJobId(new Date('2026-03-30T07:00:00.000Z'));
    expect(id).toBe('due-20260330T070000000Z');
    expect(id).not.toMatch(/^\d+$/);
    expect(id).not.toContain(':');
    expect(dueJobId(new Date('2026-03-30T07:00:00.000Z'))).toBe(id); // deterministic
  });

  it('gives a worker maxRetriesPerRequest null, and a queue a fast failure', () => {
    expect(redisOptions('worker').maxRetriesPerRequest).toBeNull();
    expect(redisOptions('queue').enableOfflineQueue).toBe(false);
  });

  it('an unreachable REDIS_URL is a clear error within seconds, without the password', async () => {
    const started = Date.now();
    const error = await connectRedis('redis://:geheim@127.0.0.1:1', 'worker', 1_500).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(MmbError);
    expect((error as Error).message).toMatch(
      /^Redis op redis:\/\/:\*\*\*@127\.0\.0\.1:1 .*antwoordt niet binnen 2 s/,
    );
    expect((error as Error).message).not.toContain('geheim');
  });

  it('a URL that is not a Redis URL is refused at once', async () => {
    await expect(connectRedis('http://127.0.0.1:6379', 'queue')).rejects.toThrow(
      /is geen Redis-URL/,
    );
    expect(redactRedisUrl('redis://u:pw@h:1/0')).toBe('redis://u:***@h:1/0');
  });

  it('start() on an unreachable Redis fails within seconds, not a hang', async () => {
    const clock = new ShiftedClock();
    const engine = makeEngine(clock);
    const made = new BullmqScheduler(new WatchedSource(engine, clock), {
      url: 'redis://127.0.0.1:1',
      clock,
    });
    const started = Date.now();
    await expect(made.start()).rejects.toThrow(/antwoordt niet binnen 5 s/);
    expect(Date.now() - started).toBeLessThan(7_000);
  });

  it('the private redis-server of the test set-up says how to install it when there is none', async () => {
    await expect(startPrivateRedis('/nonexistent/redis-server')).rejects.toThrow(NO_REDIS_SERVER);
    expect(NO_REDIS_SERVER).toContain('apt-get install redis-server');
  });
});

describe('BullMQ scheduler on a real Redis', () => {
  it('holds one delayed job for the next due moment, replaced when that changes', async () => {
    const clock = new ShiftedClock();
    clock.set(new Date('2026-03-03T10:00:00+01:00'));
    const engine = makeEngine(clock);
    const source = new WatchedSource(engine, clock);
    const prefix = prefixed();
    await scheduler(source, clock, prefix).start();
    const first = openRequest(engine, clock);
    const reminder = new Date(first.deadline.getTime() - 4 * 3_600_000);
    await pause(300);
    expect(await delayedJobs(testRedisUrl(), prefix)).toEqual([dueJobId(reminder)]);
    engine.handle({
      kind: 'message',
      chatId: 'noord',
      senderId: 'anna',
      messageId: 'cancel',
      at: clock.now(),
      text: `/annuleer ${first.id}`,
    });
    await pause(300);
    // Nothing of the request is due any more: the next is the next overview slot.
    const next = engine.nextDueAt()!;
    expect(await delayedJobs(testRedisUrl(), prefix)).toEqual([dueJobId(next)]);
  });

  it('Redis flushed while a deadline is pending: it still fires, once, after reconciliation', async () => {
    const clock = new ShiftedClock();
    clock.set(new Date('2026-03-03T10:00:00+01:00'));
    const engine = makeEngine(clock);
    const source = new WatchedSource(engine, clock);
    const request = openRequest(engine, clock);
    clock.set(new Date(request.deadline.getTime() - 1_500)); // the reminder is overdue
    const prefix = prefixed();
    await scheduler(source, clock, prefix).start();
    expect(sent(engine, 'reminder')).toHaveLength(1);
    expect(await delayedJobs(testRedisUrl(), prefix)).toEqual([dueJobId(request.deadline)]);
    await deleteKeys(testRedisUrl(), prefix); // Redis lost everything (restart without persistence)
    expect(await countKeys(testRedisUrl(), prefix)).toBe(0);
    await until(() => sent(engine, 'expired').length > 0);
    await pause(500);
    expect(sent(engine, 'expired')).toHaveLength(1);
    expect(source.firings.at(-1)!.at.getTime()).toBeGreaterThanOrEqual(request.deadline.getTime());
  });

  it('two schedulers on one Redis and one database: one expiry message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmb-bullmq-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'mmb.sqlite');
    const clock = new ShiftedClock();
    clock.set(new Date('2026-03-03T10:00:00+01:00'));
    const dbA = openDatabase(file, { access: 'create' });
    const engineA = makeEngine(clock, dbA);
    const engineB = makeEngine(clock, openDatabase(file));
    const sourceA = new WatchedSource(engineA, clock);
    const sourceB = new WatchedSource(engineB, clock);
    const prefix = prefixed();
    await scheduler(sourceA, clock, prefix, { reconcileEveryMs: 60_000 }).start();
    await scheduler(sourceB, clock, prefix, { reconcileEveryMs: 60_000 }).start();
    const request = openRequest(engineA, clock);
    clock.set(new Date(request.deadline.getTime() - 4 * 3_600_000 - 300));
    sourceA.poke();
    sourceB.poke();
    await until(() => sent(engineA, 'reminder').length > 0);
    clock.set(new Date(request.deadline.getTime() - 300));
    sourceA.poke();
    sourceB.poke();
    await until(() => sent(engineA, 'expired').length > 0);
    await pause(800);
    expect(sent(engineA, 'expired')).toHaveLength(1);
    expect(sent(engineA, 'reminder')).toHaveLength(1);
    const fired = [...sourceA.firings, ...sourceB.firings].reduce((n, f) => n + f.count, 0);
    expect(fired).toBe(2); // the reminder and the expiry, each by one of the two
  });
});

describe('BullMQ scheduler as a producer (the bot with MMB_DUE=off)', () => {
  it("adds the job for the bot's commit and runs nothing; a worker's scheduler runs it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmb-bullmq-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'mmb.sqlite');
    const clock = new ShiftedClock();
    clock.set(new Date('2026-03-03T10:00:00+01:00'));
    const bot = makeEngine(clock, openDatabase(file, { access: 'create' }));
    const worker = makeEngine(clock, openDatabase(file));
    const botSource = new WatchedSource(bot, clock);
    const workerSource = new WatchedSource(worker, clock);
    const prefix = prefixed();
    const slow = { reconcileEveryMs: 60_000 };
    await scheduler(botSource, clock, prefix, { ...slow, role: 'producer' }).start();
    await scheduler(workerSource, clock, prefix, slow).start();
    const request = openRequest(bot, clock);
    const reminder = new Date(request.deadline.getTime() - 4 * 3_600_000);
    await pause(300);
    // The bot's commit got its job at once (the worker's engine heard nothing of it).
    expect(await delayedJobs(testRedisUrl(), prefix)).toEqual([dueJobId(reminder)]);
    clock.set(new Date(reminder.getTime() - 300));
    botSource.poke();
    await until(() => sent(bot, 'reminder').length > 0);
    await pause(500);
    expect(sent(bot, 'reminder')).toHaveLength(1);
    expect(botSource.firings).toEqual([]);
    expect(workerSource.firings.reduce((n, f) => n + f.count, 0)).toBe(1);
  });
});

describe('BullMQ scheduler with Redis going away', () => {
  let server: PrivateRedis | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('the bot goes on, deadlines still fire, and the log says so once each way', async () => {
    try {
      server = await startPrivateRedis();
    } catch (error) {
      throw new Error((error as Error).message);
    }
    const { lines, logger } = pinoLines();
    const clock = new ShiftedClock();
    clock.set(new Date('2026-03-03T10:00:00+01:00'));
    const engine = makeEngine(clock);
    const source = new WatchedSource(engine, clock);
    const made = new BullmqScheduler(source, {
      url: server.url,
      prefix: 'mmb-test-down',
      clock,
      logger,
      reconcileEveryMs: 300,
    });
    cleanups.push(() => made.stop());
    await made.start();
    const port = server.port;
    await server.stop();
    server = null;
    const request = openRequest(engine, clock); // an event still commits
    expect(engine.sql.number("SELECT count(*) FROM requests WHERE status = 'open'")).toBe(1);
    clock.set(new Date(request.deadline.getTime() + 1_000));
    await until(() => sent(engine, 'expired').length > 0);
    await pause(1_500); // several reconnect attempts and checks
    const downLines = lines.filter((l) => l.msg.startsWith('Redis is unreachable'));
    expect(downLines).toHaveLength(1);
    server = await startPrivateRedis('redis-server', port);
    await until(() => lines.some((l) => l.msg.startsWith('Redis is back')), 8_000);
    // Back on BullMQ: the next due moment has its job again.
    await pause(300);
    expect(await delayedJobs(server.url, 'mmb-test-down')).toEqual([dueJobId(engine.nextDueAt()!)]);
    expect(lines.filter((l) => l.msg.startsWith('Redis is back'))).toHaveLength(1);
    expect(sent(engine, 'expired')).toHaveLength(1);
    // SIGTERM while Redis is away again: stop() still returns, within seconds.
    await server.stop();
    server = null;
    await pause(300);
    const stopping = Date.now();
    await made.stop();
    expect(Date.now() - stopping).toBeLessThan(5_000);
  });
});
