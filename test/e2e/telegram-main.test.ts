import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localDateOf } from '../../src/text/time.ts';
import { FakeBotApi } from '../support/fake-bot-api.ts';
import { anna, bas, carla, dirk, GROUP } from '../adapters/telegram/rig.ts';
import { sourcesEnv } from '../support/mmb-process.ts';

let fake: FakeBotApi | null = null;
let dir: string | null = null;
let bot: ChildProcess | null = null;

afterEach(async () => {
  if (bot && bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
  bot = null;
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  fake = null;
  dir = null;
});

describe('`mmb start` with TELEGRAM_BOT_TOKEN', () => {
  it('runs the Telegram adapter instead of the console, stops cleanly, and logs no text or token', async () => {
    fake = await FakeBotApi.start();
    dir = mkdtempSync(join(tmpdir(), 'mmb-telegram-main-'));
    const teams = join(dir, 'teams.json');
    writeFileSync(
      teams,
      JSON.stringify({
        teams: [
          {
            id: 'noord',
            name: 'Team Noord',
            chats: [`telegram:${GROUP}`],
            startDate: localDateOf(new Date(Date.now() - 3 * 86_400_000)),
          },
        ],
      }),
    );
    // Waiting while the bot was down: it reads these before anything else.
    const request = fake.message({
      chat: GROUP,
      from: anna,
      text: 'grofvuil €33 voor huishouden 12',
    });
    fake.message({ chat: GROUP, from: bas, text: 'ja', replyTo: request.messageId });
    const child = spawn(process.execPath, ['bin/mmb.js', 'start'], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        ...sourcesEnv(),
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        MMB_DB: join(dir, 'mmb.sqlite'),
        MMB_CONFIG: teams,
        LOG_LEVEL: 'debug',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    bot = child;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );

    const current = fake;
    // Fails at once, with the bot's log, if the bot exits instead of answering.
    const orExit = (waiting: Promise<void>) =>
      Promise.race([
        waiting,
        exited.then((code) => {
          throw new Error(`the bot exited with ${code}: ${stderr}`);
        }),
      ]);
    await orExit(
      current.waitFor(
        () => current.sent(GROUP).some((m) => m.text.includes('1 van 3 ja')),
        'the backlog applied',
        90_000, // a cold start of tsx on a busy machine
      ),
    );
    current.message({ chat: GROUP, from: carla, text: 'ja #1' });
    current.message({ chat: GROUP, from: dirk, text: '👍 #1' });
    await orExit(
      current.waitFor(
        () => current.sent(GROUP).some((m) => m.text.includes('Aanvraag #1 is toegekend')),
        'the approval',
      ),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).not.toContain('console-chat'); // the console was not opened
    expect(stderr).toContain('bot started');
    expect(stderr).toContain('bot stopped');
    for (const secret of [fake.token, fake.token.split(':')[1]!, 'grofvuil', 'huishouden 12'])
      expect(stderr).not.toContain(secret);
  }, 150_000);
});
