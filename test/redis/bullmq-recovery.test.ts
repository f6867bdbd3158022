import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { BullmqScheduler } from '../../src/redis/bullmq-scheduler.ts';
import { dueJobId } from '../../src/redis/queue-names.ts';
import { openDatabase } from '../../src/store/database.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import { tempDir } from '../support/temp-dir.ts';
import {
  makeEngine,
  openRequest,
  pause,
  sent,
  ShiftedClock,
  until,
  WatchedSource,
} from '../scheduling/scheduler-contract.ts';

// BullMQ only: what Redis or a crash can lose, the database still knows; the reconciliation
// (at start, at a reconnect, every few minutes) makes it whole again.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scheduler(source: WatchedSource, clock: ShiftedClock, url: string, prefix: string) {
  const made = new BullmqScheduler(source, { url, prefix, clock, reconcileEveryMs: 60_000 });
  cleanups.push(() => made.stop());
  return made;
}

async function delayedJobs(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return await redis.zrange(`${prefix}:due:delayed`, '0', '-1');
  } finally {
    redis.disconnect();
  }
}

const statuses = (engine: ReturnType<typeof makeEngine>) =>
  engine.sql.all<{ id: number; status: string }>('SELECT id, status FROM requests ORDER BY id');

describe('BullMQ scheduler: nothing lost', () => {
  let server: PrivateRedis | null = null;
  afterEach(async () => {
    await server?.stop();
    server = null;
  });

  it('Redis restarted empty while three deadlines are pending: each still expires, once, at or after its time', async () => {
    server = await startPrivateRedis(); // no persistence: a restart loses every job
    const clock = new ShiftedClock();
    clock.set(new Date('2026-03-03T10:00:00+01:00'));
    const engine = makeEngine(clock);
    const source = new WatchedSource(engine, clock);
    const requests = [];
    for (let i = 0; i < 3; i += 1) {
      requests.push(openRequest(engine, clock));
      clock.set(new Date(clock.now().getTime() + 1_000));
    }
    // The reminders are overdue; the deadlines are 3, 4 and 5 seconds away.
    clock.set(new Date(requests[0]!.deadline.getTime() - 3_000));
    const prefix = 'mmb-test-restart';
    await scheduler(source, clock, server.url, prefix).start();
    expect(sent(engine, 'reminder')).toHaveLength(3);
    expect(await delayedJobs(server.url, prefix)).toEqual([dueJobId(requests[0]!.deadline)]);

    const port = server.port;
    await server.stop(); // Redis restarts, empty
    server = await startPrivateRedis('redis-server', port);
    await until(() => sent(engine, 'expired').length === 3, 15_000);
    await pause(500);
    expect(sent(engine, 'expired').map((r) => r.requestId)).toEqual(requests.map((r) => r.id));
    expect(statuses(engine).map((r) => r.status)).toEqual(['expired', 'expired', 'expired']);
    // The three reminders at start, then the three expiries, none before the first deadline.
    expect(source.firings.reduce((n, f) => n + f.count, 0)).toBe(6);
    expect(source.firings[0]!.count).toBe(3);
    for (const firing of source.firings.slice(1))
      expect(firing.at.getTime()).toBeGreaterThanOrEqual(requests[0]!.deadline.getTime());
    // And the next due moment has its job on the new Redis.
    await pause(300);
    expect(await delayedJobs(server.url, prefix)).toEqual([dueJobId(engine.nextDueAt()!)]);
  }, 30_000);

  it('a process killed between its commit and the job add: the next process reconciles, and the deadline fires once', async () => {
    const file = join(tempDir('mmb-crash-'), 'mmb.sqlite');
    const url = testRedisUrl();
    const prefix = testPrefix();
    cleanups.push(async () => {
      await deleteKeys(url, prefix);
    });
    const clock = new ShiftedClock();
    clock.set(new Date('2026-03-03T10:00:00+01:00'));
    // The process that crashed: the request is committed, and no job was ever added for it.
    const crashedDb = openDatabase(file, { access: 'create' });
    const request = openRequest(makeEngine(clock, crashedDb), clock);
    crashedDb.close();
    expect(await delayedJobs(url, prefix)).toEqual([]);

    // The next process (a restarted bot or a worker) on the same database and Redis.
    const db = openDatabase(file);
    cleanups.push(() => {
      db.close();
    });
    const engine = makeEngine(clock, db);
    const source = new WatchedSource(engine, clock);
    await scheduler(source, clock, url, prefix).start();
    const reminder = new Date(request.deadline.getTime() - 4 * 3_600_000);
    expect(await delayedJobs(url, prefix)).toEqual([dueJobId(reminder)]);
    clock.set(new Date(request.deadline.getTime() - 300)); // the reminder is overdue, then the deadline
    source.poke();
    await until(() => sent(engine, 'expired').length > 0);
    await pause(500);
    expect(sent(engine, 'reminder')).toHaveLength(1);
    expect(sent(engine, 'expired')).toHaveLength(1);
    expect(source.firings.at(-1)!.at.getTime()).toBeGreaterThanOrEqual(request.deadline.getTime());
  });
});
