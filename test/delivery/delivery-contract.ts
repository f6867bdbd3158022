import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outboxReport } from '../../src/cli/outbox.ts';
import { systemClock, type Clock } from '../../src/core/clock.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import type { OutboxDelivery } from '../../src/delivery/outbox-delivery.ts';
import type { BatchTicket } from '../../src/delivery/port/batch-ticket.ts';
import { DeliveryError } from '../../src/delivery/port/delivery-error.ts';
import type { DeliveredMessage, Delivered } from '../../src/delivery/port/outbox-message.ts';
import { Engine } from '../../src/engine/engine.ts';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { inWriteTransaction, openDatabase } from '../../src/store/database.ts';
import { Statements } from '../../src/store/statements.ts';
import { tempDir } from '../support/temp-dir.ts';

/** How a delivery under test is made; `after` cleans up (e.g. Redis keys). */
export interface DeliveryKind {
  name: string;
  make(sql: Statements, clock: Clock, options?: { callTimeoutMs?: number }): OutboxDelivery;
  after?: () => Promise<void>;
}

export const CHATS = ['telegram:-1', 'telegram:-2', 'telegram:-3'];

const CONFIG = {
  teams: [{ id: 'noord', chats: CHATS, startDate: '2026-01-05' }],
};

/** A bot on a file database on the real clock: the engine, and a reply for a chat on demand. */
export class DeliveryBot {
  readonly file = join(tempDir('mmb-delivery-'), 'mmb.sqlite');
  readonly engine: Engine;
  /** Rows up to this id were there before the test. */
  private readonly startId: number;
  private counter = 0;

  constructor() {
    this.engine = new Engine({
      db: openDatabase(this.file),
      clock: systemClock,
      config: BotConfigSchema.parse(CONFIG),
    });
    this.engine.runDue(systemClock.now());
    // What the start posted (the budget period's opening) counts as delivered: tests begin empty.
    this.engine.sql.run('UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL', Date.now());
    this.startId = this.engine.sql.number('SELECT coalesce(max(id), 0) FROM outbox');
  }

  /** Someone asks `/saldo` in `chat`: the bot owes that chat a reply. */
  ask(chat: string, batch?: BatchTicket): void {
    this.engine.handle(
      {
        kind: 'message',
        chatId: chat,
        senderId: 'anna',
        messageId: `m${++this.counter}`,
        at: systemClock.now(),
        text: '/saldo',
      },
      batch,
    );
  }

  /** The outbox row ids of a chat the test made, oldest first. */
  ids(chat: string): number[] {
    return this.engine.sql
      .all<{ id: number }>(
        'SELECT id FROM outbox WHERE chat_id = ? AND id > ? ORDER BY id',
        chat,
        this.startId,
      )
      .map((r) => r.id);
  }

  row(id: number) {
    return this.engine.sql.get<{
      sent_at: number | null;
      failed_at: number | null;
      attempts: number;
      last_error: string | null;
      platform_message_id: string | null;
    }>(
      'SELECT sent_at, failed_at, attempts, last_error, platform_message_id FROM outbox WHERE id = ?',
      id,
    )!;
  }

  unsent(): number {
    return this.engine.sql.number('SELECT count(*) FROM outbox WHERE sent_at IS NULL');
  }

  close(): void {
    this.engine.sql.db.close();
  }
}

/** An adapter's deliver that records what it was handed, in order, and can be told how to act. */
export class FakeAdapter {
  readonly delivered: DeliveredMessage[] = [];
  readonly calls: number[] = [];
  act: (message: DeliveredMessage, call: number) => Promise<void> | void = () => {};

  readonly deliver = async (message: DeliveredMessage): Promise<Delivered> => {
    this.calls.push(message.id);
    await this.act(message, this.calls.length);
    this.delivered.push(message);
    return { platformMessageId: `p${message.id}` };
  };

