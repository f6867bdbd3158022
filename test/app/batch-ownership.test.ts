import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EngineHost } from '../../src/app/adapter-host.ts';
import { VirtualClock } from '../../src/core/clock.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { Dispatcher } from '../../src/delivery/dispatcher.ts';
import { InboundBatch } from '../../src/delivery/port/inbound-batch.ts';
import type { DeliveredMessage } from '../../src/delivery/port/outbox-message.ts';
import { Engine } from '../../src/engine/engine.ts';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { tempDir } from '../support/temp-dir.ts';

const TELEGRAM_CHAT = 'telegram:-1001';
const CONSOLE_CHAT = 'console:groep';

/**
 * One bot process with two adapters (Telegram and the console chat, each its own InboundBatch)
 * on one engine and one database file, a dispatcher that records what it delivers, and a second
 * connection that sees only what was committed.
 */
class TwoAdapters {
  readonly db: Db;
  readonly engine: Engine;
  readonly host: EngineHost;
  readonly dispatcher: Dispatcher;
  readonly telegram: InboundBatch;
  readonly console: InboundBatch;
  readonly delivered: DeliveredMessage[] = [];
  private readonly reader: Database.Database;
  private failing = 0;

  constructor() {
    const file = join(tempDir('mmb-batch-owners-'), 'mmb.sqlite');
    const clock = new VirtualClock(new Date('2026-03-02T09:00:00+01:00'));
    this.db = openDatabase(file);
    this.engine = new Engine({
      db: this.db,
      clock,
      config: BotConfigSchema.parse({
        admins: ['admin'],
        teams: [{ id: 'noord', chats: [TELEGRAM_CHAT, CONSOLE_CHAT], startDate: '2026-01-05' }],
      }),
    });
    this.engine.runDue(clock.now());
    this.db.exec('UPDATE outbox SET sent_at = 1'); // the period's opening: the test starts empty
    this.dispatcher = new Dispatcher(this.engine.sql, clock);
    const record = async (message: DeliveredMessage) => {
      this.delivered.push(message);
      return { platformMessageId: `out-${message.id}` };
    };
    this.dispatcher.register('telegram', record);
    this.dispatcher.register('console', record);
    this.engine.onChange(() => void this.dispatcher.flush());
    this.host = new EngineHost({ engine: this.engine, dispatcher: this.dispatcher, clock });
    const batchOf = (platform: string) =>
      new InboundBatch({ host: this.host, logger: silentLogger, platform });
    this.telegram = batchOf('telegram');
    this.console = batchOf('console');
    this.reader = new Database(file, { readonly: true });
    const exec = this.db.exec.bind(this.db);
    // The next `failing` COMMITs fail as a full disk would.
    vi.spyOn(this.db, 'exec').mockImplementation((sql: string) => {
      if (sql === 'COMMIT' && this.failing > 0) {
        this.failing -= 1;
        throw new Error('disk I/O error');
      }
      return exec(sql);
    });
  }

  /** Makes the next commit fail. */
  failNextCommit(): void {
    this.failing = 1;
  }

  /** `/saldo` from anna in `chat`, as platform message `id`. */
  saldo(chat: string, id: string): IncomingMessage {
    return {
      kind: 'message',
      chatId: chat,
      senderId: 'anna',
      messageId: id,
      at: new Date('2026-03-02T09:00:00+01:00'),
      text: '/saldo',
    };
  }

  /** Rows another connection sees (of the inbox unless told): only what was committed. */
  committed(sql = 'SELECT count(*) FROM inbox'): number {
    return this.reader.prepare(sql).pluck().get() as number;
  }

  /** The saldo replies delivered so far, by chat. */
  async saldoReplies(): Promise<string[]> {
    await this.dispatcher.flush();
    return this.delivered.filter((m) => m.text.includes('💶')).map((m) => m.chatId);
  }

  close(): void {
    this.reader.close();
    this.db.close();
  }
}

let bot: TwoAdapters | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  await bot?.dispatcher.stop();
  bot?.close();
  bot = null;
});

