/**
 * How late deadlines fire against their due time (issue 10): the embedded `TimerScheduler` and
 * the `BullmqScheduler` on a real Redis, one after the other in one run, on the real clock. Each
 * gets a fresh file database with `teams` teams and `deadlines` requests whose deadlines are
 * spread over `spreadMs` (a vote window of one minute, the request dated so that its deadline
 * falls where it should). Lateness of an item = the moment `runDue` returned having expired it,
 * minus its deadline: what a group waits beyond the due time, the commit included.
 *
 *   node bin/run-ts.js bench/deadline-lateness-bench.ts [--json] [--deadlines N] [--spread-seconds N]
 *
 * Redis: REDIS_URL, else 127.0.0.1:6379; when none answers the BullMQ half is skipped (one line).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { systemClock } from '../src/core/clock.ts';
import { deleteBenchKeys } from './bench-redis.ts';
import { Engine } from '../src/engine/engine.ts';
import { BullmqScheduler } from '../src/redis/bullmq-scheduler.ts';
import { closeRedis, connectRedis } from '../src/redis/connection.ts';
import type { DueSource } from '../src/scheduling/due-source.ts';
import type { Scheduler } from '../src/scheduling/scheduler.ts';
import { TimerScheduler } from '../src/scheduling/timer-scheduler.ts';
import { BotConfigSchema } from '../src/store/bot-config.ts';
import { openDatabase } from '../src/store/database.ts';

const WINDOW_MS = 60_000;
/**
 * The first deadline comes this long after the requests start going in, so the scheduler is
 * running by then; a deadline that passed before it ran (a slow disk) is left out and counted.
 */
const LEAD_MS = 5_000;

