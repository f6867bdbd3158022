import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { watchDataVersion } from '../delivery/data-version-watch.ts';
import { recordFailedDelivery } from '../delivery/delivery-failure.ts';
import { platformOf, type ViewOf } from '../delivery/dispatcher.ts';
import { markSent } from '../delivery/outbox.ts';
import { DELIVERY_CALL_TIMEOUT_MS, deliverWithin } from '../delivery/deliver-within.ts';
import { chatHead, chatOfRow, waitingRows, type WaitingRow } from '../delivery/outbox-chat-rows.ts';
import type { OutboxDelivery } from '../delivery/outbox-delivery.ts';
import type { Deliver } from '../delivery/port/outbox-message.ts';
import { inRelaxedWriteTransaction } from '../store/database.ts';
import type { Statements } from '../store/statements.ts';
import { deliveryLimit, type QueueLimit } from './bullmq-delivery-limits.ts';
import { ChatLocks } from './chat-locks.ts';
import { closeRedis, connectRedis } from './connection.ts';
import { DEFAULT_QUEUE_PREFIX, DELIVER_JOB, deliveryJobId, deliveryQueue } from './queue-names.ts';
import { RedisHealth } from './redis-health.ts';
import { closePatience, closeWorker, sleep, within } from './settle.ts';

/** Default: every pending row is checked for its job every two minutes. */
export const DELIVERY_RECONCILE_EVERY_MS = 2 * 60_000;
/** How often another process's outbox rows are looked for (as the embedded dispatcher). */
const OTHER_WRITERS_POLL_MS = 1_000;
/** While an engine batch holds the connection, a job looks again after this long. */
const HELD_POLL_MS = 5;
/** Jobs a platform's worker runs at once: different chats at once, one in flight per chat. */
const DEFAULT_CONCURRENCY = 16;
/** Its name in the process's `RedisHealth`. */
const PART = 'delivery';

interface DeliveryJobData {
  outboxId: number;
}

export interface BullmqDeliveryOptions {
  /** `REDIS_URL`. */
  url: string;
  /** `MMB_QUEUE_PREFIX`. */
  prefix?: string;
  sql: Statements;
  clock: Clock;
  logger?: Logger;
  /** Computes the view of a message's request, right before its delivery. */
  viewOf?: ViewOf;
  reconcileEveryMs?: number;
  /** A platform's queue limit (default `deliveryLimit`; tests pass their own). */
  limitOf?: (platform: string) => QueueLimit | undefined;
  concurrency?: number;
  /** How long one platform call may take before it counts as a failed attempt (`deliverWithin`). */
  callTimeoutMs?: number;
  /** Where Redis going away and coming back is reported (one line per outage per process). */
  health?: RedisHealth;
}

/**
 * The outbox delivered through BullMQ: a queue per platform (`deliver-telegram`, …) under the
 * prefix, and a job per waiting outbox row with a deterministic id (`outbox-42`), so adding it
 * twice is harmless. A platform's worker runs only in the process that registered its route (it
 * holds the connection), with BullMQ's limiter at the platform's pace.
 *
 * The database stays the truth. A job for row N delivers, under an in-process lock for its chat,
 * every older waiting row of that chat first and then N, each marked sent only after the adapter
 * confirmed it; a job whose row is already sent or given up does nothing. A failure is written to
 * the row exactly as the embedded dispatcher writes it (`recordFailedDelivery`: attempts, back-off,
 * give-up, `waiting` no attempt) and delays that job only (`moveToDelayed`), so one paced chat
 * never holds up the others. Unexpected errors (a busy database) are retried by BullMQ with
 * back-off. Reconciliation (at start, after each Redis reconnect, every two minutes, and when
 * another connection wrote to the database) gives every waiting routable row its job.
 *
 * Redis away: events are handled and the outbox written as ever; the log says so once; once Redis
 * is back the reconciliation adds the jobs and delivery catches up. The `*` route of the embedded
 * dispatcher (replay) has no queue: routes here name a platform.
 *
 * @example
 * const delivery = new BullmqDelivery({ url, prefix, sql: engine.sql, clock, logger, viewOf });
 * await delivery.start();
 * delivery.register('telegram', telegram.deliver);
 * engine.onChange(() => void delivery.flush());
 */
export class BullmqDelivery implements OutboxDelivery {
  private readonly url: string;
  private readonly prefix: string;
  private readonly sql: Statements;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly viewOf: ViewOf;
  private readonly reconcileEveryMs: number;
  private readonly limitOf: (platform: string) => QueueLimit | undefined;
  private readonly concurrency: number;
  private readonly callTimeoutMs: number;
  private readonly routes = new Map<string, Deliver>();
  private readonly queues = new Map<string, Queue<DeliveryJobData>>();
  private readonly workers = new Map<string, Worker<DeliveryJobData>>();
  private readonly closing = new Set<Promise<unknown>>();
  private readonly locks = new ChatLocks();
  private queueConnection: Redis | null = null;
  private workerConnection: Redis | null = null;
  private running = false;
  private stopping = false;
  private interval: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  /** The highest outbox id a job was added for by `flush` (reconciliation looks at all). */
  private seenId = 0;
  /** Redis calls one after the other. */
  private chain: Promise<unknown> = Promise.resolve();
  private redisDown = false;
  private readonly health: RedisHealth;

