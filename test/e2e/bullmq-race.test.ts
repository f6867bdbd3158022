import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import { tempDir } from '../support/temp-dir.ts';
import { makeEngine, openRequest, sent, ShiftedClock } from '../scheduling/scheduler-contract.ts';

// Two processes, each with its BullMQ scheduler on one database and one Redis, started at the
// same moment just after a deadline: both reconcile and fire what is overdue at once. SQLite
// takes one writer at a time and the database says what is still due: one expiry message.

const RACER = fileURLToPath(new URL('./support/race-process.ts', import.meta.url));
const kills: (() => void)[] = [];
afterEach(() => {
  for (const kill of kills.splice(0)) kill();
});

function racer(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', RACER, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  kills.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const ready = async () => {
    while (!stdout.includes('ready\n')) {
      if (child.exitCode !== null) throw new Error(`a racer exited early: ${stderr}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  const fired = () => (JSON.parse(stdout.split('\n')[1]!) as { fired: number }).fired;
  return { child, ready, exited, fired, stderr: () => stderr };
}

describe('two processes racing on one deadline', () => {
  it('one expiry message and one reminder, whichever process took them up', async () => {
    const file = join(tempDir('mmb-race-'), 'mmb.sqlite');
    const url = testRedisUrl();
    const prefix = testPrefix();
    const clock = new ShiftedClock();
    clock.set(new Date('2026-03-03T10:00:00+01:00'));
    const db = openDatabase(file, { access: 'create' });
    const engine = makeEngine(clock, db);
    const request = openRequest(engine, clock);
    try {
      const offset = String(request.deadline.getTime() + 500 - Date.now());
      const racers = [racer([file, url, prefix, offset]), racer([file, url, prefix, offset])];
      await Promise.all(racers.map((r) => r.ready()));
      for (const r of racers) r.child.stdin!.end('go\n');
      expect(await Promise.all(racers.map((r) => r.exited))).toEqual([0, 0]);
      expect(sent(engine, 'expired')).toHaveLength(1);
      expect(sent(engine, 'reminder')).toHaveLength(1);
      expect(engine.sql.get<{ s: string }>('SELECT status AS s FROM requests')!.s).toBe('expired');
      // Each counts what it took up; when both took up the expiry, the loser's found it decided.
      expect(racers[0]!.fired() + racers[1]!.fired()).toBeGreaterThanOrEqual(2);
    } finally {
      db.close();
      await deleteKeys(url, prefix);
    }
  }, 120_000);
});
