/**
 * Steady memory of a running bot, measured apart from the benchmark's own workload.
 *
 * Starts a real bot as a child process (`node bin/mmb.js start`, the console chat on a fresh
 * database, one team with a large pot), feeds it N chat lines through its standard input —
 * requests, three votes each, /saldo now and then, chatter — in chunks as a pipe delivers them,
 * waits until it has answered the last one, and reads the child's resident set size (`VmRSS` in
 * /proc/<pid>/status) after a short settle and again after a quiet period with no input. `VmHWM`
 * is the child's peak. Only the child's memory is read: the generator and the pipe live here.
 *
 *   node bin/run-ts.js bench/rss-bench.ts                                # 100,000 events, the table
 *   node bin/run-ts.js bench/rss-bench.ts --json                         # one JSON object on stdout
 *   node bin/run-ts.js bench/rss-bench.ts --events 20000 --quiet-seconds 5
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild } from './startup-bench.ts';

/** The aim of issue 13: steady RSS after 100,000 events (read as MiB, the stricter reading). */
export const RSS_AIM_MB = 150;
const AIM_MB = RSS_AIM_MB;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Lines written to the pipe at once (what a pasted or piped chunk brings). */
const CHUNK_LINES = 200;
/** How long the bot may take to stop after Ctrl-D before it gets SIGTERM. */
const STOP_WAIT_MS = 15_000;
/** The line the bot answers last: its private answer tells the input was all handled. */
const SENTINEL = '@rsseinde: /teams';
const SENTINEL_ANSWER = '(privé aan rsseinde)';

interface Options {
  json: boolean;
  events: number;
  settleSeconds: number;
  quietSeconds: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { json: false, events: 100_000, settleSeconds: 2, quietSeconds: 15 };
  const whole = (flag: string, value: string | undefined): number => {
    const n = Number(value?.replace(/_/g, ''));
    if (value === undefined || !Number.isInteger(n) || n < 0) {
      process.stderr.write(
        `${flag} wants a whole number\ngebruik: node bin/run-ts.js bench/rss-bench.ts [--json] [--events N] [--settle-seconds N] [--quiet-seconds N]\n`,
      );
      process.exit(2);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag === '--json') options.json = true;
    else if (flag === '--events') options.events = Math.max(1, whole(flag, inline ?? argv[++i]));
    else if (flag === '--settle-seconds') options.settleSeconds = whole(flag, inline ?? argv[++i]);
    else if (flag === '--quiet-seconds') options.quietSeconds = whole(flag, inline ?? argv[++i]);
    else whole(`unknown argument ${arg};`, undefined);
  }
  return options;
}

/**
 * The console lines of event `i`: cycles of a request, three "ja #n" votes, and every fifth
 * cycle a /saldo and some chatter (no reply). A request is € 1 for one of 400 households.
 *
 * @example
 * lineOf(0) // 'anna: grofvuil €1 voor huishouden 1'
 */
export function lineOf(i: number): string {
  const CYCLE = 6;
  const cycle = Math.floor(i / CYCLE);
  const number = cycle + 1;
  switch (i % CYCLE) {
    case 0:
      return `anna: grofvuil €1 voor huishouden ${(cycle % 400) + 1}`;
    case 1:
      return `bas: ja #${number}`;
    case 2:
      return `carla: ja #${number}`;
    case 3:
      return `dirk: ja #${number}`;
    case 4:
      return cycle % 5 === 0 ? 'erik: /saldo' : 'erik: goedemorgen allemaal';
    default:
      return 'fatima: ik ben er vanmiddag niet';
  }
}

/** The child's resident memory now and at its peak, from /proc/<pid>/status, in MiB. */
function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** This environment without any platform or Redis, the console chat on the bench's database. */
/** The node flags of package.json's `start` script (`node --max-semi-space-size=4 bin/mmb.js start`). */
function startFlags(): string[] {
  const start = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: { start: string };
    }
  ).scripts.start.split(/\s+/);
  return start.slice(1, start.indexOf('bin/mmb.js'));
}

