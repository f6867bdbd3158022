import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runBackup } from '../../src/cli/backup.ts';
import { openDatabase } from '../../src/store/database.ts';
import { DatabaseError } from '../../src/store/database-errors.ts';
import { Harness } from '../support/harness.ts';
import { execMmb } from '../support/mmb-process.ts';
import { jsonLines, said } from '../support/replay-lines.ts';

/** What `mmb backup` prints under a refusal of wrong input: its one usage line. */
const USAGE_LINE = 'gebruik: mmb backup BESTAND [--db BESTAND] [--force]';
let dir = '';
let db = '';

/** `node bin/mmb.js …` in the temporary folder with MMB_DB set: exit code and output. */
const mmb = (args: string[], options: { db?: string; wrap?: string[] } = {}) =>
  execMmb(args, {
    cwd: dir,
    inheritEnv: true,
    env: { MMB_DB: options.db ?? db, MMB_CONFIG: '', LOG_LEVEL: 'silent' },
    wrap: options.wrap ?? [],
  });

const conversation = [
  said('2026-03-02T09:00:00+01:00', 'noord', 'anna', 'm1', 'grofvuil €33 voor huishouden HH-12'),
  said('2026-03-02T09:05:00+01:00', 'noord', 'bas', 'm2', 'ja #1'),
  said('2026-03-02T09:06:00+01:00', 'noord', 'carla', 'm3', 'ja #1'),
  said('2026-03-02T09:07:00+01:00', 'noord', 'dirk', 'm4', 'ja #1'),
  said('2026-03-02T09:10:00+01:00', 'noord', 'eva', 'm5', '€ 75 pinpas hh 7'),
];

/** Writes a replay file and runs it into `target`. */
async function replayInto(target: string, lines: unknown[], name: string): Promise<void> {
  const path = join(dir, name);
  writeFileSync(path, jsonLines(lines));
  expect((await mmb(['replay', path, '--db', target])).code).toBe(0);
}