  idsFor(chat: string): number[] {
    return this.delivered.filter((m) => m.chatId === chat).map((m) => m.id);
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise and the function that resolves it. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const WAIT = { timeout: 10_000, interval: 20 };

/**
 * The contract both outbox deliveries keep, on the real engine and a file database: the
 * database is the truth, the delivery only decides when to hand a row to its adapter.
 */
export function deliveryContract(kind: DeliveryKind): void {
  describe(`OutboxDelivery contract: ${kind.name}`, () => {
    const cleanups: (() => Promise<void> | void)[] = [];

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      await kind.after?.();
    });

    /** A bot and a started delivery with the fake adapter on `telegram`, flushed on each commit. */
    async function setUp(options: { callTimeoutMs?: number } = {}) {
      const bot = new DeliveryBot();
      const adapter = new FakeAdapter();
      const delivery = kind.make(bot.engine.sql, systemClock, options);
      cleanups.push(() => bot.close());
      cleanups.push(() => delivery.stop());
      await delivery.start();
      delivery.register('telegram', adapter.deliver);
      bot.engine.onChange(() => void delivery.flush());
      return { bot, adapter, delivery };
    }

    it('keeps the order within each chat while delivering every chat', async () => {
      const { bot, adapter } = await setUp();
      adapter.act = async () => {
        await pause(Math.floor(Math.random() * 5));
      };
      for (let i = 0; i < 6; i++) for (const chat of CHATS) bot.ask(chat);
      await vi.waitFor(() => expect(bot.unsent()).toBe(0), WAIT);
      for (const chat of CHATS) {
        expect(bot.ids(chat).length).toBeGreaterThanOrEqual(6);
        expect(adapter.idsFor(chat)).toEqual(bot.ids(chat));
      }
    });

    it('marks a message sent only after the adapter confirmed it', async () => {
      const { bot, adapter } = await setUp();
      const confirm = gate();
      cleanups.push(confirm.open); // a failing test still lets stop() finish
      adapter.act = () => confirm.opened;
      bot.ask(CHATS[0]!);
      const [id] = bot.ids(CHATS[0]!);
      await vi.waitFor(() => expect(adapter.calls).toContain(id), WAIT);
      await pause(100);
      expect(bot.row(id!).sent_at).toBeNull();
      confirm.open();
      await vi.waitFor(() => expect(bot.row(id!).sent_at).not.toBeNull(), WAIT);
      expect(bot.row(id!).platform_message_id).toBe(`p${id}`);
    });

    it("marks each message as its platform confirms it: a slow chat holds back neither the others' messages nor their marks", async () => {
      const { bot, adapter } = await setUp();
      const slow = gate();
      cleanups.push(slow.open); // a failing test still lets stop() finish
      adapter.act = (message) => (message.chatId === CHATS[0] ? slow.opened : undefined);
      for (const chat of CHATS) bot.ask(chat);
      bot.ask(CHATS[1]!);
      const [stuck] = bot.ids(CHATS[0]!);
      await vi.waitFor(() => expect(bot.unsent()).toBe(1), WAIT);
      // What the other chats were sent is in the database while the slow call still runs: a
      // crash now resends only the message in flight.
      expect(adapter.calls).toContain(stuck);
      expect(bot.row(stuck!).sent_at).toBeNull();
      for (const chat of CHATS.slice(1))
        for (const id of bot.ids(chat)) expect(bot.row(id).sent_at).not.toBeNull();
      slow.open();
      await vi.waitFor(() => expect(bot.unsent()).toBe(0), WAIT);
      expect(adapter.idsFor(CHATS[0]!)).toEqual([stuck]);
    });

    it('a platform call that outlasts the call timeout counts as a failed attempt and is tried again', async () => {
      const { bot, adapter } = await setUp({ callTimeoutMs: 100 });
      const never = gate();
      cleanups.push(never.open);
      adapter.act = (_, call) => (call === 1 ? never.opened : undefined);
      bot.ask(CHATS[0]!);
      const [id] = bot.ids(CHATS[0]!);
      await vi.waitFor(() => expect(bot.row(id!).last_error).toBe('DeliveryTimeout'), WAIT);
      expect(bot.row(id!)).toMatchObject({ sent_at: null, attempts: 1, failed_at: null });
      await vi.waitFor(() => expect(bot.row(id!).sent_at).not.toBeNull(), WAIT);
      expect(adapter.calls).toEqual([id, id]);
      expect(bot.row(id!).attempts).toBe(2);
    });

    it('a delivery failing twice then succeeding is sent once, with its attempts recorded', async () => {
      const { bot, adapter } = await setUp();
      adapter.act = (_, call) => {
        if (call <= 2) throw new DeliveryError('429', { retryAfterMs: 100 });
      };
      bot.ask(CHATS[0]!);
      const [id] = bot.ids(CHATS[0]!);
      await vi.waitFor(() => expect(bot.row(id!).sent_at).not.toBeNull(), WAIT);
      await pause(200);
      expect(adapter.calls).toEqual([id, id, id]);
      expect(adapter.delivered.map((m) => m.id)).toEqual([id]);
      expect(bot.row(id!)).toMatchObject({
        attempts: 3,
        failed_at: null,
        last_error: 'DeliveryError',
      });
    });

    it('a refusal to wait (paced, not connected) never counts as an attempt', async () => {
      const { bot, adapter } = await setUp();
      adapter.act = (_, call) => {
        if (call <= 4) throw new DeliveryError('paced', { retryAfterMs: 30, waiting: true });
      };
      bot.ask(CHATS[0]!);
      const [id] = bot.ids(CHATS[0]!);
      await vi.waitFor(() => expect(bot.row(id!).sent_at).not.toBeNull(), WAIT);
      expect(adapter.calls).toHaveLength(5);
      expect(bot.row(id!).attempts).toBe(1); // the one that went out
    });

    it('gives a message up when trying again cannot help, shows it in mmb outbox, and sends the next', async () => {
      const { bot, adapter } = await setUp();
      adapter.act = (_, call) => {
        if (call === 1) throw new DeliveryError('bot was removed', { permanent: true });
      };
      bot.ask(CHATS[0]!);
      bot.ask(CHATS[0]!);
      const [first, second] = bot.ids(CHATS[0]!);
      await vi.waitFor(() => expect(bot.row(second!).sent_at).not.toBeNull(), WAIT);
      expect(bot.row(first!)).toMatchObject({ sent_at: null, attempts: 1 });
      expect(bot.row(first!).failed_at).not.toBeNull();
      const report = outboxReport(bot.engine.sql, false);
      expect(report).toContain('Opgegeven: 1');
      expect(report.join('\n')).toContain(`#${first}`);
      expect(adapter.calls).toEqual([first, second]);
    });

    it('delivers nothing while an engine batch is open, and all of it after its commit', async () => {
      const { bot, adapter, delivery } = await setUp();
      const batch = bot.engine.beginBatch();
      bot.ask(CHATS[0]!, batch);
      bot.ask(CHATS[1]!, batch);
      await delivery.flush();
      await pause(300);
      expect(adapter.calls).toEqual([]);
      bot.engine.commitBatch(batch);
      await vi.waitFor(() => expect(bot.unsent()).toBe(0), WAIT);
      expect(adapter.delivered).toHaveLength(2);
    });

    it('delivers rows another connection wrote (an mmb worker), once', async () => {
      const { bot, adapter, delivery } = await setUp();
      delivery.watchOtherWriters(20);
      const other = new Statements(openDatabase(bot.file, { access: 'existing' }));
      cleanups.push(() => {
        other.db.close();
      });
      inWriteTransaction(other.db, () =>
        enqueue(other, CHATS[2]!, { text: 'verlopen' }, new Date()),
      );
      await vi.waitFor(
        () => expect(adapter.delivered.map((m) => m.text)).toEqual(['verlopen']),
        WAIT,
      );
      await pause(200);
      expect(adapter.delivered).toHaveLength(1);
      expect(bot.unsent()).toBe(0);
    });

    it('on stop the message in hand finishes and is marked; nothing more goes out', async () => {
      const { bot, adapter, delivery } = await setUp();
      const confirm = gate();
      cleanups.push(confirm.open); // a failing test still lets stop() finish
      adapter.act = () => confirm.opened;
      bot.ask(CHATS[0]!);
      bot.ask(CHATS[0]!);
      const [first, second] = bot.ids(CHATS[0]!);
      await vi.waitFor(() => expect(adapter.calls).toEqual([first]), WAIT);
      const stopped = delivery.stop();
      await pause(50);
      confirm.open();
      await stopped;
      expect(bot.row(first!).sent_at).not.toBeNull();
      await pause(200);
      expect(adapter.calls).toEqual([first]);
      expect(bot.row(second!).sent_at).toBeNull();
    });
  });
}
