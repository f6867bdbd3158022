/**
 * Start-up benchmark (issue 13): the wall time of whole `mmb` commands from the shell, as a user
 * sees it — `node bin/mmb.js state` on an empty database, the same through `npx mmb`, and
 * `mmb export` of 15 teams × a year (PDF and CSV). Each the median of a few runs. Builds dist/
 * first when it is missing or older than the sources, as `npm install` would have.
 *
 *   node bin/run-ts.js bench/startup-bench.ts           # the human table
 *   node bin/run-ts.js bench/startup-bench.ts --json    # one JSON object on stdout
 *   node bin/run-ts.js bench/startup-bench.ts --runs 3  # fewer runs
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBuild } from '../bin/fresh-build.js';
import { openDatabase } from '../src/store/database.ts';
import { buildYearDatabase } from './year-fixture.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The aims of issue 13, in seconds of wall time. */
export const STATE_AIM_SECONDS = 0.5;
export const EXPORT_AIM_SECONDS = 1;

/** What the start-up benchmark measured: medians in milliseconds. */
export interface StartupFigures {
  runs: number;
  /** 'fresh' when dist/ was already up to date, 'built' when the bench built it first. */
  build: 'fresh' | 'built';
  /** `node -e 0`, Node's own start on this machine now: the floor under every figure. */
  nodeMs: number;
  stateMs: number;
  npxStateMs: number;
  exportPdfMs: number;
  exportCsvMs: number;
  yearRequests: number;
  meetsStateAim: boolean;
  meetsExportAim: boolean;
}

/** The median wall time of running a command `runs` times; throws when it fails. */
function medianMs(
  runs: number,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: ROOT, env, encoding: 'utf8' });
    times.push(performance.now() - started);
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
    }
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]!);
}

/**
 * Builds dist/ when it is missing or older than the sources, as a user's `npm install` would
 * have: the commands then start as they do for people, not through tsx.
 *
 * @example
 * ensureBuild() // 'fresh' (nothing to do) or 'built'
 */
export function ensureBuild(): StartupFigures['build'] {
  if (!('stale' in freshBuild(ROOT))) return 'fresh';
  const made = spawnSync(process.execPath, ['bin/build.js'], { cwd: ROOT, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`bin/build.js failed: ${made.stderr}`);
  return 'built';
}

/**
 * Runs the start-up benchmark: builds dist/ if needed, makes an empty database and the year of
 * 15 teams in a temporary folder, and times the commands.
 *
 * @example
 * const figures = await runStartupBench({ runs: 5 })
 * figures.stateMs // 180 (wall milliseconds of `node bin/mmb.js state` on an empty database)
 */
export async function runStartupBench(options: { runs?: number } = {}): Promise<StartupFigures> {
  const runs = options.runs ?? 5;
  const build = ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), 'mmb-startup-bench-'));
  try {
    const empty = join(dir, 'empty.sqlite');
    openDatabase(empty).close();
    const year = join(dir, 'year.sqlite');
    const yearRequests = buildYearDatabase(year);

    // No MMB_FROM_SOURCES: the commands run as a user's would, from dist/.
    const env = { ...process.env, MMB_FROM_SOURCES: '', MMB_CONFIG: '', LOG_LEVEL: 'silent' };
    const node = process.execPath;
    const nodeMs = medianMs(runs, node, ['-e', '0'], env);
    const stateMs = medianMs(runs, node, ['bin/mmb.js', 'state', '--db', empty], env);
    const npxStateMs = medianMs(runs, 'npx', ['--no-install', 'mmb', 'state', '--db', empty], env);
    const exportEnv = { ...env, MMB_DB: year };
    const exportArgs = (format: string) => [
      'bin/mmb.js',
      'export',
      '--all',
      '--from',
      '2026-01-01',
      '--to',
      '2026-12-31',
      '--out',
      join(dir, `jaar.${format}`),
    ];
    const exportPdfMs = medianMs(runs, node, exportArgs('pdf'), exportEnv);
    const exportCsvMs = medianMs(runs, node, exportArgs('csv'), exportEnv);
    return {
      runs,
      build,
      nodeMs,
      stateMs,
      npxStateMs,
      exportPdfMs,
      exportCsvMs,
      yearRequests,
      meetsStateAim: stateMs < STATE_AIM_SECONDS * 1000,
      meetsExportAim: Math.max(exportPdfMs, exportCsvMs) < EXPORT_AIM_SECONDS * 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The figures as table rows (label, value), for this bench and for `npm run bench`.
 *
 * @example
 * startupRows(figures)[0] // ['mmb state (node bin/mmb.js)', '180 ms (aim < 500 ms: met)']
 */
export function startupRows(figures: StartupFigures): [string, string][] {
  const aim = (met: boolean) => (met ? 'met' : 'NOT met');
  return [
    [
      'mmb state (node bin/mmb.js)',
      `${figures.stateMs} ms, empty database (aim < ${STATE_AIM_SECONDS * 1000} ms: ${aim(figures.meetsStateAim)})`,
    ],
    ['mmb state (npx mmb)', `${figures.npxStateMs} ms (npx itself is the difference)`],
    [
      'mmb export PDF',
      `${figures.exportPdfMs} ms, 15 teams × a year, ${figures.yearRequests} requests (aim < ${EXPORT_AIM_SECONDS * 1000} ms: ${aim(figures.meetsExportAim)})`,
    ],
    ['mmb export CSV', `${figures.exportCsvMs} ms, the same year`],
    [
      'start-up runs',
      `median of ${figures.runs}; node -e 0 takes ${figures.nodeMs} ms; dist/ ${figures.build}`,
    ],
  ];
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('gebruik: node bin/run-ts.js bench/startup-bench.ts [--json] [--runs N]');
    process.exit(2);
  }
  const figures = await runStartupBench({ runs });
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } else {
    const rows = startupRows(figures);
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log('Start-up benchmark');
    for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  }
}
