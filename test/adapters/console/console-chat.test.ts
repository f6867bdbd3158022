import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../support/temp-dir.ts';
import { ConsoleChat, readConsoleLine } from '../../../adapters/console/console-chat.ts';
import { EngineHost } from '../../../src/app/adapter-host.ts';
import { CONSOLE_CHAT, ensureDemoTeam } from '../../../src/app/demo-team.ts';
import { VirtualClock } from '../../../src/core/clock.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { Dispatcher } from '../../../src/delivery/dispatcher.ts';
import { Engine } from '../../../src/engine/engine.ts';
import {
  consoleLogFile,
  createLogger,
  logFileDestination,
  silentLogger,
} from '../../../src/core/logger.ts';

describe('readConsoleLine', () => {
  it('reads who speaks from a name before a colon', () => {
    expect(readConsoleLine('bas: ja', 'anna')).toEqual({ speaker: 'bas', text: 'ja' });
    expect(readConsoleLine('ja #2', 'anna')).toEqual({ speaker: 'anna', text: 'ja #2' });
    expect(readConsoleLine('/saldo', 'anna')).toEqual({ speaker: 'anna', text: '/saldo' });
  });

  it('reads a private chat with the bot from "@name:" or "prive name:"', () => {
    const own = { speaker: 'nina', text: '/teams', private: true };
    expect(readConsoleLine('@nina: /teams', 'anna')).toEqual(own);
    expect(readConsoleLine('prive nina: /teams', 'anna')).toEqual(own);
    expect(readConsoleLine('Privé nina: /teams', 'anna')).toEqual(own);
  });
});

