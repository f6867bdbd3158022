/**
 * Delivery latency benchmark.
 *
 * How long a reply takes from the engine's commit to the adapter's deliver call (where
 * `sendMessage` would go out), p50 and p99, for the embedded Dispatcher and for BullMQ on Redis,
 * side by side in one run, on the same workload: `/saldo` in a number of Telegram groups at a
 * steady pace (one event every `intervalMs`), each its own synced commit on a file database, and
 * a fake deliver that only records the time. No rate limits (BullMQ's limiter off), so the
 * figures measure the path, not the platform's pace.
 *
 *   node bin/run-ts.js bench/delivery-latency-bench.ts              # the human table
 *   node bin/run-ts.js bench/delivery-latency-bench.ts --json       # one JSON object on stdout
 *   node bin/run-ts.js bench/delivery-latency-bench.ts --replies 500 --no-redis
 *
 * Redis: `REDIS_URL`, else 127.0.0.1:6379; when none answers, one line says so and BullMQ is
 * left out.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { systemClock } from '../src/core/clock.ts';
import { deleteBenchKeys } from './bench-redis.ts';
import { Dispatcher } from '../src/delivery/dispatcher.ts';
import type { OutboxDelivery } from '../src/delivery/outbox-delivery.ts';
import type { Statements } from '../src/store/statements.ts';
import { Engine } from '../src/engine/engine.ts';
import { BullmqDelivery } from '../src/redis/bullmq-delivery.ts';
import { closeRedis, connectRedis } from '../src/redis/connection.ts';
import { requestView } from '../src/rules/request-view.ts';
import { BotConfigSchema } from '../src/store/bot-config.ts';
import { openDatabase } from '../src/store/database.ts';

export interface LatencyFigures {
  replies: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface DeliveryLatencyResult {
  replies: number;
  chats: number;
  intervalMs: number;
  embedded: LatencyFigures;
  /** Null when BullMQ was left out (`skipped` says why). */
  bullmq: LatencyFigures | null;
  skipped?: string;
}