  constructor(options: BullmqDeliveryOptions) {
    this.url = options.url;
    this.prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    this.sql = options.sql;
    this.clock = options.clock;
    this.logger = options.logger ?? silentLogger;
    this.viewOf = options.viewOf ?? (() => null);
    this.reconcileEveryMs = options.reconcileEveryMs ?? DELIVERY_RECONCILE_EVERY_MS;
    this.limitOf = options.limitOf ?? deliveryLimit;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.callTimeoutMs = options.callTimeoutMs ?? DELIVERY_CALL_TIMEOUT_MS;
    this.health = options.health ?? new RedisHealth(this.logger);
  }

  /** Connects (an unreachable Redis is an error within seconds), then reconciles every so often. */
  async start(): Promise<void> {
    this.queueConnection = await connectRedis(this.url, 'queue');
    try {
      this.workerConnection = await connectRedis(this.url, 'worker');
    } catch (error) {
      await closeRedis(this.queueConnection);
      this.queueConnection = null;
      throw error;
    }
    this.watch(this.queueConnection);
    this.workerConnection.on('error', () => {}); // reported through the queue connection
    this.running = true;
    this.health.register(PART, {
      down: 'the replies wait in the outbox until Redis is back',
      back: 'the outbox is delivered through BullMQ again',
    });
    for (const platform of this.routes.keys()) this.startWorker(platform);
    this.interval = setInterval(() => void this.reconcile(), this.reconcileEveryMs);
    this.interval.unref();
    await this.reconcile();
  }

  /** Routes a platform's chats to an adapter and runs that platform's worker in this process. */
  register(platform: string, deliver: Deliver): void {
    if (platform === '*' || platform === '')
      throw new Error('BullmqDelivery routes name a platform (telegram, whatsapp, console)');
    this.routes.set(platform, deliver);
    if (this.running) {
      this.startWorker(platform);
      void this.reconcile();
    }
  }

  /** Stops a platform's worker here (the job in hand finishes); its jobs wait in Redis. */
  unregister(platform: string): void {
    this.routes.delete(platform);
    const worker = this.workers.get(platform);
    this.workers.delete(platform);
    // With Redis away the job in hand cannot be marked done: wait briefly, not for the timeout.
    const patience = closePatience(this.redisDown, this.queueConnection?.status);
    if (worker) this.track(closeWorker(worker, patience));
  }

  /** Adds the jobs for the rows written since the last flush; resolves with how many. */
  flush(): Promise<number> {
    // An open engine batch is not durable yet; its commit flushes again.
    if (!this.running || this.stopping || this.sql.db.inTransaction) return Promise.resolve(0);
    const rows = waitingRows(this.sql, this.seenId);
    if (rows.length === 0) return Promise.resolve(0);
    this.seenId = rows.at(-1)!.id;
    return this.add(rows);
  }

  /** Also gives the rows another process wrote (or `mmb outbox --retry` put back) their jobs. */
  watchOtherWriters(everyMs = OTHER_WRITERS_POLL_MS): void {
    this.unwatch?.();
    this.unwatch = watchDataVersion(this.sql, () => void this.reconcile(), {
      everyMs,
      paused: () => !this.running || this.stopping || this.sql.db.inTransaction,
    });
  }

  /**
   * Stops: no new jobs; the job in hand finishes; then the workers, the queues and the
   * connections close, in that order. What was not sent waits in the outbox (and in Redis).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.unwatch?.();
    this.unwatch = null;
    if (this.interval) clearInterval(this.interval);
    this.interval = null;
    const patience = closePatience(this.redisDown, this.queueConnection?.status);
    for (const worker of this.workers.values()) this.track(closeWorker(worker, patience));
    this.workers.clear();
    await Promise.all([...this.closing]);
    await within(this.chain, patience);
    for (const queue of this.queues.values()) await within(queue.close(), patience);
    this.queues.clear();
    if (this.workerConnection) await closeRedis(this.workerConnection);
    if (this.queueConnection) await closeRedis(this.queueConnection);
    this.workerConnection = this.queueConnection = null;
    this.running = false;
    this.health.unregister(PART);
  }

  /** Gives every waiting row of a routed platform its job (adding an existing job is harmless). */
  async reconcile(): Promise<number> {
    if (!this.running || this.stopping || this.sql.db.inTransaction) return 0;
    const rows = waitingRows(this.sql);
    if (rows.length > 0) this.seenId = Math.max(this.seenId, rows.at(-1)!.id);
    return this.add(rows, true);
  }

