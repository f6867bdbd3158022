import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';

/** bin/mmb.js: the tests run the sources (MMB_FROM_SOURCES, see vitest.config.ts). */
export const MMB = fileURLToPath(new URL('../../bin/mmb.js', import.meta.url));

/**
 * What a child `mmb` needs to run the sources as they are now: the build this test run made of
 * them (MMB_DIST, test/support/build-global-setup.ts), else the sources through tsx.
 */
export function sourcesEnv(): Record<string, string> {
  const dist = process.env.MMB_DIST;
  return { MMB_FROM_SOURCES: '1', ...(dist ? { MMB_DIST: dist } : {}) };
}

/** A cold start of tsx on a loaded machine. */
export const START_MS = 90_000;

/** A running `mmb` child process, what it wrote to stdout and stderr (its log), and its end. */
export interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** How a test starts `mmb`: where, with what environment, behind which command. */
export interface MmbOptions {
  /** The process's working folder. */
  cwd: string;
  /** Its environment, on top of PATH and sourcesEnv(). */
  env?: Record<string, string>;
  /** Start from the test's own environment (process.env) instead of PATH alone. */
  inheritEnv?: boolean;
  /** A command put in front of node (e.g. `prlimit --fsize=…`). */
  wrap?: string[];
  /** stdin for the console chat ('pipe', the default), or none. */
  stdin?: 'pipe' | 'ignore';
}

function commandOf(args: string[], options: MmbOptions): [string, string[]] {
  const [first, ...rest] = [...(options.wrap ?? []), process.execPath, MMB, ...args];
  return [first!, rest];
}

function envOf(options: MmbOptions): NodeJS.ProcessEnv {
  const base = options.inheritEnv ? process.env : { PATH: process.env.PATH ?? '' };
  return { ...base, ...sourcesEnv(), ...options.env };
}

/**
 * Starts `mmb …args` as a child process, catching what it writes.
 *
 * @example
 * const worker = spawnMmb(['worker'], { cwd: dir, env: { MMB_DB: db, REDIS_URL: url } });
 */
export function spawnMmb(args: string[], options: MmbOptions): Proc {
  const [command, rest] = commandOf(args, options);
  const child = spawn(command, rest, {
    cwd: options.cwd,
    env: envOf(options),
    stdio: [options.stdin ?? 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A line typed after the process stopped reading goes nowhere (EPIPE), as in a terminal.
  child.stdin?.on('error', () => {});
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** What `mmb …` run to its end gave: exit code (-1 when killed) and output. */
export interface MmbResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `mmb …args` to its end; never throws.
 *
 * @example
 * const { code, stderr } = await execMmb(['state', '--json'], { cwd: dir, inheritEnv: true });
 */
export function execMmb(args: string[], options: MmbOptions): Promise<MmbResult> {
  const [command, rest] = commandOf(args, options);
  return new Promise((done) =>
    execFile(command, rest, { cwd: options.cwd, env: envOf(options) }, (error, stdout, stderr) =>
      done({
        code: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
        stdout,
        stderr,
      }),
    ),
  );
}

/**
 * Starts `mmb <command>` in `dir` with only PATH and `env`; `running` collects it for cleanup.
 *
 * @example
 * const bot = runMmb('start', dir, { MMB_DB: db }, running);
 */
export function runMmb(
  command: 'start' | 'worker',
  dir: string,
  env: Record<string, string>,
  running: Proc[],
): Proc {
  const proc = spawnMmb([command], { cwd: dir, env, stdin: 'ignore' });
  running.push(proc);
  return proc;
}

/**
 * Starts `mmb start` or `mmb worker` as runMmb does and waits (START_MS at most) for its log line
 * "bot started" or "worker started".
 *
 * @example
 * const bot = await startMmb('start', dir, botEnv, running);
 */
export async function startMmb(
  command: 'start' | 'worker',
  dir: string,
  env: Record<string, string>,
  running: Proc[],
): Promise<Proc> {
  const proc = runMmb(command, dir, env, running);
  const [line, what] =
    command === 'start' ? ['bot started', 'the bot'] : ['worker started', 'a worker'];
  await until(() => proc.stderr().includes(line), START_MS, what, [proc]);
  return proc;
}

/** Resolves when `seen()` holds; fails after `ms`, or at once when one of `procs` exits. */
export async function until(
  seen: () => boolean,
  ms: number,
  what: string,
  procs: Proc[],
): Promise<void> {
  const end = Date.now() + ms;
  while (!seen()) {
    const gone = procs.find((p) => p.child.exitCode !== null);
    if (gone)
      throw new Error(
        `a process exited (${gone.child.exitCode}) while waiting for ${what}: ${gone.stderr()}`,
      );
    if (Date.now() > end)
      throw new Error(`waited ${ms} ms for ${what}: ${procs.map((p) => p.stderr()).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGKILL: no handler runs, nothing is flushed (a crash, an OOM kill). */
export async function kill(proc: Proc): Promise<void> {
  proc.child.kill('SIGKILL');
  await proc.exited;
}

/** SIGTERM to each; resolves with their exit codes. */
export async function stopAll(procs: Proc[]): Promise<(number | null)[]> {
  for (const proc of procs) proc.child.kill('SIGTERM');
  return Promise.all(procs.map((proc) => proc.exited));
}

/** Kills what is still running (afterEach). */
export function killAll(running: Proc[]): void {
  for (const proc of running.splice(0))
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
}

/** The list a test file's runMmb/startMmb calls fill; what is left running is killed after each test. */
export function runningProcesses(): Proc[] {
  const running: Proc[] = [];
  afterEach(() => killAll(running));
  return running;
}

/** One query on the database file, read-only, beside the running processes. */
export function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