/** p50, p99 and max lateness in ms, and how many deadlines fired. */
export interface Lateness {
  fired: number;
  /** Deadlines that passed before the scheduler ran (not counted in the figures). */
  beforeStart: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface DeadlineLatenessResult {
  deadlines: number;
  teams: number;
  spreadSeconds: number;
  timer: Lateness;
  /** null: no Redis answered (`skipped` says where). */
  bullmq: Lateness | null;
  skipped?: string;
}

/**
 * Runs both halves and returns their lateness figures; a line of progress goes to `log`.
 *
 * @example
 * const result = await runDeadlineLatenessBench({ deadlines: 300, spreadMs: 15_000 });
 * result.timer.p99Ms; // e.g. 4.2
 */
export async function runDeadlineLatenessBench(
  options: {
    deadlines?: number;
    teams?: number;
    spreadMs?: number;
    redisUrl?: string;
    log?: (line: string) => void;
  } = {},
): Promise<DeadlineLatenessResult> {
  const deadlines = options.deadlines ?? 300;
  const teams = options.teams ?? 20;
  const spreadMs = options.spreadMs ?? 15_000;
  const url = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'mmb-lateness-'));
  try {
    log(`deadline lateness: embedded timer, ${deadlines} deadlines over ${spreadMs / 1000} s`);
    const timer = await measure(join(dir, 'timer.sqlite'), deadlines, teams, spreadMs, (source) => {
      return new TimerScheduler(source, systemClock);
    });
    let bullmq: Lateness | null = null;
    let skipped: string | undefined;
    try {
      await closeRedis(await connectRedis(url, 'queue', 2_000));
    } catch {
      skipped = url.replace(/\/\/[^@]*@/, '//***@');
    }
    if (skipped) {
      log(`deadline lateness on BullMQ skipped: no Redis answers at ${skipped}`);
    } else {
      log(`deadline lateness: BullMQ, ${deadlines} deadlines over ${spreadMs / 1000} s`);
      const prefix = `mmb-bench-${randomBytes(4).toString('hex')}`;
      try {
        bullmq = await measure(join(dir, 'bullmq.sqlite'), deadlines, teams, spreadMs, (source) => {
          return new BullmqScheduler(source, { url, prefix, clock: systemClock });
        });
      } finally {
        await deleteBenchKeys(url, prefix);
      }
    }
    return {
      deadlines,
      teams,
      spreadSeconds: spreadMs / 1000,
      timer,
      bullmq,
      ...(skipped ? { skipped } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The rows for the engine benchmark's table.
 *
 * @example
 * latenessRows(result) // [['deadline lateness, timer', 'p50 2 ms · p99 6 ms · max 9 ms (300 fired)'], …]
 */
export function latenessRows(result: DeadlineLatenessResult): [string, string][] {
  const show = (l: Lateness) =>
    `p50 ${l.p50Ms} ms · p99 ${l.p99Ms} ms · max ${l.maxMs} ms (${l.fired} fired, aim p99 < 1000 ms` +
    (l.beforeStart > 0 ? `; ${l.beforeStart} passed before the start, left out)` : ')');
  return [
    ['deadline lateness, timer', show(result.timer)],
    [
      'deadline lateness, BullMQ',
      result.bullmq ? show(result.bullmq) : `skipped: no Redis at ${result.skipped}`,
    ],
  ];
}

/** One scheduler kind: requests in, scheduler started, every deadline waited for. */
async function measure(
  file: string,
  deadlines: number,
  teams: number,
  spreadMs: number,
  make: (source: DueSource) => Scheduler,
): Promise<Lateness> {
  const db = openDatabase(file, { access: 'create' });
  const config = BotConfigSchema.parse({
    teams: Array.from({ length: teams }, (_, i) => ({
      id: `t${i}`,
      chats: [`chat-${i}`],
      voteWindow: '1m',
      reminderBefore: '0',
    })),
  });
  const engine = new Engine({ db, clock: systemClock, config });
  engine.runDue(new Date()); // the periods open before anything is measured
  const start = Date.now() + LEAD_MS;
  for (let i = 0; i < deadlines; i += 1) {
    const deadline = start + Math.floor((i * spreadMs) / deadlines);
    engine.handle({
      kind: 'message',
      chatId: `chat-${i % teams}`,
      senderId: `member-${i}`,
      messageId: `m${i}`,
      at: new Date(deadline - WINDOW_MS),
      text: `pinpas €10 hh ${i}`,
    });
  }
  const deadlineOf = new Map(
    engine.sql
      .all<{ id: number; deadline: number }>('SELECT id, deadline_at AS deadline FROM requests')
      .map((row) => [row.id, row.deadline]),
  );
  const late: number[] = [];
  const expired = engine.sql.db.prepare("SELECT id FROM requests WHERE status = 'expired'").pluck();
  const seen = new Set<number>();
  const source: DueSource = {
    nextDueAt: () => engine.nextDueAt(),
    onChange: (listener) => engine.onChange(listener),
    runDue: (now) => {
      const count = engine.runDue(now);
      if (count === 0) return 0;
      const at = Date.now();
      for (const id of expired.all() as number[]) {
        if (seen.has(id)) continue;
        seen.add(id);
        if (deadlineOf.get(id)! >= startedAt) late.push(at - deadlineOf.get(id)!);
      }
      return count;
    },
  };
  const scheduler = make(source);
  const startedAt = Date.now();
  const beforeStart = [...deadlineOf.values()].filter((at) => at < startedAt).length;
  await scheduler.start();
  const end = start + spreadMs + 30_000;
  while (seen.size < deadlines && Date.now() < end) await sleep(100);
  await scheduler.stop();
  db.close();
  late.sort((a, b) => a - b);
  const at = (q: number) => late[Math.min(late.length - 1, Math.floor(q * late.length))] ?? NaN;
  return {
    fired: late.length,
    beforeStart,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: late.at(-1) ?? NaN,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const argv = process.argv.slice(2);
  const number = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    const n = i === -1 ? fallback : Number(argv[i + 1]);
    if (!Number.isInteger(n) || n <= 0) {
      process.stderr.write(
        'gebruik: node bin/run-ts.js bench/deadline-lateness-bench.ts [--json] [--deadlines N] [--spread-seconds N]\n',
      );
      process.exit(2);
    }
    return n;
  };
  const result = await runDeadlineLatenessBench({
    deadlines: number('--deadlines', 300),
    spreadMs: number('--spread-seconds', 15) * 1000,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  else for (const [label, value] of latenessRows(result)) console.log(`${label}: ${value}`);
}