/** Files in the folder other than the given ones (a temporary name left behind would show). */
const leftovers = (folder: string, known: string[]) =>
  readdirSync(folder).filter((f) => !known.some((k) => f.startsWith(k)));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mmb-backup-'));
  db = join(dir, 'data', 'mmb.sqlite');
  mkdirSync(join(dir, 'data'));
  await replayInto(db, conversation, 'gesprek.jsonl');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mmb backup', () => {
  it('writes a checked copy with mode 0600 and says how big it is and what it holds', async () => {
    const out = join(dir, 'kopie.sqlite');
    const run = await mmb(['backup', out]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      new RegExp(
        `^${out}: \\d+ kB, integriteit ok; 1 team, 2 aanvragen, 2 boekingen; saldo noord € 1\\.967,00\\.\\n$`,
      ),
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // One self-contained file: rollback journal, no -wal or -shm needed or left.
    expect(readFileSync(out)[18]).toBe(1);
    expect(leftovers(dir, ['data', 'gesprek.jsonl', 'kopie.sqlite'])).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('kopie.sqlite'))).toEqual(['kopie.sqlite']);
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
  });

  it('refuses to replace an existing file without --force, and replaces it with --force', async () => {
    const out = join(dir, 'bestaat.sqlite');
    writeFileSync(out, 'het vorige bestand');
    const refused = await mmb(['backup', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `mmb: ${out} bestaat al. Geef een andere naam, of zet er --force bij om het te vervangen.\n${USAGE_LINE}\n`,
    );
    expect(readFileSync(out, 'utf8')).toBe('het vorige bestand');
    const forced = await mmb(['backup', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('refuses what it cannot do in one line and its usage line (exit 2) and writes nothing', async () => {
    const cases: [string[], string, string][] = [
      [
        ['backup', join(dir, 'x.sqlite')],
        join(dir, 'weg.sqlite'),
        'weg.sqlite (MMB_DB) bestaat niet',
      ],
      [['backup', join(dir, 'x.sqlite'), '--db', join(dir, 'data')], db, '(--db) is een map'],
      [['backup', join(dir, 'geen-map', 'x.sqlite')], db, 'geen-map voor de kopie bestaat niet'],
      [['backup', join(dir, 'data')], db, 'is een map'],
      [['backup', db, '--force'], db, 'is de database zelf'],
      [['backup'], db, 'Geef precies één bestand voor de kopie'],
      [['backup', 'a.sqlite', '--bogus'], db, 'De optie --bogus ken ik niet.'],
    ];
    const runs = await Promise.all(cases.map(([args, source]) => mmb(args, { db: source })));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]![0].join(' ')).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(cases[i]![2]);
      expect(lines[1]).toBe(USAGE_LINE);
      expect(run.stdout).toBe('');
    });
    expect(existsSync(join(dir, 'x.sqlite'))).toBe(false);
    expect(existsSync(join(dir, 'weg.sqlite'))).toBe(false);
    expect(leftovers(dir, ['data', 'gesprek.jsonl', 'kopie.sqlite', 'bestaat.sqlite'])).toEqual([]);
  });

  it('writes nothing when the disk cannot take the copy (one line, exit 1)', async () => {
    const out = join(dir, 'te-groot.sqlite');
    // Files of at most 50 kB for this process (RLIMIT_FSIZE): the copy does not fit.
    const run = await mmb(['backup', out], {
      wrap: ['sh', '-c', 'ulimit -f 100 && exec "$@"', 'sh'],
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^mmb: (De schijf van ${out} is vol|Lezen of schrijven van ${out} mislukte op de schijf)`,
      ),
    );
    expect(readdirSync(dir).filter((f) => f.includes('te-groot'))).toEqual([]);
  });

  it('refuses a damaged database: the copy fails its integrity check, nothing is written', async () => {
    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(db, damaged);
    const raw = new Database(damaged);
    raw.pragma('ignore_check_constraints = ON');
    raw
      .prepare(
        "INSERT INTO overviews (team_id, cycle, from_at, to_at, made_at, posted, data) VALUES ('noord', 0, 0, 0, 0, 7, '{}')",
      )
      .run();
    raw.close();
    const out = join(dir, 'van-damaged.sqlite');
    const run = await mmb(['backup', out], { db: damaged });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^mmb: De kopie komt niet door de controle van SQLite \(CHECK constraint failed/,
    );
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^mmb: /), USAGE_LINE]);
    expect(readdirSync(dir).filter((f) => f.includes('van-damaged'))).toEqual([]);
  });

  it('is restored by copying it over MMB_DB (bot stopped, -wal and -shm removed): the same state', async () => {
    const live = join(dir, 'live', 'mmb.sqlite');
    mkdirSync(join(dir, 'live'));
    await replayInto(live, conversation, 'live.jsonl');
    const before = (await mmb(['state', '--db', live, '--json'])).stdout;
    const backup = join(dir, 'live-backup.sqlite');
    expect((await mmb(['backup', backup], { db: live })).code).toBe(0);
    // Life goes on after the backup, then the database is lost …
    await replayInto(
      live,
      [
        {
          at: '2026-03-03T10:00:00+01:00',
          chat: 'noord',
          from: 'fleur',
          id: 'm9',
          text: 'bus €4 hh 3',
        },
      ],
      'later.jsonl',
    );
    expect((await mmb(['state', '--db', live, '--json'])).stdout).not.toBe(before);
    // … and restored as README says.
    copyFileSync(backup, live);
    for (const suffix of ['-wal', '-shm']) rmSync(live + suffix, { force: true });
    expect((await mmb(['state', '--db', live, '--json'])).stdout).toBe(before);
    // The bot opens it again as its own (WAL again, nothing to migrate).
    const reopened = openDatabase(live, { access: 'existing' });
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal');
    reopened.close();
  });

  it('copies one consistent moment while another connection keeps writing', async () => {
    const busy = join(dir, 'busy.sqlite');
    const h = new Harness(undefined, '2026-03-02T09:00:00+01:00', { db: openDatabase(busy) });
    for (let i = 1; i <= 50; i += 1) h.say(`lid${i}`, `grofvuil €${i} voor huishouden ${i}`);
    let writing = true;
    let written = 50;
    const writer = (async () => {
      while (writing) {
        written += 1;
        h.say(`lid${written}`, `boodschappen €2 voor huishouden ${written}`);
        await new Promise((next) => setImmediate(next));
      }
    })();
    const out = join(dir, 'busy-backup.sqlite');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await runBackup([out, '--db', busy])).toBe(0);
    } finally {
      writing = false;
      await writer;
      log.mockRestore();
      h.db.close();
    }
    const copy = new Database(out, { readonly: true });
    const count = (sql: string) => copy.prepare(sql).pluck().get() as number;
    const requests = count('SELECT count(*) FROM requests');
    expect(requests).toBeGreaterThanOrEqual(50);
    expect(count('SELECT count(*) FROM inbox')).toBe(requests);
    expect(count("SELECT count(*) FROM outbox WHERE purpose = 'request-opened'")).toBe(requests);
    copy.close();
  });

  it('throws a DatabaseError (not a stack trace) for a source that is not a database', async () => {
    const text = join(dir, 'tekst.sqlite');
    writeFileSync(text, 'geen database\n'.repeat(100));
    await expect(runBackup([join(dir, 'y.sqlite'), '--db', text])).rejects.toBeInstanceOf(
      DatabaseError,
    );
    expect(existsSync(join(dir, 'y.sqlite'))).toBe(false);
  });
});