  /** Adds the jobs of the routed rows among `rows`, per platform, one Redis call after the other. */
  private add(rows: WaitingRow[], reconciling = false): Promise<number> {
    const byPlatform = new Map<string, WaitingRow[]>();
    for (const row of rows) {
      const platform = platformOf(row.chatId);
      if (!this.routes.has(platform)) continue;
      const list = byPlatform.get(platform) ?? [];
      list.push(row);
      byPlatform.set(platform, list);
    }
    const added = this.chain.then(async () => {
      let count = 0;
      try {
        for (const [platform, list] of byPlatform) {
          await this.queue(platform).addBulk(
            list.map((row) => ({
              name: DELIVER_JOB,
              data: { outboxId: row.id },
              opts: {
                jobId: deliveryJobId(row.id),
                attempts: 8,
                backoff: { type: 'exponential', delay: 1_000 },
                removeOnComplete: true,
                removeOnFail: true,
              },
            })),
          );
          count += list.length;
        }
        if (this.redisDown && (reconciling || count > 0)) {
          this.redisDown = false;
          this.health.up(PART);
        }
      } catch (error) {
        this.down(error as Error);
      }
      return count;
    });
    this.chain = added;
    return added;
  }

  private queue(platform: string): Queue<DeliveryJobData> {
    let queue = this.queues.get(platform);
    if (!queue) {
      queue = new Queue<DeliveryJobData>(deliveryQueue(platform), {
        connection: this.queueConnection!,
        prefix: this.prefix,
      });
      queue.on('error', () => {});
      this.queues.set(platform, queue);
    }
    return queue;
  }

  private startWorker(platform: string): void {
    if (this.workers.has(platform) || !this.workerConnection) return;
    const limiter = this.limitOf(platform);
    const worker = new Worker<DeliveryJobData>(
      deliveryQueue(platform),
      (job, token) => this.process(platform, job, token),
      {
        connection: this.workerConnection,
        prefix: this.prefix,
        concurrency: this.concurrency,
        ...(limiter ? { limiter } : {}),
      },
    );
    worker.on('error', () => {});
    this.workers.set(platform, worker);
  }

  /**
   * One job: under its chat's lock, delivers the chat's waiting rows up to its own, oldest first.
   * A row still in its back-off, or refused now, delays this job until it may be tried.
   */
  private async process(
    platform: string,
    job: Job<DeliveryJobData>,
    token: string | undefined,
  ): Promise<void> {
    const target = job.data.outboxId;
    const chatId = chatOfRow(this.sql, target);
    if (chatId === null) return;
    const waitMs = await this.locks.run(chatId, () => this.deliverUpTo(platform, chatId, target));
    if (waitMs === null) return;
    await job.moveToDelayed(Date.now() + waitMs, token);
    throw new DelayedError();
  }

  /** Delivers `chatId`'s rows up to `target`: null when done, else how long the job must wait. */
  private async deliverUpTo(
    platform: string,
    chatId: string,
    target: number,
  ): Promise<number | null> {
    for (;;) {
      // An open engine batch holds what is not durable yet: wait for its commit.
      while (this.sql.db.inTransaction && !this.stopping) await sleep(HELD_POLL_MS);
      const head = chatHead(this.sql, chatId);
      if (!head || head.message.id > target) return null;
      // Stopping: the message in hand went out; this job stays in Redis for the next start.
      if (this.stopping) return 1_000;
      const deliver = this.routes.get(platform);
      if (!deliver) return 1_000;
      const wait = head.nextAttemptAt.getTime() - this.clock.now().getTime();
      if (wait > 0) return wait;
      const { message } = head;
      try {
        const view = message.requestId === null ? null : this.viewOf(this.sql, message.requestId);
        const { platformMessageId } = await deliverWithin(
          deliver,
          { ...message, view },
          this.callTimeoutMs,
        );
        inRelaxedWriteTransaction(this.sql.db, () =>
          markSent(this.sql, message.id, this.clock.now(), platformMessageId),
        );
      } catch (error) {
        const now = this.clock.now();
        const failed = recordFailedDelivery(this.sql, message, error, now);
        this.logger[failed.giveUp ? 'warn' : 'debug'](
          {
            outboxId: message.id,
            platform,
            attempts: failed.attempts,
            giveUp: failed.giveUp,
            error: failed.error,
          },
          'delivery failed',
        );
        if (!failed.giveUp) return Math.max(1, failed.retryAt!.getTime() - now.getTime());
      }
    }
  }

  private track(closing: Promise<unknown>): void {
    this.closing.add(closing);
    void closing.finally(() => this.closing.delete(closing));
  }

  /** Reports Redis going away and coming back, once each; reconciles when it is back. */
  private watch(connection: Redis): void {
    connection.on('error', (error: Error) => this.down(error));
    connection.on('close', () => this.down(new Error('connection closed')));
    connection.on('ready', () => {
      if (this.redisDown) void this.reconcile();
    });
  }

  private down(error: Error): void {
    if (this.redisDown || !this.running || this.stopping) return;
    this.redisDown = true;
    this.health.down(PART, error);
  }
}
