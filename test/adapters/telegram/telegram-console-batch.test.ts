import Database from 'better-sqlite3';
import type { Transformer } from 'grammy';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleChat } from '../../../adapters/console/console-chat.ts';
import { EngineHost } from '../../../src/app/adapter-host.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { localDateOf } from '../../../src/text/time.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { anna, coco, GROUP, TelegramRig } from './rig.ts';

const CONSOLE_CHAT = 'console:groep';

let rig: TelegramRig | null = null;
let chat: ConsoleChat | null = null;
let reader: Database.Database | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  await chat?.stop();
  chat = null;
  reader?.close();
  reader = null;
  await rig?.dispose();
  rig = null;
});

describe('Telegram and the console chat in one bot process', () => {
  it('when the console’s commit fails inside Telegram’s open batch, Telegram learns it too and reads its update again instead of confirming it', async () => {
    rig = await TelegramRig.create({
      config: {
        admins: [],
        teams: [
          {
            id: 'noord',
            name: 'Team Noord',
            chats: [`telegram:${GROUP}`, CONSOLE_CHAT],
            coordinators: [`telegram:${coco.id}`],
            startDate: localDateOf(new Date(Date.now() - 3 * 86_400_000)),
          },
        ],
      },
    });
    await rig.boot();
    const r = rig;
    reader = new Database(r.dbPath, { readonly: true });
    const committed = (sql: string) => reader!.prepare(sql).pluck().get() as number;
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const input = new PassThrough();
    chat = new ConsoleChat({
      host: new EngineHost({ engine: r.engine, dispatcher: r.dispatcher, clock: r.clock }),
      clock: r.clock,
      logger: silentLogger,
      input,
      output,
      chatId: CONSOLE_CHAT,
      filesDir: tempDir('mmb-console-files-'),
    });
    r.dispatcher.register(chat.platform, chat.deliver);
    await chat.start();

    // Telegram's batch is handled and held open before its commit (the next getUpdates).
    let handled: () => void = () => {};
    const batchHandled = new Promise<void>((resolve) => (handled = resolve));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const annaInbox = `SELECT count(*) FROM inbox WHERE sender_id = 'telegram:${anna.id}'`;
    const hold: Transformer = async (prev, method, payload, signal) => {
      if (method === 'getUpdates' && r.adapter.bot.isRunning() && r.count(annaInbox) === 1) {
        handled();
        await gate;
      }
      return prev(method, payload, signal);
    };
    r.adapter.bot.api.config.use(hold);
    const db = r.engine.sql.db;
    const exec = db.exec.bind(db);
    let failing = 0;
    vi.spyOn(db, 'exec').mockImplementation((sql: string) => {
      if (sql === 'COMMIT' && failing > 0) {
        failing -= 1;
        throw new Error('disk I/O error'); // a full disk
      }
      return exec(sql);
    });

    const request = r.say(anna, 'grofvuil €33 voor huishouden 12');
    await batchHandled;
    expect(r.engine.inBatch).toBe(true);
    failing = 1;
    input.write('bas: /saldo\n'); // joins the open transaction; its commit fails
    await vi.waitFor(() => expect(printed).toContain('het telt niet'), { timeout: 5000 });
    expect(committed(annaInbox)).toBe(0); // Telegram's update went with it

    release();
    await r.handled(request.updateId);
    await r.botMessage('📝 Aanvraag #1');
    expect(committed(annaInbox)).toBe(1);
    expect(r.fake.sent(GROUP).filter((m) => m.text.includes('📝 Aanvraag #1'))).toHaveLength(1);
    expect(committed("SELECT count(*) FROM inbox WHERE sender_id = 'console:bas'")).toBe(0);
    expect(printed).not.toContain('💶'); // nothing said for the undone line

    input.write('bas: /saldo\n'); // typed again, as the console asked
    await vi.waitFor(() => expect(printed).toContain('💶 Team Noord'), { timeout: 5000 });
    expect(committed("SELECT count(*) FROM inbox WHERE sender_id = 'console:bas'")).toBe(1);
  });
});
