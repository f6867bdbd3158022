import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { execMmb } from '../support/mmb-process.ts';

// `mmb state` and `mmb backup` only read: they work on a database on a read-only mount (a backup
// disk, a snapshot), where SQLite cannot make the -shm file a WAL database wants beside it. Needs
// root to mount a read-only tmpfs (the tests run as root); chmod alone does not stop root.

const mountPoint = join(tmpdir(), `mmb-ro-${process.pid}`);
const out = join(tmpdir(), `mmb-ro-out-${process.pid}`);
afterAll(() => {
  try {
    execFileSync('umount', [mountPoint]);
  } catch {
    // not mounted
  }
  rmSync(mountPoint, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

const mmb = (args: string[]) => execMmb(args, { cwd: process.cwd(), inheritEnv: true });

describe('a database on a read-only mount', () => {
  it('is read by mmb state and mmb backup, and nothing is written beside it', async () => {
    mkdirSync(mountPoint, { recursive: true });
    mkdirSync(out, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]);
    const db = join(mountPoint, 'mmb.sqlite');
    openDatabase(db).close(); // a bot's database, WAL, stopped cleanly (no -wal, no -shm)
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    const before = readFileSync(db);

    const state = await mmb(['state', '--db', db]);
    expect(state).toMatchObject({ code: 0, stderr: '' });
    expect(state.stdout).toContain('0 aanvragen (0 open), 0 boekingen');
    const backup = await mmb(['backup', join(out, 'kopie.sqlite'), '--db', db]);
    expect(backup).toMatchObject({ code: 0, stderr: '' });
    expect(backup.stdout).toContain('integriteit ok');
    expect(existsSync(join(out, 'kopie.sqlite'))).toBe(true);

    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(mountPoint)).toEqual(['mmb.sqlite']);
  });
});