export interface DeliveryLatencyOptions {
  /** Replies per implementation (default 3,000). */
  replies?: number;
  /** Groups the replies are spread over (default 20). */
  chats?: number;
  /** One event every this many ms (default 2: about 500 a second). */
  intervalMs?: number;
  /** Leave BullMQ out. */
  noRedis?: boolean;
  /** Default: REDIS_URL, else redis://127.0.0.1:6379. */
  redisUrl?: string;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Runs one implementation on a fresh database: the latencies, in ms, of every reply. */
async function measure(
  dir: string,
  name: string,
  make: (sql: Statements) => OutboxDelivery,
  options: Required<Omit<DeliveryLatencyOptions, 'noRedis' | 'redisUrl'>>,
): Promise<LatencyFigures> {
  const chats = Array.from({ length: options.chats }, (_, i) => `telegram:-${1000 + i}`);
  const engine = new Engine({
    db: openDatabase(join(dir, `${name}.sqlite`)),
    clock: systemClock,
    config: BotConfigSchema.parse({
      teams: [{ id: 'bench', chats, startDate: '2026-01-05' }],
    }),
  });
  engine.runDue(systemClock.now());
  const delivery = make(engine.sql);
  await delivery.start();
  const committedAt = new Map<number, number>();
  const latencies: number[] = [];
  let seen = engine.sql.number('SELECT coalesce(max(id), 0) FROM outbox');
  const newRows = engine.sql.db.prepare('SELECT id FROM outbox WHERE id > ? ORDER BY id').pluck();
  // Heard first after each commit (before the delivery's own listener): the moment of commit.
  engine.onChange(() => {
    const at = performance.now();
    for (const id of newRows.all(seen) as number[]) {
      committedAt.set(id, at);
      seen = id;
    }
  });
  engine.onChange(() => void delivery.flush());
  let done!: () => void;
  const allDelivered = new Promise<void>((resolve) => (done = resolve));
  delivery.register('telegram', async (message) => {
    const at = committedAt.get(message.id);
    if (at !== undefined) latencies.push(performance.now() - at);
    if (latencies.length >= options.replies) done();
    return { platformMessageId: String(message.id) };
  });
  try {
    for (let i = 0; i < options.replies; i++) {
      engine.handle({
        kind: 'message',
        chatId: chats[i % chats.length]!,
        senderId: 'anna',
        messageId: `m${i}`,
        at: systemClock.now(),
        text: '/saldo',
      });
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
    const timeout = new Promise((resolve) => setTimeout(resolve, 60_000).unref());
    await Promise.race([allDelivered, timeout]);
  } finally {
    await delivery.stop();
    engine.sql.db.close();
  }
  const sorted = latencies.slice().sort((a, b) => a - b);
  return {
    replies: latencies.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

/**
 * Measures commit → deliver latency for the embedded Dispatcher and BullMQ in one run.
 *
 * @example
 * const result = await runDeliveryLatencyBench({ replies: 3000 });
 * result.embedded.p99Ms // e.g. 3.1
 */
export async function runDeliveryLatencyBench(
  options: DeliveryLatencyOptions = {},
): Promise<DeliveryLatencyResult> {
  const settings = {
    replies: options.replies ?? 3_000,
    chats: options.chats ?? 20,
    intervalMs: options.intervalMs ?? 2,
  };
  const dir = mkdtempSync(join(tmpdir(), 'mmb-delivery-bench-'));
  try {
    const embedded = await measure(
      dir,
      'embedded',
      (sql) => new Dispatcher(sql, systemClock, undefined, requestView),
      settings,
    );
    const result: DeliveryLatencyResult = { ...settings, embedded, bullmq: null };
    if (options.noRedis) return { ...result, skipped: '--no-redis' };
    const url = options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    try {
      await closeRedis(await connectRedis(url, 'queue', 1_000));
    } catch {
      return { ...result, skipped: 'no Redis answers (REDIS_URL or 127.0.0.1:6379)' };
    }
    const prefix = `mmb-bench-${randomBytes(4).toString('hex')}`;
    try {
      result.bullmq = await measure(
        dir,
        'bullmq',
        (sql) =>
          new BullmqDelivery({
            url,
            prefix,
            sql,
            clock: systemClock,
            viewOf: requestView,
            limitOf: () => undefined,
          }),
        settings,
      );
    } finally {
      await deleteBenchKeys(url, prefix);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The human lines of a result (engine-bench.ts prints them too). */
export function deliveryLatencyLines(result: DeliveryLatencyResult): [string, string][] {
  const line = (f: LatencyFigures) =>
    `p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms (${f.replies} replies)`;
  return [
    ['delivery latency, embedded', line(result.embedded)],
    [
      'delivery latency, BullMQ',
      result.bullmq ? line(result.bullmq) : `left out: ${result.skipped ?? 'not run'}`,
    ],
  ];
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const at = argv.indexOf('--replies');
  const replies = at >= 0 ? Number(argv[at + 1]) : undefined;
  if (replies !== undefined && !(Number.isInteger(replies) && replies > 0)) {
    process.stderr.write(
      'gebruik: bench/delivery-latency-bench.ts [--json] [--replies N] [--no-redis]\n',
    );
    process.exit(2);
  }
  const result = await runDeliveryLatencyBench({ replies, noRedis: argv.includes('--no-redis') });
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    if (result.skipped && !result.bullmq)
      process.stderr.write(`BullMQ left out: ${result.skipped}\n`);
    process.stdout.write(
      [
        `Delivery latency, commit → deliver call (${result.replies} replies over ${result.chats} chats, one every ${result.intervalMs} ms)`,
        ...deliveryLatencyLines(result).map(([label, value]) => `  ${label.padEnd(28)}  ${value}`),
        '',
      ].join('\n'),
    );
  }
}
