import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { FakeBotApi, FakeUser } from '../support/fake-bot-api.ts';
import { fakeBotApiForTest } from '../support/fake-bot-api-for-test.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import {
  pause,
  runningProcesses,
  startMmb,
  stopAll,
  until,
  type Proc,
} from '../support/mmb-process.ts';
import { tempDir } from '../support/temp-dir.ts';
import { writeTeamsFile, threeDaysAgo } from '../support/teams-file.ts';

// Issue 10 end to end: `mmb start` (Telegram against the fake Bot API, MMB_DUE=off) and
// `mmb worker` processes, all real child processes through bin/mmb.js, on one database file and
// one Redis, on the real clock. The team's vote window is three minutes; the request's Telegram
// date lies in the past (as for any message read late), so its deadline is seconds away: the
// engine judges a message by its own time.

const GROUP = -1001;
const anna: FakeUser = { id: 11, first_name: 'Anna' };
const bas: FakeUser = { id: 12, first_name: 'Bas' };
const carla: FakeUser = { id: 13, first_name: 'Carla' };
const dirk: FakeUser = { id: 14, first_name: 'Dirk' };
const WINDOW_S = 180;

const running = runningProcesses();
let fake: FakeBotApi | null = null;

/** A bot deployment in a temp folder: teams file, database, Redis prefix, fake Telegram. */
async function deployment() {
  fake = await fakeBotApiForTest();
  const dir = tempDir('mmb-e2e-');
  const teams = writeTeamsFile(dir, {
    name: 'Team Noord',
    chats: [`telegram:${GROUP}`],
    voteWindow: `${WINDOW_S / 60}m`,
    reminderBefore: '0',
    startDate: threeDaysAgo(),
  });
  const url = testRedisUrl();
  const prefix = testPrefix();
  const db = join(dir, 'mmb.sqlite');
  const shared = { MMB_DB: db, REDIS_URL: url, MMB_QUEUE_PREFIX: prefix, LOG_LEVEL: 'debug' };
  const botEnv = {
    ...shared,
    MMB_CONFIG: teams,
    MMB_DUE: 'off',
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  };
  const startBot = () => startMmb('start', dir, botEnv, running);
  const startWorker = () => startMmb('worker', dir, shared, running);
  /** Posts a request whose deadline is `inSeconds` from now; resolves with its message id. */
  const postRequest = async (bot: Proc, inSeconds: number) => {
    const date = Math.floor(Date.now() / 1000) - WINDOW_S + inSeconds;
    const { messageId } = fake!.message({
      chat: GROUP,
      from: anna,
      text: 'grofvuil €33 voor huishouden 12',
      date,
    });
    await until(() => sentTexts('Aanvraag #1').length > 0, 20_000, 'the request reply', [bot]);
    return { messageId, date };
  };
  const sentTexts = (part: string) => fake!.sentTexts(part);
  const statuses = () => {
    const check = new Database(db, { readonly: true });
    try {
      return check.prepare('SELECT status FROM requests').pluck().all() as string[];
    } finally {
      check.close();
    }
  };
  const outbox = (purpose: string) => {
    const check = new Database(db, { readonly: true });
    try {
      return check
        .prepare('SELECT count(*) FROM outbox WHERE purpose = ?')
        .pluck()
        .get(purpose) as number;
    } finally {
      check.close();
    }
  };
  const removeKeys = () => deleteKeys(url, prefix);
  return { startBot, startWorker, postRequest, sentTexts, statuses, outbox, removeKeys };
}

describe('mmb start (Telegram, MMB_DUE=off) with mmb worker processes, end to end', () => {
  it('the request expires once: one expiry message to Telegram, one expiry in the database', async () => {
    const d = await deployment();
    try {
      const bot = await d.startBot();
      const workers = [await d.startWorker(), await d.startWorker()];
      await d.postRequest(bot, 8); // due in 8 s
      await until(() => d.sentTexts('is verlopen').length > 0, 60_000, 'the expiry message', [
        bot,
        ...workers,
      ]);
      await pause(3_000); // any second expiry (another worker, a retried job) would come now
      expect(d.sentTexts('is verlopen')).toHaveLength(1);
      expect(d.sentTexts('is verlopen')[0]).toMatch(/^⌛ Aanvraag #1 .* is verlopen met 0 van 3/);
      expect(d.statuses()).toEqual(['expired']);
      expect(d.outbox('expired')).toBe(1);
      // A worker fired it; the bot (MMB_DUE=off) fired nothing and only delivered.
      const fired = workers.map((w) => w.stderr().split('due items fired').length - 1);
      expect(fired[0]! + fired[1]!).toBeGreaterThanOrEqual(1);
      expect(bot.stderr()).not.toContain('due items fired');
      expect(await stopAll([...workers, bot])).toEqual([0, 0, 0]);
      expect(bot.stderr()).toContain('bot stopped');
      for (const worker of workers) expect(worker.stderr()).toContain('worker stopped');
    } finally {
      await d.removeKeys();
    }
  }, 240_000);

  it('while the bot is down the worker holds the deadline back; the votes that waited at Telegram approve it', async () => {
    const d = await deployment();
    try {
      let bot = await d.startBot();
      const worker = await d.startWorker();
      const request = await d.postRequest(bot, 30); // due in 30 s
      expect(await stopAll([bot])).toEqual([0]);
      // Three "ja" cast while the bot was down, well before the deadline, waiting at Telegram.
      for (const [i, voter] of [bas, carla, dirk].entries())
        fake!.message({
          chat: GROUP,
          from: voter,
          text: 'ja',
          replyTo: request.messageId,
          date: request.date + 60 + i,
        });
      const deadlineMs = (request.date + WINDOW_S) * 1000;
      // The deadline passes; the worker's job comes and finds no bot.
      await until(
        () => worker.stderr().includes('no bot process is connected to the chats'),
        Math.max(0, deadlineMs - Date.now()) + 60_000,
        'the worker holding back',
        [worker],
      );
      await pause(Math.max(0, deadlineMs + 2_000 - Date.now()));
      expect(d.statuses()).toEqual(['open']);

      bot = await d.startBot(); // reads the backlog first, then beats
      await until(() => d.sentTexts('is toegekend').length > 0, 30_000, 'the approval', [
        bot,
        worker,
      ]);
      await until(
        () => worker.stderr().includes('the bot process is back'),
        10_000,
        'the worker resuming',
        [bot, worker],
      );
      await pause(3_000);
      expect(d.statuses()).toEqual(['approved']);
      expect(d.sentTexts('is verlopen')).toEqual([]);
      expect(d.sentTexts('Aanvraag #1 is toegekend')).toHaveLength(1);
      expect(await stopAll([worker, bot])).toEqual([0, 0]);
    } finally {
      await d.removeKeys();
    }
  }, 300_000);
});
