/**
 * Engine throughput benchmark.
 *
 * Drives the real Engine on a fresh file database (WAL, synchronous=FULL, as in production) with a
 * deterministic mix of 100,000 chat events over 50 teams on a virtual clock, firing what falls due
 * (reminders, expiries) as the scheduler would and delivering the outbox through the Dispatcher
 * every 100 events. Compares the rate with the plainest single-row write transaction that
 * better-sqlite3 can do on the same kind of database, on the same machine, in the same run.
 *
 *   npm run bench                          # the human table (progress on stderr)
 *   npm run -s bench -- --json             # one JSON object on stdout, nothing else
 *   npm run bench -- --events 5000         # a quick check
 *   npm run bench -- --seed 7 --teams 20   # another workload
 *
 * (Without `-s`, npm itself prints a two-line banner on stdout before the script runs.)
 *
 * engineEventsPerSec is events over the wall time of the whole loop: engine.handle, asking
 * nextDueAt after each commit and runDue when it passed (as the TimerScheduler does), and the
 * outbox flushes. p50/p99 are engine.handle alone (one transaction, its commit included).
 *
 * Then the same events again on fresh databases in bursts (`--bursts 10,100`, `--no-bursts`): each
 * burst between beginBatch and commitBatch, one synced commit, as the adapters batch what arrives
 * together (bench/burst-bench.ts). Each rate is also given as a ratio to the raw rate.
 */
import { runTelegramBench } from './telegram-bench.ts';
import { runWhatsAppBench } from './whatsapp-bench.ts';
import { deliveryLatencyLines, runDeliveryLatencyBench } from './delivery-latency-bench.ts';
import { runReplayBench } from './replay-bench.ts';
import { latenessRows, runDeadlineLatenessBench } from './deadline-lateness-bench.ts';
import { runStartupBench, startupRows } from './startup-bench.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { VirtualClock } from '../src/core/clock.ts';
import { openDatabase, type Db } from '../src/store/database.ts';
import { Dispatcher } from '../src/delivery/dispatcher.ts';
import { Engine } from '../src/engine/engine.ts';
import { generateWorkload, workloadConfig } from './bench-events.ts';
import { runBurstBench, type BurstBenchResult } from './burst-bench.ts';

/** The engine should reach at least this share of the raw transaction rate (issue 13). */
const AIM = 0.35;
/** Bursts of this many events (group commit) should reach BURST_AIM × the raw rate. */
const BURST_AIM_SIZE = 100;
const BURST_AIM = 1.0;
/** The virtual clock's start: a Monday morning. */
const BENCH_START = new Date('2026-03-02T07:00:00Z');
/** Flush the outbox every this many events. */
const FLUSH_EVERY = 100;
/** Sample the resident set size every this many events. */
const RSS_EVERY = 250;
/**
 * The raw baseline is sampled before the engine run, between its events (RAW_SLICES times, outside
 * the engine's clock) and after it, so both see the same machine: a shared 2-core box and its disk
 * can change speed by a factor of ten within a minute.
 */
const RAW_EDGE_MS = 1_000;
const TELEGRAM_AIM = 0.6;
const WHATSAPP_AIM = 0.5;
const RAW_SLICE_MS = 200;
const RAW_SLICES = 10;
/** Lines for the replay figure, and its aim against the raw rate (issue 13). */
const REPLAY_LINES = 20_000;
const REPLAY_AIM = 0.35;

interface Options {
  json: boolean;
  events: number;
  teams: number;
  seed: number;
  /** The engine loop stops after this long, so a run on a busy machine still ends in time. */
  maxSeconds: number;
  /** Messages for the Telegram path benchmark (0 leaves it out). */
  telegramMessages: number;
  /** Messages for the WhatsApp path benchmark (0 leaves it out). */
  whatsappMessages: number;
  /** Leave out the delivery latency part (embedded dispatcher against BullMQ on Redis). */
  noRedis: boolean;
  /** Burst sizes for the group-commit runs (empty leaves them out). */
  bursts: number[];
}

