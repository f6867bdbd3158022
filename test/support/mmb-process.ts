import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** bin/mmb.js: the tests run the sources (MMB_FROM_SOURCES, see vitest.config.ts). */
export const MMB = fileURLToPath(new URL('../../bin/mmb.js', import.meta.url));
/** A cold start of tsx on a loaded machine. */
export const START_MS = 90_000;

/** A running `mmb` child process and what it wrote to stderr (its log). */
export interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
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
  const child = spawn(process.execPath, [MMB, command], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const proc = { child, stderr: () => stderr, exited };
  running.push(proc);
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
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
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

/** One query on the database file, read-only, beside the running processes. */
export function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