describe('the console chat', () => {
  it('runs a whole request through the real engine and prints the replies', async () => {
    const filesDir = join(tempDir('mmb-console-'), 'exports');
    const clock = new VirtualClock(new Date('2026-03-02T09:00:00+01:00'));
    const engine = new Engine({ db: openDatabase(':memory:'), clock });
    ensureDemoTeam(engine, clock.now());
    const dispatcher = new Dispatcher(engine.sql, clock);
    engine.onChange(() => void dispatcher.flush());
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const chat = new ConsoleChat({
      host: new EngineHost({ engine, dispatcher, clock }),
      clock,
      logger: silentLogger,
      input,
      output,
      chatId: CONSOLE_CHAT,
      filesDir,
    });
    dispatcher.register(chat.platform, chat.deliver);
    await chat.start();
    const done = chat.ended;
    input.end(
      'anna: grofvuil €33 voor huishouden 12\nbas: ja\ncarla: ja\ndirk: ja\ncoordinator: /storten 10\ncoordinator: /export\n@coordinator: /teams\n@anna: /teams\n@anna: /saldo\n',
    );
    await done;
    await dispatcher.flush();
    expect(printed).toContain('🤖 📝 Aanvraag #1');
    expect(printed).toContain('🤖 ✅ Aanvraag #1 is toegekend');
    expect(printed).toContain('🤖 💶 € 10,00 gestort. Nieuw saldo: € 1.977,00.');
    expect(printed).toContain('🤖 📎 Overzicht Demo');
    expect(printed).toContain(
      '🤖 (privé aan coordinator) Je bent coördinator. Je kunt deze teams zien: Demo',
    );
    // anna has no role: one line in her private chat, once.
    expect(printed.split('(privé aan anna)')).toHaveLength(2);
    expect(printed).toContain('🤖 (privé aan anna) Ik werk alleen in de teamgroepen');
    const saved = readdirSync(filesDir).sort();
    expect(saved).toEqual([
      expect.stringMatching(/^mmb-demo-ronde-1\.csv$/),
      expect.stringMatching(/^mmb-demo-ronde-1\.pdf$/),
    ]);
    expect(readFileSync(join(filesDir, saved[1]!)).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A console chat on a file database, with what it printed and a reader of what was committed. */
async function consoleOnFile() {
  const dir = tempDir('mmb-console-batch-');
  const clock = new VirtualClock(new Date('2026-03-02T09:00:00+01:00'));
  const dbPath = join(dir, 'mmb.sqlite');
  const engine = new Engine({ db: openDatabase(dbPath), clock });
  ensureDemoTeam(engine, clock.now());
  const dispatcher = new Dispatcher(engine.sql, clock);
  engine.onChange(() => void dispatcher.flush());
  const input = new PassThrough();
  const output = new PassThrough();
  const seen = { printed: '' };
  output.on('data', (chunk) => (seen.printed += chunk));
  const chat = new ConsoleChat({
    host: new EngineHost({ engine, dispatcher, clock }),
    clock,
    logger: silentLogger,
    input,
    output,
    chatId: CONSOLE_CHAT,
    filesDir: join(dir, 'exports'),
  });
  dispatcher.register(chat.platform, chat.deliver);
  await chat.start();
  const reader = new Database(dbPath, { readonly: true });
  const committed = (sql: string): number => reader.prepare(sql).pluck().get() as number;
  const close = async () => {
    await chat.stop();
    await dispatcher.flush();
    reader.close();
    engine.sql.db.close();
  };
  return { engine, dispatcher, input, seen, committed, close, ended: chat.ended };
}

/**
 * Waits until `seen()` holds: the input read and its batch committed (the commit waits for
 * setImmediate), however busy the machine; fails after 10 s.
 */
async function settled(seen: () => boolean): Promise<void> {
  const end = Date.now() + 10_000;
  while (!seen()) {
    if (Date.now() > end) throw new Error('the console chat did not settle within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the console chat: lines that arrive together', () => {
  it('applies pasted lines in one commit, each its own event, and answers after that commit', async () => {
    const bot = await consoleOnFile();
    const begin = vi.spyOn(bot.engine, 'beginBatch');
    const commit = bot.engine.commitBatch.bind(bot.engine);
    const atCommit: { committed: number; applied: number; printed: boolean }[] = [];
    vi.spyOn(bot.engine, 'commitBatch').mockImplementation((ticket) => {
      if (bot.engine.inBatch)
        atCommit.push({
          committed: bot.committed('SELECT count(*) FROM inbox'),
          applied: bot.engine.sql.number('SELECT count(*) FROM inbox'),
          printed: bot.seen.printed.includes('🤖 📝'),
        });
      commit(ticket);
    });

    bot.input.write('anna: grofvuil €33 voor huishouden 12\nbas: ja\ncarla: ja\ndirk: ja\n');
    await settled(() => bot.committed('SELECT count(*) FROM inbox') >= 4);
    await bot.dispatcher.flush();

    expect(begin).toHaveBeenCalledTimes(1);
    expect(atCommit).toEqual([{ committed: 0, applied: 4, printed: false }]);
    expect(bot.committed('SELECT count(*) FROM inbox')).toBe(4);
    expect(bot.seen.printed).toContain('🤖 ✅ Aanvraag #1 is toegekend');

    bot.input.write('coordinator: /saldo\n'); // typed later: a batch of its own
    await settled(() => bot.committed('SELECT count(*) FROM inbox') >= 5);
    expect(begin).toHaveBeenCalledTimes(2);
    expect(bot.committed('SELECT count(*) FROM inbox')).toBe(5);
    await bot.close();
  });

  it('rolls back only the line that fails inside a paste and says so; the others are kept', async () => {
    const bot = await consoleOnFile();
    type Applying = { apply: (e: { senderId: string }) => unknown };
    const engine = bot.engine as unknown as Applying;
    const apply = engine.apply;
    vi.spyOn(engine, 'apply').mockImplementation(function (this: unknown, event) {
      const outcome = apply.call(this, event);
      if (event.senderId === 'console:bas') throw new Error('a bug');
      return outcome;
    });

    bot.input.write('anna: grofvuil €33 voor huishouden 12\nbas: ja\ncarla: ja\n');
    await settled(() => bot.committed('SELECT count(*) FROM inbox') >= 2);
    await bot.dispatcher.flush();

    expect(bot.committed('SELECT count(*) FROM inbox')).toBe(2);
    expect(bot.committed("SELECT count(*) FROM inbox WHERE sender_id = 'console:bas'")).toBe(0);
    expect(bot.committed('SELECT count(*) FROM votes')).toBe(1);
    expect(bot.seen.printed).toContain('🤖 Er ging iets mis met dit bericht');
    expect(bot.seen.printed).toContain('🤖 📝 Aanvraag #1');
    await bot.close();
  });

  it('commits what was read when the input closes, before the chat ends', async () => {
    const bot = await consoleOnFile();
    bot.input.end('anna: grofvuil €33 voor huishouden 12\nbas: /saldo\n');
    await bot.ended;
    expect(bot.engine.inBatch).toBe(false);
    expect(bot.committed('SELECT count(*) FROM inbox')).toBe(2);
    await bot.close();
  });
});

describe('the console log file', () => {
  it('lies next to the database and is made private when it existed before', () => {
    expect(consoleLogFile('data/mmb.sqlite')).toBe(join('data', 'mmb.log'));
    const log = join(tempDir('mmb-log-'), 'mmb.log');
    writeFileSync(log, 'eerder\n');
    chmodSync(log, 0o644);
    createLogger('info', logFileDestination(log)).info({ n: 1 }, 'hallo');
    expect(statSync(log).mode & 0o777).toBe(0o600);
    expect(readFileSync(log, 'utf8')).toMatch(/^eerder\n\{.*"msg":"hallo"\}\n$/);
  });
});
