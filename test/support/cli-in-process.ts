import { join } from 'node:path';
import { afterEach, vi } from 'vitest';
import { main } from '../../src/cli/cli.ts';
import { Dispatcher } from '../../src/delivery/dispatcher.ts';
import type { Deliver } from '../../src/delivery/port/outbox-message.ts';
import { openDatabase } from '../../src/store/database.ts';
import { Harness } from './harness.ts';
import { tempDir } from './temp-dir.ts';

/** What `mmb …` run in this process gave: its exit code and what it printed. */
export interface Printed {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `mmb …args` in this process (fast): the exit code and what it printed on stdout and stderr,
 * caught instead of shown.
 *
 * @example
 * const { code, stdout } = await inProcess('outbox', '--text');
 */
export async function inProcess(...args: string[]): Promise<Printed> {
  const out = vi.spyOn(console, 'log').mockImplementation(() => {});
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const code = await main(args);
    return { code, stdout: out.mock.calls.join('\n'), stderr: err.mock.calls.join('\n') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Undoes every vi.stubEnv and vi.spyOn of a test after it (call once at the top of a file). */
export function restoreStubsAfterEach(): void {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });
}

/**
 * A Harness (its default team noord, 2 March 2026 09:00) on a database file `mmb.sqlite` in a
 * new temp folder removed after the test: the bot's database for a command to read afterwards.
 */
export function harnessOnFile(prefix: string): { h: Harness; file: string } {
  const file = join(tempDir(prefix), 'mmb.sqlite');
  const h = new Harness(undefined, '2026-03-02T09:00:00+01:00', { db: openDatabase(file) });
  return { h, file };
}

/**
 * One delivery round over what the harness's outbox holds, every chat through `deliver`, as a bot
 * that then stops: what a command reads afterwards is what a real round left behind.
 */
export async function deliverOnce(h: Harness, deliver: Deliver): Promise<void> {
  const dispatcher = new Dispatcher(h.engine.sql, h.clock);
  dispatcher.register('', deliver);
  await dispatcher.flush();
  await dispatcher.stop();
}