describe('two adapters batching in one engine', () => {
  it('tells both adapters their events were lost when the shared commit fails, and applies them once when read again', async () => {
    bot = new TwoAdapters();
    bot.telegram.begin(100);
    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '100'));
    bot.console.begin(1);
    bot.console.handle(bot.saldo(CONSOLE_CHAT, 'c1'));
    bot.failNextCommit();

    // The console's commit is the one that fails; it undoes Telegram's update too.
    expect(bot.console.commit()).toBe(false);
    expect(bot.console.lostFrom).toBe(1);
    expect(bot.telegram.commit()).toBe(false);
    expect(bot.telegram.lostFrom).toBe(100);
    expect(bot.committed()).toBe(0);
    expect(bot.engine.inBatch).toBe(false);
    expect(await bot.saldoReplies()).toEqual([]); // nothing said for what was undone

    // Each adapter asks its platform again from there: applied now, once, answered once each.
    for (const [batch, from, event] of [
      [bot.telegram, 100, bot.saldo(TELEGRAM_CHAT, '100')],
      [bot.console, 1, bot.saldo(CONSOLE_CHAT, 'c1')],
    ] as const) {
      batch.recovered(from);
      batch.begin(from);
      expect(batch.handle(event).applied).toBe(true);
      expect(batch.commit()).toBe(true);
      expect(batch.lostFrom).toBeNull();
    }
    expect(bot.committed()).toBe(2);
    expect((await bot.saldoReplies()).sort()).toEqual([CONSOLE_CHAT, TELEGRAM_CHAT]);
  });

  it('lets one adapter commit the other’s events early; the other keeps batching in a new transaction', async () => {
    bot = new TwoAdapters();
    bot.telegram.begin(100);
    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '100'));
    bot.console.begin(1);
    bot.console.handle(bot.saldo(CONSOLE_CHAT, 'c1'));
    expect(bot.console.commit()).toBe(true);
    expect(bot.committed()).toBe(2);
    expect(bot.engine.inBatch).toBe(false);

    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '101'));
    expect(bot.engine.inBatch).toBe(true); // Telegram's next update opened a new one
    expect(bot.committed()).toBe(2);
    expect(bot.telegram.commit()).toBe(true);
    expect(bot.committed()).toBe(3);
    expect(await bot.saldoReplies()).toHaveLength(3);
  });

  it('reports only the events of a failed commit: a batch whose events were committed before it stays confirmed', () => {
    bot = new TwoAdapters();
    bot.telegram.begin(100);
    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '100'));
    bot.console.begin(1);
    expect(bot.console.commit()).toBe(true); // commits Telegram's update
    bot.console.begin(2);
    bot.console.handle(bot.saldo(CONSOLE_CHAT, 'c2'));
    bot.failNextCommit();
    expect(bot.console.commit()).toBe(false);
    expect(bot.telegram.commit()).toBe(true); // its update was durable before the failure
    expect(bot.telegram.lostFrom).toBeNull();
    expect(bot.committed()).toBe(1);
  });

  it('makes an event handled alone durable before handle returns, while another adapter’s batch is open', async () => {
    bot = new TwoAdapters();
    bot.telegram.begin(100);
    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '100'));
    bot.host.handle(bot.saldo(CONSOLE_CHAT, 'alone'));
    expect(bot.committed()).toBe(2); // the open batch was committed with it
    expect(bot.engine.inBatch).toBe(false);
    expect(bot.telegram.commit()).toBe(true);
    expect((await bot.saldoReplies()).sort()).toEqual([CONSOLE_CHAT, TELEGRAM_CHAT]);
  });

  it('throws from handle when the commit that makes a lone event durable fails, and the open batch learns it', async () => {
    bot = new TwoAdapters();
    bot.telegram.begin(100);
    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '100'));
    bot.failNextCommit();
    expect(() => bot!.host.handle(bot!.saldo(CONSOLE_CHAT, 'alone'))).toThrow(/disk I\/O/);
    expect(bot.committed()).toBe(0);
    expect(bot.telegram.commit()).toBe(false);
    expect(bot.telegram.lostFrom).toBe(100);
    expect(await bot.saldoReplies()).toEqual([]);
  });

  it('makes what an adapter stores of its own (a session’s keys) durable when written, while another adapter’s batch is open', () => {
    bot = new TwoAdapters();
    bot.telegram.begin(100);
    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '100'));
    bot.host.store('whatsapp').write([{ category: 'creds', id: 'me', value: '{}' }]);
    expect(bot.committed('SELECT count(*) FROM adapter_state')).toBe(1);
    expect(bot.telegram.commit()).toBe(true);
    expect(bot.committed()).toBe(1);
  });

  it('reports a batch lost whose connection was closed before its commit (a crash discards it)', () => {
    bot = new TwoAdapters();
    bot.telegram.begin(100);
    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '100'));
    bot.db.close();
    expect(bot.telegram.commit()).toBe(false);
    expect(bot.telegram.lostFrom).toBe(100);
    expect(bot.committed()).toBe(0);
  });

  it('holds a button’s answer until the commit, and drops it when that commit failed', () => {
    bot = new TwoAdapters();
    const answered: boolean[] = [];
    bot.telegram.begin(100);
    bot.telegram.handle(bot.saldo(TELEGRAM_CHAT, '100'));
    bot.telegram.whenCommitted((durable) => answered.push(durable));
    expect(answered).toEqual([]);
    bot.failNextCommit();
    bot.telegram.commit();
    expect(answered).toEqual([false]);
    // Without an open batch each event is committed alone: nothing to wait for.
    bot.telegram.whenCommitted((durable) => answered.push(durable));
    expect(answered).toEqual([false, true]);
  });
});
