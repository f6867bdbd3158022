import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import {
  TelegramAdapter,
  type TelegramWebhook,
} from '../../../adapters/telegram/telegram-adapter.ts';
import type { RateLimits } from '../../../src/delivery/port/chat-rate-limiter.ts';
import type { Clock } from '../../../src/core/clock.ts';
import type { Db } from '../../../src/store/database.ts';
import { Dispatcher } from '../../../src/delivery/dispatcher.ts';
import { EngineHost } from '../../../src/app/adapter-host.ts';
import { Engine } from '../../../src/engine/engine.ts';
import { silentLogger, type Logger } from '../../../src/core/logger.ts';
import { startAdapters } from '../../../src/app/run-adapters.ts';
import { takeSnapshot } from '../../../src/store/snapshot.ts';
import { TimerScheduler } from '../../../src/scheduling/timer-scheduler.ts';
import type { DueSource } from '../../../src/scheduling/due-source.ts';
import { FakeBotApi, type BotMessage, type FakeUser } from '../../support/fake-bot-api.ts';
import { threeDaysAgo } from '../../support/teams-file.ts';
import { wireBotCore } from '../../support/bot-core.ts';

/** The group linked to team noord, and the people in it. */
export const GROUP = -1001;
export const anna: FakeUser = { id: 11, first_name: 'Anna' };
export const bas: FakeUser = { id: 12, first_name: 'Bas' };
export const carla: FakeUser = { id: 13, first_name: 'Carla' };
export const dirk: FakeUser = { id: 14, first_name: 'Dirk' };
export const coco: FakeUser = { id: 77, first_name: 'Coco' };
export const beheer: FakeUser = { id: 1, first_name: 'Beheer' };

/** Limits high enough that they never hold a test back (one test lowers them on purpose). */
export const NO_LIMITS: RateLimits = { perSecond: 1e6, burst: 1e6, perMinuteInGroup: 1e6 };

/** The rig's default teams file: team noord in GROUP, Coco coordinator, Beheer administrator. */
export const rigConfig = () => ({
  admins: [`telegram:${beheer.id}`],
  teams: [
    {
      id: 'noord',
      name: 'Team Noord',
      chats: [`telegram:${GROUP}`],
      coordinators: [`telegram:${coco.id}`],
      startDate: threeDaysAgo(),
    },
  ],
});

/** The wall clock, moved forward by `offsetMs` (to let a deadline pass without waiting a day). */
export class TestClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export interface RigOptions {
  config?: unknown;
  rateLimits?: RateLimits;
  webhook?: TelegramWebhook;
  /** With a webhook: how long a burst stays open for more requests (ms). */
  webhookWindowMs?: number;
  /** What the scheduler asks about due work (default the engine; main puts a DueGate between). */
  due?: (engine: Engine) => DueSource;
  /** The adapter's long-poll timeout (s) and how long past it a poll may stall (ms). */
  pollingTimeout?: number;
  stalledPollMs?: number;
  /** With a webhook: how often the adapter asks Telegram how the webhook fares (ms). */
  webhookWatchMs?: number;
  /** The adapter's logger (default silent). */
  logger?: Logger;
}

/**
 * One bot "process" at a time on a file database and a fake Bot API server, wired as
 * src/app/main.ts wires it: engine → dispatcher (on every change) → Telegram adapter; backlog
 * drained before the scheduler starts. `boot()` again after `shutdown()` is a restart.
 */
export class TelegramRig {
  readonly clock = new TestClock();
  readonly dir = mkdtempSync(join(tmpdir(), 'mmb-telegram-'));
  readonly dbPath = join(this.dir, 'mmb.sqlite');
  db!: Db;
  engine!: Engine;
  dispatcher!: Dispatcher;
  scheduler!: TimerScheduler;
  adapter!: TelegramAdapter;
  private running = false;
  private stopAdapters: (() => Promise<void>) | null = null;

  private constructor(
    readonly fake: FakeBotApi,
    private readonly options: RigOptions,
  ) {
    fake.clock = () => this.clock.now();
  }

  static async create(options: RigOptions = {}): Promise<TelegramRig> {
    return new TelegramRig(await FakeBotApi.start(), options);
  }

  /** The default teams file: team noord in GROUP, Coco coordinator, Beheer administrator. */
  config(): unknown {
    return this.options.config ?? rigConfig();
  }

