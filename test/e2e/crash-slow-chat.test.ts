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
import { tempDir } from '../support/temp-dir.ts';
import { threeDaysAgo, writeTeamsFile } from '../support/teams-file.ts';

// Issue 19, part 2, with a real bot process (one process, no Redis) and the fake Telegram: 30
// groups get a request at once, one group's sendMessage takes 20 s, the bot is SIGKILLed 5 s in
// and started again. Every reply Telegram confirmed was marked sent at once, so the restart sends
// only the one that was in flight: no group gets its reply twice.

const GROUPS = Array.from({ length: 30 }, (_, i) => -1001 - i);
const SLOW = GROUPS[7]!;
const anna: FakeUser = { id: 11, first_name: 'Anna' };

const running = runningProcesses();

describe('a crash while one chat is slow (one process)', () => {
  it('30 groups, one sendMessage of 20 s, SIGKILL 5 s in: after the restart every group has its reply once', async () => {
    const fake = await fakeBotApiForTest();
    const dir = tempDir('mmb-slow-chat-');
    const teams = writeTeamsFile(dir, {
      chats: GROUPS.map((group) => `telegram:${group}`),
      startDate: threeDaysAgo(),
    });
    const db = join(dir, 'mmb.sqlite');
    const env = {
      MMB_DB: db,
      MMB_CONFIG: teams,
      LOG_LEVEL: 'debug',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
    };
    const startBot = () => startMmb('start', dir, env, running);
    /** How many request replies each group got from Telegram (a confirmed sendMessage). */
    const repliesPerGroup = () => {
      const count = new Map<number, number>();
      for (const call of fake.callsOf('sendMessage'))
        if (String(call.params.text).includes('Aanvraag #')) {
          const chat = Number(call.params.chat_id);
          count.set(chat, (count.get(chat) ?? 0) + 1);
        }
      return count;
    };
    const total = () => [...repliesPerGroup().values()].reduce((a, b) => a + b, 0);

    let bot = await startBot();
    fake.slowChat(SLOW, 20_000);
    const postedAt = Date.now();
    for (const [i, group] of GROUPS.entries())
      fake.message({ chat: group, from: anna, text: `grofvuil €33 voor huishouden ${i + 1}` });
    await until(() => total() === 29, 20_000, '29 replies', [bot]);
    await pause(postedAt + 5_000 - Date.now());
    const marked = query<{ n: number }>(
      db,
      "SELECT count(*) AS n FROM outbox WHERE purpose = 'request-opened' AND sent_at IS NOT NULL",
    )[0]!.n;
    await kill(bot); // the slow call is still in flight

    fake.slowChat(SLOW, 0);
    bot = await startBot();
    await until(() => total() >= 30, 30_000, 'the 30th reply', [bot]);
    await pause(2_000); // a resend would come now
    const counts = repliesPerGroup();
    const doubles = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
    expect({ marked, groups: counts.size, doubles }).toEqual({
      marked: 29,
      groups: 30,
      doubles: 0,
    });
    expect(await stopAll([bot])).toEqual([0]);
  }, 300_000);
});
