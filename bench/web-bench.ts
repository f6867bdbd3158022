/**
 * The monitor's benchmark (issue 21): the first screen of a communicatieadviseur who sees 15 teams
 * × a year (bench/year-fixture.ts), served by the monitor over HTTP on this machine (so the times
 * include the request itself), each time right after the bot wrote something (nothing kept), and
 * read again unchanged; and how much serving it raises the process's memory (RSS). Not a test: it prints what it measured and whether the aims are met.
 *
 *   node --expose-gc bin/run-ts.js bench/web-bench.ts           # the human lines
 *   node --expose-gc bin/run-ts.js bench/web-bench.ts --json    # one JSON object on stdout
 */
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/core/logger.ts';
import { openDatabase } from '../src/store/database.ts';
import { Statements } from '../src/store/statements.ts';
import { listTeams } from '../src/store/teams.ts';
import { issueWebLink } from '../src/store/web-links.ts';
import { startMonitor } from '../src/web/web-server.ts';
import { sessionsFileFor } from '../src/web/web-session-store.ts';
import { buildYearDatabase } from './year-fixture.ts';

/** The aims of issue 21. */
export const FIRST_SCREEN_AIM_MS = 100;
export const MEMORY_AIM_MB = 15;

const NOW = new Date('2026-12-30T12:00:00+01:00');
const RUNS = 60;

function get(
  port: number,
  path: string,
  cookie: string,
): Promise<{ status: number; ms: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { cookie } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function post(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!));
    });
    req.on('error', reject);
    req.end();
  });
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rssMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1_048_576;
};

const dir = mkdtempSync(join(tmpdir(), 'mmb-web-bench-'));
try {
  const file = join(dir, 'jaar.sqlite');
  buildYearDatabase(file);
  const writer = openDatabase(file);
  const token = issueWebLink(new Statements(writer), 'adviseur', NOW);
  const teams = listTeams(new Statements(writer)).length;
  /** A commit of the bot (any write): the monitor's kept figures are forgotten. */
  const botWrites = (i: number) =>
    writer
      .prepare("INSERT OR REPLACE INTO web_sign_outs (member_id, at) VALUES ('iemand', ?)")
      .run(i);

  const before = rssMb();
  const monitor = await startMonitor(
    {
      databasePath: file,
      sessionsPath: sessionsFileFor(file),
      teams: (sql) => listTeams(sql),
      roles: { admins: new Set(), advisers: new Set(['adviseur']) },
      clock: { now: () => NOW },
      logger: silentLogger,
      publicUrl: 'http://localhost',
    },
    0,
    '127.0.0.1',
  );
  const cookie = await post(monitor.port, `/inloggen/${token}`);
  const times: number[] = [];
  const warmTimes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS + 5; i++) {
    botWrites(i); // every request after a change: everything computed anew
    const answer = await get(monitor.port, '/', cookie);
    if (answer.status !== 200) throw new Error(`first screen: HTTP ${answer.status}`);
    if (i >= 5) times.push(answer.ms);
    bytes = answer.bytes;
    warmTimes.push((await get(monitor.port, '/', cookie)).ms);
  }
  for (let i = 0; i < 3; i++) await get(monitor.port, '/team/team-01', cookie);
  for (let i = 0; i < 200; i++) await get(monitor.port, '/', cookie);
  const after = rssMb();
  await monitor.close();
  writer.close();
  const figures = {
    teams,
    runs: RUNS,
    firstScreenMedianMs: Math.round(median(times) * 10) / 10,
    firstScreenKb: Math.round(bytes / 1024),
    unchangedMedianMs: Math.round(median(warmTimes) * 10) / 10,
    memoryGrowthMb: Math.round((after - before) * 10) / 10,
    gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
  const speed = figures.firstScreenMedianMs < FIRST_SCREEN_AIM_MS;
  const memory = figures.memoryGrowthMb <= MEMORY_AIM_MB;
  if (process.argv.includes('--json'))
    console.log(JSON.stringify({ ...figures, meetsSpeedAim: speed, meetsMemoryAim: memory }));
  else {
    console.log(
      `first screen, ${teams} teams × a year, each time after a write of the bot: median ${figures.firstScreenMedianMs} ms over ${RUNS} requests (${figures.firstScreenKb} KB) — aim < ${FIRST_SCREEN_AIM_MS} ms: ${speed ? 'met' : 'NOT met'}`,
    );
    console.log(
      `the same, read again with nothing changed: median ${figures.unchangedMedianMs} ms`,
    );
    console.log(
      `memory: RSS +${figures.memoryGrowthMb} MB from before the monitor started to after ${RUNS + 208} pages${figures.gc ? '' : ' (without --expose-gc)'} — aim ≤ ${MEMORY_AIM_MB} MB: ${memory ? 'met' : 'NOT met'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
