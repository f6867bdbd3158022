import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { execMmb, spawnMmb, until, type Proc } from '../support/mmb-process.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import { writeTeamsFile } from '../support/teams-file.ts';

// `mmb worker` beside `mmb start` as real processes, on one database file and one Redis, on the
// real clock: the split deployment of the README.

const dir = mkdtempSync(join(tmpdir(), 'mmb-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string>): Proc =>
  spawnMmb(args, {
    cwd: dir,
    inheritEnv: true,
    env: { MMB_CONFIG: '', REDIS_URL: '', MMB_DUE: '', ...env },
  });

const count = (text: string, part: string) => text.split(part).length - 1;

describe('mmb worker', () => {
  it('without REDIS_URL: one line, exit 2', async () => {
    const result = await execMmb(['worker'], {
      cwd: dir,
      inheritEnv: true,
      env: { REDIS_URL: '', MMB_DB: join(dir, 'none.sqlite') },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^mmb: mmb worker handelt het werk af via BullMQ en heeft REDIS_URL nodig\./,
      ),
    ]);
  });

  it('an unreachable REDIS_URL: one line within seconds, exit 1, before the database', async () => {
    const started = Date.now();
    const worker = run(['worker'], {
      MMB_DB: join(dir, 'none.sqlite'),
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(await worker.exited).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(worker.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(
        /^mmb: Redis op redis:\/\/127\.0\.0\.1:1\/? \(REDIS_URL\) antwoordt niet/,
      ),
    ]);
  });

  it('mmb start with MMB_DUE=off but no REDIS_URL: one line, exit 2, nothing created', async () => {
    const db = join(dir, 'due-off.sqlite');
    const bot = run(['start'], { MMB_DB: db, MMB_CONSOLE: 'on', MMB_DUE: 'off' });
    expect(await bot.exited).toBe(2);
    expect(bot.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/^mmb: MMB_DUE=off laat termijnen.*REDIS_URL nodig\./),
    ]);
    expect(existsSync(db)).toBe(false);
  });

  it('two workers beside a bot with MMB_DUE=off: the deadline expires once, the bot delivers it once', async () => {
    const url = testRedisUrl();
    const prefix = testPrefix();
    const db = join(dir, 'mmb.sqlite');
    const teams = writeTeamsFile(dir, {
      name: 'Team Noord',
      chats: ['console:groep'],
      coordinators: ['console:coco'],
      voteWindow: '1m',
      reminderBefore: '0',
    });
    const shared = { MMB_DB: db, REDIS_URL: url, MMB_QUEUE_PREFIX: prefix };
    const bot = run(['start'], {
      ...shared,
      MMB_CONFIG: teams,
      MMB_CONSOLE: 'on',
      MMB_DUE: 'off',
      LOG_LEVEL: 'info',
    });
    const workers: Proc[] = [];
    try {
      await until(() => bot.stdout().includes('console-chat'), 20_000, 'the bot', [bot]);
      for (let i = 0; i < 2; i += 1)
        workers.push(run(['worker'], { ...shared, LOG_LEVEL: 'debug' }));
      for (const worker of workers)
        await until(() => worker.stderr().includes('worker started'), 20_000, 'a worker', [worker]);

      bot.child.stdin!.write('anna: grofvuil €33 voor huishouden 12\n');
      await until(() => bot.stdout().includes('#1'), 10_000, 'the request', [bot]);
      const opened = Date.now();
      await until(() => bot.stdout().includes('is verlopen'), 90_000, 'the expiry message', [
        bot,
        ...workers,
      ]);
      // Due one minute after the request; a worker fires it and the bot delivers it promptly.
      expect(Date.now() - opened).toBeLessThan(60_000 + 5_000);
      await new Promise((resolve) => setTimeout(resolve, 3_000)); // a few more polls and jobs
      expect(count(bot.stdout(), 'is verlopen')).toBe(1);

      // The workers fired it (and the new team's first period): the bot, with MMB_DUE=off,
      // fired nothing. One expiry in the database, sent once.
      const fired = workers.map((w) => count(w.stderr(), 'due items fired'));
      expect(fired.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      expect(readFileSync(join(dir, 'mmb.log'), 'utf8')).not.toContain('due items fired');
      const check = new Database(db, { readonly: true });
      const expired = check
        .prepare("SELECT sent_at FROM outbox WHERE purpose = 'expired'")
        .all() as { sent_at: number | null }[];
      check.close();
      expect(expired).toHaveLength(1);
      expect(expired[0]!.sent_at).not.toBeNull();
    } finally {
      for (const worker of workers) worker.child.kill('SIGTERM');
      bot.child.kill('SIGTERM');
      const codes = await Promise.all([...workers.map((w) => w.exited), bot.exited]);
      await deleteKeys(url, prefix);
      expect(codes).toEqual([0, 0, 0]);
      for (const worker of workers) expect(worker.stderr()).toContain('worker stopped');
    }
  }, 150_000);
});
