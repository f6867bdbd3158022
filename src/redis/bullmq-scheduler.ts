import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../core/clock.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { DueSource } from '../scheduling/due-source.ts';
import type { Scheduler } from '../scheduling/scheduler.ts';
import { closeRedis, connectRedis } from './connection.ts';
import { DEFAULT_QUEUE_PREFIX, DUE_JOB, DUE_QUEUE, dueJobId } from './queue-names.ts';
import { RedisHealth } from './redis-health.ts';
import { closePatience, closeWorker, sleep, within } from './settle.ts';

/** Default: reconcile every two minutes (also while Redis is away: overdue work still runs). */
export const RECONCILE_EVERY_MS = 2 * 60_000;
/** A burst of commits re-adds the next job once. */
const DEBOUNCE_MS = 100;
/** A job that arrives early (clocks differ a little) waits at most this long for its time. */
const MAX_EARLY_WAIT_MS = 5_000;
/** A job off its moment by this much (the clock was set) is added again with the right delay. */
const RETIME_MS = 1_000;
/** Its name in the process's `RedisHealth`. */
const PART = 'scheduler';

export interface BullmqSchedulerOptions {
  /** `REDIS_URL`. */
  url: string;
  /** `MMB_QUEUE_PREFIX`: the key prefix, so several bots (and tests) share one Redis. */
  prefix?: string;
  clock: Clock;
  logger?: Logger;
  /** How often to reconcile besides start and reconnect. */
  reconcileEveryMs?: number;
  /**
   * `both` (default): add the jobs and run them. `producer`: only add them (the bot process with
   * `MMB_DUE=off`: its commits get their job at once; `mmb worker` processes run them).
   */
  role?: 'both' | 'producer';
  /** Where Redis going away and coming back is reported (one line per outage per process). */
  health?: RedisHealth;
}

interface DueJobData {
  /** ISO time the job is for. */
  at: string;
}

/**
 * The scheduler port on BullMQ. Due work is one delayed job for the next moment something falls
 * due (`DueSource.nextDueAt`), with an id made of that moment (`dueJobId`); the job only asks the
 * source to `runDue(now)`, which fires every item due by then, in time order, each once (the
 * database is the truth: a duplicate, early or late job changes nothing). After a run and after
 * every change the source reports, the next job is added (the old one removed). Reconciliation at
 * start, after each Redis reconnect and every few minutes runs what is overdue, re-adds the next
 * job and removes stale ones, so a Redis restart without persistence (or a flush) loses nothing.
 */
export class BullmqScheduler implements Scheduler {
  private readonly url: string;
  private readonly prefix: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly reconcileEveryMs: number;
  private readonly producerOnly: boolean;
  private queueConnection: Redis | null = null;
  private workerConnection: Redis | null = null;
  private queue: Queue<DueJobData> | null = null;
  private worker: Worker<DueJobData> | null = null;
  private running = false;
  private unsubscribe: (() => void) | null = null;
  private interval: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  /** Redis calls one after the other, so two syncs never race on the same job ids. */
  private chain: Promise<void> = Promise.resolve();
  /** The id of the job last added for the next due moment. */
  private lastJobId: string | null = null;
  /** When (real time) that job runs. */
  private lastRunsAt: number | null = null;
  /** Redis is away (reported once; reported again only when it is back). */
  private redisDown = false;
  private readonly health: RedisHealth;

  constructor(
    private readonly due: DueSource,
    options: BullmqSchedulerOptions,
  ) {
    this.url = options.url;
    this.prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
    this.clock = options.clock;
    this.logger = options.logger ?? silentLogger;
    this.reconcileEveryMs = options.reconcileEveryMs ?? RECONCILE_EVERY_MS;
    this.producerOnly = options.role === 'producer';
    this.health = options.health ?? new RedisHealth(this.logger);
  }

  /** Connects (an unreachable Redis is an error within seconds), then reconciles and listens. */
  async start(): Promise<void> {
    this.queueConnection = await connectRedis(this.url, 'queue');
    if (!this.producerOnly) {
      try {
        this.workerConnection = await connectRedis(this.url, 'worker');
      } catch (error) {
        await closeRedis(this.queueConnection);
        throw error;
      }
    }
    this.watch(this.queueConnection);
    this.queue = new Queue<DueJobData>(DUE_QUEUE, {
      connection: this.queueConnection,
      prefix: this.prefix,
    });
    this.queue.on('error', () => {});
    if (this.workerConnection) {
      this.workerConnection.on('error', () => {}); // reported through the queue connection
      this.worker = new Worker<DueJobData>(DUE_QUEUE, (job) => this.process(job), {
        connection: this.workerConnection,
        prefix: this.prefix,
        concurrency: 1,
      });
      this.worker.on('error', () => {});
    }
    this.running = true;
    this.health.register(PART, {
      down: this.producerOnly
        ? 'the workers run what falls due once Redis is back'
        : `what falls due runs at the check every ${Math.round(this.reconcileEveryMs / 1000)} s until Redis is back`,
      back: 'the due work is scheduled on BullMQ again',
    });
    this.unsubscribe = this.due.onChange(() => this.changed());
    await this.reconcile();
    this.interval = setInterval(() => void this.reconcile(), this.reconcileEveryMs);
    this.logger.info(
      { prefix: this.prefix, runsJobs: !this.producerOnly },
      this.producerOnly
        ? 'due work scheduled on BullMQ; mmb worker processes run it (MMB_DUE=off)'
        : 'due work scheduled on BullMQ',
    );
  }

