import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/cli.ts';
import { loadEnv } from '../../src/app/env.ts';
import { chooseScheduler } from '../../src/app/main.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { BullmqScheduler } from '../../src/redis/bullmq-scheduler.ts';
import { TimerScheduler } from '../../src/scheduling/timer-scheduler.ts';
import { restoreStubsAfterEach } from '../support/cli-in-process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { makeEngine, ShiftedClock } from '../scheduling/scheduler-contract.ts';

restoreStubsAfterEach();

describe('REDIS_URL and MMB_QUEUE_PREFIX', () => {
  it('are checked with the environment', () => {
    expect(loadEnv({}).REDIS_URL).toBeUndefined();
    expect(loadEnv({}).MMB_QUEUE_PREFIX).toBe('mmb');
    const env = loadEnv({
      REDIS_URL: 'redis://:pw@10.0.0.5:6380/2',
      MMB_QUEUE_PREFIX: 'mmb-noord',
    });
    expect(env).toMatchObject({
      REDIS_URL: 'redis://:pw@10.0.0.5:6380/2',
      MMB_QUEUE_PREFIX: 'mmb-noord',
    });
    for (const wrong of ['localhost:6379', 'http://127.0.0.1:6379', 'redis'])
      expect(() => loadEnv({ REDIS_URL: wrong })).toThrow(/REDIS_URL: een Redis-URL/);
    expect(() => loadEnv({ MMB_QUEUE_PREFIX: 'mmb:noord' })).toThrow(/MMB_QUEUE_PREFIX: 1 tot 40/);
  });

  it('choose the scheduler: BullMQ with REDIS_URL, the embedded timer without', async () => {
    const clock = new ShiftedClock();
    const engine = makeEngine(clock);
    expect(
      await chooseScheduler({ MMB_QUEUE_PREFIX: 'mmb' }, engine, clock, silentLogger),
    ).toBeInstanceOf(TimerScheduler);
    expect(
      await chooseScheduler(
        { REDIS_URL: 'redis://127.0.0.1:6379', MMB_QUEUE_PREFIX: 'mmb' },
        engine,
        clock,
        silentLogger,
      ),
    ).toBeInstanceOf(BullmqScheduler);
  });

  it('mmb start with an unreachable REDIS_URL stops within seconds, in one line, before opening anything', async () => {
    const dir = tempDir('mmb-redis-');
    const db = join(dir, 'mmb.sqlite');
    vi.stubEnv('MMB_DB', db);
    vi.stubEnv('MMB_CONFIG', '');
    vi.stubEnv('MMB_CONSOLE', 'on');
    vi.stubEnv('REDIS_URL', 'redis://:geheim@127.0.0.1:1');
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const started = Date.now();
    const code = await main(['start']);
    expect(Date.now() - started).toBeLessThan(7_000);
    expect(code).toBe(1);
    const printed = err.mock.calls.join('\n');
    expect(printed).toMatch(
      /^mmb: Redis op redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(REDIS_URL\) antwoordt niet/,
    );
    expect(printed).not.toContain('geheim');
    expect(existsSync(db)).toBe(false);
  });
});
