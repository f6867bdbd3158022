/**
 * The engine in bursts, as the adapters feed it: the events of one platform answer (a getUpdates
 * result, a Baileys `ev.process` batch, a webhook burst) applied between `beginBatch` and
 * `commitBatch`, one synced commit per burst, each event its own savepoint. Due work runs between
 * bursts (as the scheduler's timers would) and the outbox is delivered after each commit.
 */
import { VirtualClock } from '../src/core/clock.ts';
import type { IncomingEvent } from '../src/core/incoming.ts';
import { Dispatcher } from '../src/delivery/dispatcher.ts';
import { Engine } from '../src/engine/engine.ts';
import type { BotConfig } from '../src/store/bot-config.ts';
import { openDatabase } from '../src/store/database.ts';

/** The outbox is delivered after the commit that reaches this many events since the last time. */
const FLUSH_EVERY = 100;

export interface BurstBenchOptions {
  /** A fresh database file. */
  path: string;
  config: BotConfig;
  /** The events, in order (a prefix of the main run's workload). */
  events: readonly IncomingEvent[];
  /** Events per commit. */
  burst: number;
  /** The virtual clock's start. */
  start: Date;
  /** Stop after this long (the figures cover what was done). */
  maxSeconds: number;
}

export interface BurstBenchResult {
  burst: number;
  events: number;
  seconds: number;
  eventsPerSec: number;
  commits: number;
  applied: number;
}

/**
 * Runs the events through a real Engine in bursts of `burst` and times the whole loop.
 *
 * @example
 * const r = await runBurstBench({ path, config, events, burst: 100, start, maxSeconds: 60 });
 * r.eventsPerSec // e.g. 9000
 */
export async function runBurstBench(options: BurstBenchOptions): Promise<BurstBenchResult> {
  const db = openDatabase(options.path);
  const clock = new VirtualClock(options.start);
  const engine = new Engine({ db, clock, config: options.config });
  const dispatcher = new Dispatcher(engine.sql, clock);
  dispatcher.register('*', async (message) => ({ platformMessageId: `bot-${message.id}` }));
  let dirty = true;
  engine.onChange(() => {
    dirty = true;
  });
  const limit = BigInt(options.maxSeconds) * 1_000_000_000n;
  const events = options.events;
  let due: Date | null = null;
  let done = 0;
  let commits = 0;
  let applied = 0;
  const start = process.hrtime.bigint();
  let unflushed = 0;
  while (done < events.length) {
    if (dirty) {
      due = engine.nextDueAt();
      dirty = false;
    }
    if (due && due <= clock.now()) {
      engine.runDue(clock.now());
      due = engine.nextDueAt();
      dirty = false;
    }
    const ticket = engine.beginBatch();
    const end = Math.min(events.length, done + options.burst);
    for (; done < end; done++) {
      const event = events[done]!;
      if (event.at > clock.now()) clock.set(event.at);
      if (engine.handle(event, ticket).applied) applied += 1;
    }
    engine.commitBatch(ticket);
    commits += 1;
    unflushed += options.burst;
    // Delivered as often as in the one-at-a-time run (every FLUSH_EVERY events), at a commit.
    if (unflushed >= FLUSH_EVERY || done === events.length) {
      await dispatcher.flush();
      unflushed = 0;
    }
    if (process.hrtime.bigint() - start > limit) break;
  }
  await dispatcher.flush();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await dispatcher.stop();
  db.close();
  return {
    burst: options.burst,
    events: done,
    seconds,
    eventsPerSec: done / seconds,
    commits,
    applied,
  };
}