function usage(problem: string): never {
  process.stderr.write(
    `${problem}\ngebruik: npm run bench -- [--json] [--events N] [--teams N] [--seed N] [--max-seconds N] [--telegram-messages N | --no-telegram] [--whatsapp-messages N | --no-whatsapp] [--no-redis] [--bursts N,N | --no-bursts] [--no-startup]\n`,
  );
  process.exit(2);
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    json: false,
    events: 100_000,
    teams: 50,
    seed: 20260302,
    maxSeconds: 240,
    telegramMessages: 2000,
    whatsappMessages: 2000,
    noRedis: false,
    bursts: [10, 100],
  };
  const positive = (flag: string, value: string | undefined): number => {
    const n = Number(value?.replace(/_/g, ''));
    if (value === undefined || !Number.isInteger(n) || n < 1)
      usage(`${flag} wants a positive whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    switch (flag) {
      case '--json':
        options.json = true;
        break;
      case '--events':
        options.events = positive(flag, inline ?? argv[++i]);
        break;
      case '--teams':
        options.teams = positive(flag, inline ?? argv[++i]);
        break;
      case '--seed':
        options.seed = positive(flag, inline ?? argv[++i]);
        break;
      case '--max-seconds':
        options.maxSeconds = positive(flag, inline ?? argv[++i]);
        break;
      case '--telegram-messages':
        options.telegramMessages = positive(flag, inline ?? argv[++i]);
        break;
      case '--no-telegram':
        options.telegramMessages = 0;
        break;
      case '--whatsapp-messages':
        options.whatsappMessages = positive(flag, inline ?? argv[++i]);
        break;
      case '--no-whatsapp':
        options.whatsappMessages = 0;
        break;
      case '--no-redis':
        options.noRedis = true;
        break;
      case '--bursts':
        options.bursts = (inline ?? argv[++i] ?? '').split(',').map((n) => positive(flag, n));
        break;
      case '--no-bursts':
        options.bursts = [];
        break;
      default:
        usage(`unknown argument ${arg}`);
    }
  }
  return options;
}

const MiB = 1024 * 1024;
let peakRss = 0;
const sampleRss = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
};

/** The p-th percentile (0–100) of sorted values, nearest rank. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const seconds = (ns: bigint) => Number(ns) / 1e9;

/**
 * The plainest durable write: one single-row INSERT in its own BEGIN IMMEDIATE transaction, on a
 * fresh file database with the engine's pragmas (WAL, synchronous=FULL).
 */
class RawBaseline {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private next = 0;
  tx = 0;
  ns = 0n;
  readonly slices: number[] = [];

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    for (let i = 0; i < 100; i++) this.write(); // warm up
  }

  private write(): void {
    const id = this.next++;
    this.db.transaction(() => this.insert.run(id, 'x')).immediate();
  }

  /** Writes single-row transactions for about `ms` milliseconds. */
  sample(ms: number): void {
    const limit = BigInt(ms) * 1_000_000n;
    const start = process.hrtime.bigint();
    let tx = 0;
    let elapsed = 0n;
    while (elapsed < limit) {
      this.write();
      tx += 1;
      elapsed = process.hrtime.bigint() - start;
    }
    this.tx += tx;
    this.ns += elapsed;
    this.slices.push(tx / seconds(elapsed));
  }

  perSecond(): number {
    return this.tx / seconds(this.ns);
  }

  close(): void {
    this.db.close();
  }
}

function engineConfig(teams: number) {
  return workloadConfig(teams, () => ({ potCents: 10_000_000 })); // € 100.000: most requests fit
}

function summarise(db: Db) {
  const count = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const requests = Object.fromEntries(
    (
      db.prepare('SELECT status, count(*) AS n FROM requests GROUP BY status').all() as {
        status: string;
        n: number;
      }[]
    ).map((row) => [row.status, row.n]),
  );
  return {
    requests,
    votes: count('SELECT count(*) FROM votes'),
    grants: count("SELECT count(*) FROM ledger WHERE kind = 'grant'"),
    deposits: count("SELECT count(*) FROM ledger WHERE kind = 'deposit'"),
    outbox: count('SELECT count(*) FROM outbox'),
    unsent: count('SELECT count(*) FROM outbox WHERE sent_at IS NULL'),
    inbox: count('SELECT count(*) FROM inbox'),
    dbMiB: round((count('PRAGMA page_count') * count('PRAGMA page_size')) / MiB),
  };
}

async function runEngine(path: string, options: Options, raw: RawBaseline) {
  const start = BENCH_START;
  const generatedAt = process.hrtime.bigint();
  const workload = generateWorkload({
    events: options.events,
    teams: options.teams,
    membersPerTeam: 12,
    householdsPerTeam: 80,
    seed: options.seed,
    start,
    votesNeeded: 3,
    voteWindowMs: 24 * 3_600_000,
    minStepMs: 1_000,
    maxStepMs: 6_000,
  });
  const generateSeconds = seconds(process.hrtime.bigint() - generatedAt);
  sampleRss();

  const db = openDatabase(path);
  const clock = new VirtualClock(start);
  const engine = new Engine({ db, clock, config: engineConfig(options.teams) });
  const dispatcher = new Dispatcher(engine.sql, clock);
  dispatcher.register('*', async (message) => ({ platformMessageId: `bot-${message.id}` }));
  // As the TimerScheduler does: after a commit that changed something, ask again what is due next.
  let dirty = true;
  engine.onChange(() => {
    dirty = true;
  });

  const n = workload.events.length;
  const latencies = new Float64Array(n);
  let handleNs = 0n;
  let scheduleNs = 0n;
  let flushNs = 0n;
  let due: Date | null = null;
  let fired = 0;
  let applied = 0;
  let replies = 0;
  let sent = 0;
  const progressEvery = Math.max(10_000, Math.ceil(n / 10));
  const deadline = BigInt(options.maxSeconds) * 1_000_000_000n;
  const rawEvery = Math.max(1, Math.floor(n / (RAW_SLICES + 1)));
  let rawNs = 0n; // time spent on raw slices inside the loop, taken off the engine's time

  const loopStart = process.hrtime.bigint();
  let done = 0;
  for (let i = 0; i < n; i++) {
    const event = workload.events[i]!;
    if (event.at > clock.now()) clock.set(event.at);

    const s0 = process.hrtime.bigint();
    if (dirty) {
      due = engine.nextDueAt();
      dirty = false;
    }
    if (due && due <= clock.now()) {
      fired += engine.runDue(clock.now());
      due = engine.nextDueAt();
      dirty = false;
    }
    const s1 = process.hrtime.bigint();
    const outcome = engine.handle(event);
    const s2 = process.hrtime.bigint();
    scheduleNs += s1 - s0;
    handleNs += s2 - s1;
    latencies[i] = Number(s2 - s1) / 1000;
    if (outcome.applied) applied += 1;
    replies += outcome.replies;

    done = i + 1;
    const timeUp =
      done % FLUSH_EVERY === 0 && process.hrtime.bigint() - loopStart - rawNs > deadline;
    if (done % FLUSH_EVERY === 0 || done === n || timeUp) {
      const f0 = process.hrtime.bigint();
      sent += await dispatcher.flush();
      flushNs += process.hrtime.bigint() - f0;
    }
    if (timeUp && done < n) {
      process.stderr.write(
        `engine-bench: stopped after ${done} of ${n} events (--max-seconds ${options.maxSeconds}); the figures cover those.\n`,
      );
      break;
    }
    if ((i + 1) % RSS_EVERY === 0) sampleRss();
    if ((i + 1) % rawEvery === 0 && i + 1 < n && raw.slices.length <= RAW_SLICES) {
      const r0 = process.hrtime.bigint();
      raw.sample(RAW_SLICE_MS);
      rawNs += process.hrtime.bigint() - r0;
    }
    if (!options.json && (i + 1) % progressEvery === 0 && i + 1 < n) {
      const rate = (i + 1) / seconds(process.hrtime.bigint() - loopStart - rawNs);
      process.stderr.write(`  … ${i + 1} events, ${Math.round(rate)} events/s\n`);
    }
  }
  const loopNs = process.hrtime.bigint() - loopStart - rawNs;
  sampleRss();
  await dispatcher.stop();

  const sorted = latencies.slice(0, done).sort();
  const outcome = summarise(db);
  db.close();
  return {
    workload,
    events: done,
    truncated: done < n,
    generateSeconds,
    loopSeconds: seconds(loopNs),
    handleSeconds: seconds(handleNs),
    scheduleSeconds: seconds(scheduleNs),
    flushSeconds: seconds(flushNs),
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    p999: percentile(sorted, 99.9),
    max: sorted[sorted.length - 1] ?? 0,
    applied,
    replies,
    sent,
    fired,
    outcome,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseOptions(argv.filter((arg) => arg !== '--no-startup'));
  const dir = mkdtempSync(join(tmpdir(), 'mmb-bench-'));
  // An interrupted run leaves no database files behind either.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    sampleRss();
    const raw = new RawBaseline(join(dir, 'raw.sqlite'));
    raw.sample(RAW_EDGE_MS);
    const engine = await runEngine(join(dir, 'engine.sqlite'), options, raw);
    raw.sample(RAW_EDGE_MS);
    // The same events in bursts, one commit each (group commit), with raw samples in between.
    const bursts: BurstBenchResult[] = [];
    for (const burst of options.bursts) {
      if (!options.json) process.stderr.write(`  … bursts of ${burst}\n`);
      bursts.push(
        await runBurstBench({
          path: join(dir, `burst-${burst}.sqlite`),
          config: engineConfig(options.teams),
          events: engine.workload.events.slice(0, engine.events),
          burst,
          start: BENCH_START,
          maxSeconds: options.maxSeconds,
        }),
      );
      raw.sample(RAW_EDGE_MS);
    }
    raw.close();
    sampleRss();
    const rawSlices = raw.slices.slice().sort((a, b) => a - b);

    // mmb replay of 20,000 lines (fewer on a short run) against the same raw rate (issue 13).
    const replayFigure = await runReplayBench({
      lines: Math.min(REPLAY_LINES, options.events),
      rawTxPerSec: raw.perSecond(),
    });
    sampleRss();

    // The Telegram path against a bare grammY echo bot, on the same fake Bot API server (issue #3).
    const telegram =
      options.telegramMessages > 0
        ? await runTelegramBench({ messages: options.telegramMessages })
        : null;
    // The WhatsApp path against a bare echo handler on the same fake socket, pacing off (issue #9).
    const whatsapp =
      options.whatsappMessages > 0
        ? await runWhatsAppBench({ messages: options.whatsappMessages })
        : null;
    // Commit → deliver latency, embedded dispatcher and BullMQ side by side (issue #10).
    const delivery = options.noRedis ? null : await runDeliveryLatencyBench();
    if (delivery?.skipped && !options.json)
      process.stderr.write(`delivery latency on BullMQ left out: ${delivery.skipped}\n`);
    // How late deadlines fire: the embedded timer and BullMQ side by side (issue 10).
    const lateness = !options.noRedis
      ? await runDeadlineLatenessBench({ log: (line) => process.stderr.write(`${line}\n`) })
      : null;
    // Start-up (issue 13): whole `mmb` commands from the shell (bench/startup-bench.ts).
    const startup = argv.includes('--no-startup') ? null : await runStartupBench();
    sampleRss();
    const events = engine.events;
    const engineEventsPerSec = events / engine.loopSeconds;
    const rawTxPerSec = raw.perSecond();
    const ratio = engineEventsPerSec / rawTxPerSec;
    const result = {
      events,
      ...(engine.truncated
        ? { truncated: true, eventsPlanned: engine.workload.events.length }
        : {}),
      teams: options.teams,
      seed: options.seed,
      virtualHours: round(
        (engine.workload.events[events - 1]!.at.getTime() -
          engine.workload.events[0]!.at.getTime()) /
          3_600_000,
      ),
      engineEventsPerSec: round(engineEventsPerSec),
      handleOnlyEventsPerSec: round(events / engine.handleSeconds),
      p50Micros: round(engine.p50),
      p90Micros: round(engine.p90),
      p99Micros: round(engine.p99),
      p999Micros: round(engine.p999),
      maxMicros: round(engine.max),
      rawTxPerSec: round(rawTxPerSec),
      rawTx: raw.tx,
      rawSamples: rawSlices.length,
      rawTxPerSecMin: round(rawSlices[0] ?? 0),
      rawTxPerSecMax: round(rawSlices[rawSlices.length - 1] ?? 0),
      ratio: round(ratio, 3),
      aim: AIM,
      meetsAim: ratio >= AIM,
      bursts: bursts.map((b) => ({
        burst: b.burst,
        events: b.events,
        commits: b.commits,
        eventsPerSec: round(b.eventsPerSec),
        ratio: round(b.eventsPerSec / rawTxPerSec, 3),
        ...(b.burst === BURST_AIM_SIZE
          ? { aim: BURST_AIM, meetsAim: b.eventsPerSec / rawTxPerSec >= BURST_AIM }
          : {}),
      })),
      peakRssMiB: round(peakRss / MiB),
      node: process.version,
      seconds: {
        loop: round(engine.loopSeconds, 2),
        handle: round(engine.handleSeconds, 2),
        schedule: round(engine.scheduleSeconds, 2),
        flush: round(engine.flushSeconds, 2),
        generate: round(engine.generateSeconds, 2),
      },
      mix: engine.workload.mix,
      applied: engine.applied,
      replies: engine.replies,
      delivered: engine.sent,
      dueFired: engine.fired,
      database: engine.outcome,
      replay: {
        lines: replayFigure.lines,
        linesPerSec: round(replayFigure.linesPerSec),
        ratio: round(replayFigure.ratio ?? 0, 3),
        aim: REPLAY_AIM,
        meetsAim: (replayFigure.ratio ?? 0) >= REPLAY_AIM,
      },
      telegram: telegram && {
        messages: options.telegramMessages,
        pathPerSec: round(telegram.pathPerSec),
        echoPerSec: round(telegram.echoPerSec),
        ratio: round(telegram.ratio, 3),
        aim: TELEGRAM_AIM,
        meetsAim: telegram.ratio >= TELEGRAM_AIM,
      },
      whatsapp: whatsapp && {
        messages: options.whatsappMessages,
        pathPerSec: round(whatsapp.pathPerSec),
        echoPerSec: round(whatsapp.echoPerSec),
        ratio: round(whatsapp.ratio, 3),
        aim: WHATSAPP_AIM,
        meetsAim: whatsapp.ratio >= WHATSAPP_AIM,
        pacing: 'off',
      },
      deliveryLatency: delivery,
      deadlineLateness: lateness,
      startup,
    };

    if (options.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    const rows: [string, string][] = [
      [
        'events',
        `${events} (${options.teams} teams, seed ${options.seed}, ${result.virtualHours} h virtual time)` +
          (engine.truncated
            ? ` — CUT SHORT by --max-seconds, ${engine.workload.events.length} planned`
            : ''),
      ],
      ['engine events/s', `${result.engineEventsPerSec} (handle + due + outbox delivery)`],
      ['handle only events/s', String(result.handleOnlyEventsPerSec)],
      ['p50 handle latency', `${result.p50Micros} µs`],
      [
        'p99 handle latency',
        `${result.p99Micros} µs (p99.9 ${result.p999Micros} µs, max ${result.maxMicros} µs)`,
      ],
      [
        'raw tx/s',
        `${result.rawTxPerSec} (${result.rawTx} tx in ${result.rawSamples} samples before, during and after; ` +
          `slowest ${result.rawTxPerSecMin}, fastest ${result.rawTxPerSecMax})`,
      ],
      [
        'ratio engine/raw',
        `${result.ratio} (aim ≥ ${AIM}: ${result.meetsAim ? 'met' : 'NOT met'})`,
      ],
      ...result.bursts.map((b): [string, string] => [
        `bursts of ${b.burst} events/s`,
        `${b.eventsPerSec} · ratio ${b.ratio} to raw (${b.commits} commits for ${b.events} events` +
          ('aim' in b ? `; aim ≥ ${b.aim}: ${b.meetsAim ? 'met' : 'NOT met'})` : ')'),
      ]),
      ['peak RSS', `${result.peakRssMiB} MiB`],
      ['node', result.node],
      [
        'time split',
        `handle ${result.seconds.handle} s · due ${result.seconds.schedule} s · flush ${result.seconds.flush} s · loop ${result.seconds.loop} s`,
      ],
      [
        'mix',
        Object.entries(result.mix)
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      ],
      [
        'outcome',
        `applied ${result.applied}, replies ${result.replies} (delivered ${result.delivered}), due fired ${result.dueFired}`,
      ],
      [
        'requests',
        Object.entries(result.database.requests)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') +
          `; votes ${result.database.votes}, grants ${result.database.grants}, db ${result.database.dbMiB} MiB`,
      ],
    ];
    rows.push([
      'replay lines/s',
      `${result.replay.linesPerSec} (mmb replay of ${result.replay.lines} lines, in memory; ` +
        `ratio to raw ${result.replay.ratio}, aim ≥ ${REPLAY_AIM}: ${result.replay.meetsAim ? 'met' : 'NOT met'})`,
    ]);
    if (result.telegram) {
      rows.push(
        [
          'telegram path msg/s',
          `${result.telegram.pathPerSec} (fake Bot API → grammY → engine → outbox → sendMessage)`,
        ],
        [
          'telegram echo msg/s',
          `${result.telegram.echoPerSec} (bare grammY bot that only echoes, same server)`,
        ],
        [
          'ratio path/echo',
          `${result.telegram.ratio} (aim ≥ ${TELEGRAM_AIM}: ${result.telegram.meetsAim ? 'met' : 'NOT met'})`,
        ],
      );
    }
    if (result.whatsapp) {
      rows.push(
        [
          'whatsapp path msg/s',
          `${result.whatsapp.pathPerSec} (fake socket → adapter → engine → outbox → sendMessage, pacing off)`,
        ],
        [
          'whatsapp echo msg/s',
          `${result.whatsapp.echoPerSec} (bare handler that only echoes, same fake socket)`,
        ],
        [
          'ratio path/echo',
          `${result.whatsapp.ratio} (aim ≥ ${WHATSAPP_AIM}: ${result.whatsapp.meetsAim ? 'met' : 'NOT met'})`,
        ],
      );
    }
    if (delivery) rows.push(...deliveryLatencyLines(delivery));
    if (lateness) rows.push(...latenessRows(lateness));
    if (result.startup) rows.push(...startupRows(result.startup));
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log('Engine benchmark');
    for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