function botEnv(dir: string, config: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env))
    if (/^(TELEGRAM_|WHATSAPP_|REDIS_URL$|MMB_)/.test(name)) delete env[name];
  return {
    ...env,
    MMB_DB: join(dir, 'mmb.sqlite'),
    MMB_CONFIG: config,
    MMB_CONSOLE: 'on',
    LOG_LEVEL: 'warn',
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const round = (n: number) => Math.round(n * 10) / 10;

/** What the steady-memory run measured. */
export interface RssResult {
  events: number;
  answers: number;
  feedSeconds: number;
  eventsPerSec: number;
  settleSeconds: number;
  rssAfterSettleMiB: number;
  quietSeconds: number;
  rssAfterQuietMiB: number;
  peakRssMiB: number;
  aimMiB: number;
  meetsAim: boolean;
  exitCode: number | null;
  /** From Ctrl-D to the bot's exit (SIGTERM after STOP_WAIT_MS). */
  stopSeconds: number;
  node: string;
}

/**
 * Runs a bot as a child process, feeds it `events` console lines and reads its memory after the
 * settle and the quiet period (progress lines go to `log`).
 *
 * @example
 * (await runRssBench({ events: 100_000, settleSeconds: 2, quietSeconds: 15 })).rssAfterQuietMiB // e.g. 128.3
 */
export async function runRssBench(options: {
  events: number;
  settleSeconds: number;
  quietSeconds: number;
  log?: (line: string) => void;
}): Promise<RssResult> {
  ensureBuild(); // the bot starts as `npm start` starts it: from dist/, not through tsx
  const dir = mkdtempSync(join(tmpdir(), 'mmb-rss-bench-'));
  const config = join(dir, 'teams.json');
  writeFileSync(
    config,
    JSON.stringify({
      admins: ['console:beheerder'],
      teams: [
        {
          id: 'demo',
          name: 'Demo',
          chats: ['console:groep'],
          coordinators: ['console:coordinator'],
          potCents: 100_000_000, // € 1.000.000, the most a team may have
          startDate: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
        },
      ],
    }),
  );
  // The bot runs as `npm start` runs it: that script's node flags (the young-generation size).
  const child = spawn(process.execPath, [...startFlags(), join(ROOT, 'bin/mmb.js'), 'start'], {
    cwd: dir,
    env: botEnv(dir, config),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let tail = '';
  let answers = 0;
  let finished: () => void = () => {};
  const answered = new Promise<void>((resolve) => (finished = resolve));
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    answers += chunk.split('🤖').length - 1;
    // The private answer may come in the middle of a large chunk (replies to other chats go out
    // in their own order): look in the whole chunk, with the end of the one before.
    const seen = tail + chunk;
    if (seen.includes(SENTINEL_ANSWER)) finished();
    tail = seen.slice(-SENTINEL_ANSWER.length);
  });
  const exited = once(child, 'exit');
  child.stdin!.on('error', () => {}); // a bot that stopped early: said below
  try {
    const started = process.hrtime.bigint();
    for (let from = 0; from < options.events; from += CHUNK_LINES) {
      if (child.exitCode !== null) throw new Error('the bot stopped before it read everything');
      const lines: string[] = [];
      for (let i = from; i < Math.min(options.events, from + CHUNK_LINES); i++)
        lines.push(lineOf(i));
      if (!child.stdin!.write(`${lines.join('\n')}\n`)) await once(child.stdin!, 'drain');
      if (from > 0 && from % 20_000 === 0) options.log?.(`  … ${from} lines written`);
    }
    child.stdin!.write(`${SENTINEL}\n`);
    await Promise.race([
      answered,
      exited.then(() => {
        throw new Error('the bot stopped before it answered everything');
      }),
    ]);
    const feedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    await sleep(options.settleSeconds * 1000);
    const settled = memoryOf(child.pid!);
    await sleep(options.quietSeconds * 1000);
    const quiet = memoryOf(child.pid!);
    child.stdin!.end(); // Ctrl-D: the bot stops
    const ending = Date.now();
    const stopped = await Promise.race([exited, sleep(STOP_WAIT_MS).then(() => null)]);
    if (!stopped)
      options.log?.(
        `the bot did not stop within ${STOP_WAIT_MS / 1000} s of Ctrl-D; stopped with SIGTERM`,
      );
    const code = stopped ? (stopped[0] as number | null) : null;
    const stopSeconds = round((Date.now() - ending) / 1000);
    return {
      events: options.events,
      answers,
      feedSeconds: round(feedSeconds),
      eventsPerSec: round(options.events / feedSeconds),
      settleSeconds: options.settleSeconds,
      rssAfterSettleMiB: round(settled.rssMiB),
      quietSeconds: options.quietSeconds,
      rssAfterQuietMiB: round(quiet.rssMiB),
      peakRssMiB: round(quiet.peakMiB),
      aimMiB: AIM_MB,
      meetsAim: quiet.rssMiB <= AIM_MB,
      exitCode: code,
      stopSeconds,
      node: process.version,
    };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The rows for a table (this bench's and `npm run bench`'s).
 *
 * @example
 * rssRows(result)[0] // ['events', '100000 console lines (… answers)']
 */
export function rssRows(result: RssResult): [string, string][] {
  return [
    ['events', `${result.events} console lines (${result.answers} answers)`],
    ['feed', `${result.feedSeconds} s, ${result.eventsPerSec} events/s`],
    ['RSS after settle', `${result.rssAfterSettleMiB} MiB (${result.settleSeconds} s)`],
    [
      'RSS after quiet',
      `${result.rssAfterQuietMiB} MiB (${result.quietSeconds} s more; aim ≤ ${AIM_MB}: ${result.meetsAim ? 'met' : 'NOT met'})`,
    ],
    ['peak RSS', `${result.peakRssMiB} MiB (VmHWM)`],
    ['stop', `exit code ${result.exitCode}, ${result.stopSeconds} s after Ctrl-D`],
    ['node', result.node],
  ];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => {
    if (!options.json) process.stderr.write(`${line}\n`);
  };
  const result = await runRssBench({ ...options, log });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const rows = rssRows(result);
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('Steady RSS of a running bot (child process: node bin/mmb.js start, console chat)');
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) await main();
