import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { fakeBotApiForTest } from '../support/fake-bot-api-for-test.ts';
import {
  kill,
  pause,
  query,
  runningProcesses,
  startMmb,
  stopAll,
  until,
} from '../support/mmb-process.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import { tempDir } from '../support/temp-dir.ts';
import { threeDaysAgo, writeTeamsFile } from '../support/teams-file.ts';

// Issue 19, part 1, with real processes on the real clock: the bot is SIGKILLed 4 s before a
// deadline, the third "ja" is posted 2 s before it and waits at the fake Telegram, and the bot
// is back after the deadline. The "ja" came in time: the request is approved, never expired,
// whoever runs the due work (a worker, or the bot itself).

const GROUP = -1001;
const anna: FakeUser = { id: 11, first_name: 'Anna' };
const voters: FakeUser[] = [
  { id: 12, first_name: 'Bas' },
  { id: 13, first_name: 'Carla' },
  { id: 14, first_name: 'Dirk' },
];
const WINDOW_S = 60;
/** The deadline lies this far ahead when the request comes in: time for two live votes. */
const LEAD_S = 12;

const running = runningProcesses();

interface Mode {
  name: string;
  redis: boolean;
  due: 'on' | 'off';
  worker: boolean;
}

const MODES: Mode[] = [
  { name: 'Redis, MMB_DUE=off, an mmb worker', redis: true, due: 'off', worker: true },
  { name: 'one process, no Redis', redis: false, due: 'on', worker: false },
];

describe.each(MODES)('a crash just before a deadline ($name)', (mode) => {
  it('the "ja" posted before the deadline and read after the restart approves; nothing expires', async () => {
    const fake = await fakeBotApiForTest();
    const dir = tempDir('mmb-deadline-crash-');
    const teams = writeTeamsFile(dir, {
      chats: [`telegram:${GROUP}`],
      voteWindow: `${WINDOW_S / 60}m`,
      reminderBefore: '0',
      startDate: threeDaysAgo(),
    });
    const db = join(dir, 'mmb.sqlite');
    const prefix = testPrefix();
    const redis = mode.redis
      ? { REDIS_URL: testRedisUrl(), MMB_QUEUE_PREFIX: prefix }
      : ({} as Record<string, string>);
    const shared = { MMB_DB: db, LOG_LEVEL: 'debug', ...redis };
    const botEnv = {
      ...shared,
      MMB_CONFIG: teams,
      MMB_DUE: mode.due,
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
    };
    const startBot = () => startMmb('start', dir, botEnv, running);
    const texts = (part: string) => fake.sentTexts(part);
    try {
      let bot = await startBot();
      const worker = mode.worker ? await startMmb('worker', dir, shared, running) : null;
      const others = worker ? [worker] : [];

      const date = Math.floor(Date.now() / 1000) - WINDOW_S + LEAD_S;
      const deadlineMs = (date + WINDOW_S) * 1000;
      const request = fake.message({
        chat: GROUP,
        from: anna,
        text: 'grofvuil €33 voor huishouden 12',
        date,
      });
      for (const voter of voters.slice(0, 2))
        fake.message({ chat: GROUP, from: voter, text: 'ja', replyTo: request.messageId });
      const votes = () => query<{ n: number }>(db, 'SELECT count(*) AS n FROM votes')[0]!.n;
      await until(() => votes() === 2, 20_000, 'two votes', [bot, ...others]);
      expect(Date.now()).toBeLessThan(deadlineMs - 5_000); // the machine kept up

      await pause(deadlineMs - 4_000 - Date.now());
      await kill(bot); // its last heartbeat is a second old: fresh by the old 20 s
      fake.message({
        chat: GROUP,
        from: voters[2]!,
        text: 'ja',
        replyTo: request.messageId,
        date: Math.floor(deadlineMs / 1000) - 2,
      });
      await pause(deadlineMs + 3_000 - Date.now()); // the deadline passes without a bot
      expect(query<{ status: string }>(db, 'SELECT status FROM requests')).toEqual([
        { status: 'open' },
      ]);

      bot = await startBot(); // catching up: reads the "ja" that waited, then beats
      await until(() => texts('Aanvraag #1 is toegekend').length > 0, 30_000, 'the approval', [
        bot,
        ...others,
      ]);
      await pause(4_000); // an expiry (a worker, the bot's own timer) would come now
      expect(query<{ status: string }>(db, 'SELECT status FROM requests')).toEqual([
        { status: 'approved' },
      ]);
      expect(texts('is verlopen')).toEqual([]);
      expect(texts('al verlopen')).toEqual([]);
      expect(texts('Aanvraag #1 is toegekend')).toHaveLength(1);
      expect(await stopAll([...others, bot])).toEqual([...others.map(() => 0), 0]);
    } finally {
      if (mode.redis) await deleteKeys(testRedisUrl(), prefix);
    }
  }, 300_000);
});