  /**
   * Stops: no new reconciliation; the job in hand finishes; then the worker, the queue and the
   * connections close, in that order. The database still knows what is due.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.interval) clearInterval(this.interval);
    // A change just before the stop still gets its job (else the next start's reconciliation would).
    if (this.debounce) void this.sync(false);
    if (this.debounce) clearTimeout(this.debounce);
    this.interval = this.debounce = null;
    // With Redis away the job in hand cannot be marked done: wait briefly, not for the timeout.
    const patience = closePatience(this.redisDown, this.queueConnection?.status);
    if (this.worker) await closeWorker(this.worker, patience);
    await within(this.chain, patience);
    if (this.queue) await within(this.queue.close(), patience);
    if (this.workerConnection) await closeRedis(this.workerConnection);
    if (this.queueConnection) await closeRedis(this.queueConnection);
    this.worker = this.queue = null;
    this.workerConnection = this.queueConnection = null;
    this.health.unregister(PART);
  }

  /**
   * Runs what is overdue (not a producer: the workers do), re-adds the next job and removes stale
   * ones. At start, after a reconnect and every few minutes.
   */
  async reconcile(): Promise<void> {
    if (!this.running) return;
    if (!this.producerOnly) this.fire();
    await this.sync(true);
  }

  /** A job: waits for its moment if it came a little early, fires, and adds the next job. */
  private async process(job: Job<DueJobData>): Promise<void> {
    const early = new Date(job.data.at).getTime() - this.clock.now().getTime();
    if (early > 0) await sleep(Math.min(early, MAX_EARLY_WAIT_MS));
    this.fire();
    await this.sync(false);
  }

  private fire(): void {
    try {
      this.due.runDue(this.clock.now());
    } catch (error) {
      this.logger.error({ error: (error as Error).name }, 'firing due items failed');
    }
  }

  /** The source committed something: re-add the next job, once per burst. */
  private changed(): void {
    if (!this.running) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.sync(false);
    }, DEBOUNCE_MS);
  }

  /**
   * Makes Redis hold the one job for the next due moment. `full`: look at every delayed job and
   * remove the stale ones; otherwise only the job this process added last, when it changed.
   */
  private sync(full: boolean): Promise<void> {
    this.chain = this.chain.then(async () => {
      const queue = this.queue;
      if (!queue) return;
      const next = this.due.nextDueAt();
      const id = next ? dueJobId(next) : null;
      // The real moment the job should run (the bot's clock may have been set since it was added).
      const delay = next ? Math.max(0, next.getTime() - this.clock.now().getTime()) : 0;
      const runsAt = Date.now() + delay;
      const onTime = (at: number | null) => at !== null && Math.abs(at - runsAt) < RETIME_MS;
      if (!full && id === this.lastJobId && onTime(this.lastRunsAt)) return;
      try {
        const stale = full
          ? (await queue.getJobs(['delayed'])).map((job) => ({
              id: job.id,
              at: job.timestamp + (job.opts.delay ?? 0),
            }))
          : [{ id: this.lastJobId, at: this.lastRunsAt }];
        for (const job of stale) {
          // A job being run is locked and stays; it finds nothing to do.
          if (job.id && (job.id !== id || !onTime(job.at)))
            await queue.remove(job.id).catch(() => 0);
        }
        if (next && id) {
          await queue.add(
            DUE_JOB,
            { at: next.toISOString() },
            { jobId: id, delay, removeOnComplete: true, removeOnFail: true },
          );
        }
        this.lastRunsAt = next ? runsAt : null;
        this.lastJobId = id;
        if (this.redisDown) {
          this.redisDown = false;
          this.health.up(PART);
        }
      } catch (error) {
        this.lastJobId = null; // add it again at the next chance
        this.down(error as Error);
      }
    });
    return this.chain;
  }

  /** Reports Redis going away and coming back, once each; reconciles when it is back. */
  private watch(connection: Redis): void {
    connection.on('error', (error: Error) => this.down(error));
    connection.on('close', () => this.down(new Error('connection closed')));
    // A reconnect: Redis may have lost its jobs (a restart without persistence). Reconcile; the
    // sync says "back" once it succeeds.
    connection.on('ready', () => {
      if (this.redisDown) void this.reconcile();
    });
  }

  private down(error: Error): void {
    if (this.redisDown || !this.running) return;
    this.redisDown = true;
    this.health.down(PART, error);
  }
}