  /** Starts the bot: prepare, drain the backlog, then the scheduler, then polling (or webhook). */
  async boot(options: { start?: boolean } = {}): Promise<void> {
    const core = wireBotCore(this.dbPath, this.clock, this.config(), this.options.due);
    ({ db: this.db, engine: this.engine, dispatcher: this.dispatcher } = core);
    this.scheduler = core.scheduler;
    this.adapter = new TelegramAdapter({
      token: this.fake.token,
      apiRoot: this.fake.apiRoot,
      host: new EngineHost({ engine: this.engine, dispatcher: this.dispatcher, clock: this.clock }),
      clock: this.clock,
      logger: this.options.logger ?? silentLogger,
      rateLimits: this.options.rateLimits ?? NO_LIMITS,
      ...(this.options.webhook ? { webhook: this.options.webhook } : {}),
      ...(this.options.webhookWindowMs === undefined
        ? {}
        : { webhookWindowMs: this.options.webhookWindowMs }),
      ...(this.options.pollingTimeout === undefined
        ? {}
        : { pollingTimeout: this.options.pollingTimeout }),
      ...(this.options.stalledPollMs === undefined
        ? {}
        : { stalledPollMs: this.options.stalledPollMs }),
      ...(this.options.webhookWatchMs === undefined
        ? {}
        : { webhookWatchMs: this.options.webhookWatchMs }),
    });
    this.running = true;
    if (options.start === false) {
      this.dispatcher.register(this.adapter.platform, this.adapter.deliver);
      await this.adapter.prepare();
      await this.adapter.catchUp();
      await this.scheduler.start();
      this.stopAdapters = null;
    } else {
      // As src/app/main.ts: prepare, read the backlog, then the scheduler, then polling.
      this.stopAdapters = await startAdapters([this.adapter], {
        dispatcher: this.dispatcher,
        scheduler: this.scheduler,
      });
    }
    await this.dispatcher.flush();
  }

  /** Stops the bot as on SIGTERM: adapter, scheduler, dispatcher, database. */
  async shutdown(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.stopAdapters) {
      await this.stopAdapters();
    } else {
      await this.adapter.stop();
      this.dispatcher.unregister(this.adapter.platform);
      await this.scheduler.stop();
    }
    await this.dispatcher.stop();
    this.db.close();
  }

  /** Shuts down, closes the fake server and removes the database. */
  async dispose(): Promise<void> {
    await this.shutdown();
    await this.fake.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A message from `from` in the group (or `chat`). */
  say(
    from: FakeUser,
    text: string,
    options: { replyTo?: number; chat?: number; date?: number } = {},
  ) {
    return this.fake.message({
      chat: options.chat ?? GROUP,
      from,
      text,
      ...(options.replyTo === undefined ? {} : { replyTo: options.replyTo }),
      ...(options.date === undefined ? {} : { date: options.date }),
    });
  }

  /** Waits until the bot has a message in the chat whose text holds `part`; returns it. */
  async botMessage(part: string, chat = GROUP): Promise<BotMessage> {
    const find = () => this.fake.sent(chat).find((m) => m.text.includes(part));
    await this.fake.waitFor(() => find() !== undefined, `a bot message with "${part}"`);
    return find()!;
  }

  /** Waits until the adapter has handled every update queued so far (it asked for the next ones). */
  async handled(updateId: number): Promise<void> {
    await this.fake.waitFor(
      () => this.fake.confirmedOffset > updateId,
      `update ${updateId} handled`,
    );
    await this.dispatcher.flush();
  }

  /** A request by number, with its votes (as `mmb state --json` shows it). */
  request(number: number) {
    const request = takeSnapshot(this.engine.sql).requests.find((r) => r.number === number);
    if (!request) throw new Error(`no request #${number}`);
    return request;
  }

  /** The pot of a team. */
  team(id = 'noord') {
    return takeSnapshot(this.engine.sql).teams.find((t) => t.id === id)!;
  }

  /** How many rows a query counts. */
  count(sql: string, ...params: (string | number)[]): number {
    return this.engine.sql.number(sql, ...params);
  }
}

/** The callback data on a bot message's buttons, flattened. */
export function buttonData(message: BotMessage): string[] {
  const markup = message.replyMarkup as { inline_keyboard?: { callback_data?: string }[][] } | null;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');
}

/**
 * A rig for each test of the file: created (with `options()`) and booted before the test, handed
 * to `use`, disposed after it.
 *
 * @example
 * let rig: TelegramRig;
 * bootRigForEachTest((booted) => (rig = booted));
 */
export function bootRigForEachTest(
  use: (rig: TelegramRig) => void,
  options: () => RigOptions = () => ({}),
): void {
  let rig: TelegramRig | undefined;
  beforeEach(async () => {
    rig = await TelegramRig.create(options());
    use(rig);
    await rig.boot();
  });
  afterEach(async () => {
    await rig?.dispose();
    rig = undefined;
  });
}
