import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../src/cli/usage.ts';
import { inProcess } from '../support/cli-in-process.ts';
import { tempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);
const dir = tempDir('mmb-cli-');
const file = (name: string, lines: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(
    path,
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
  );
  return path;
};
const mmb = (...args: string[]) => run('node', ['bin/mmb.js', ...args], { cwd: process.cwd() });

const conversation = [
  {
    at: '2026-03-02T09:00:00+01:00',
    chat: 'noord',
    from: 'anna',
    name: 'Anna',
    id: 'm1',
    text: 'grofvuil €33 voor huishouden HH-12',
  },
  {
    at: '2026-03-02T09:05:00+01:00',
    chat: 'noord',
    from: 'bas',
    id: 'm2',
    text: 'ja',
    replyTo: 'm1',
  },
  { at: '2026-03-02T09:06:00+01:00', chat: 'noord', from: 'carla', react: '👍', to: 'm1' },
  { at: '2026-03-02T09:07:00+01:00', chat: 'noord', from: 'dirk', id: 'm3', text: 'ja #1' },
  {
    at: '2026-03-02T09:10:00+01:00',
    chat: 'noord',
    from: 'eva',
    id: 'm4',
    text: '€ 75,00 pinpas leefgeld hh 7',
  },
  { at: '2026-03-03T12:00:00+01:00' },
];

describe('npx mmb replay', () => {
  it('prints replies, teams, requests and ledger as one JSON object', async () => {
    const { stdout } = await mmb('replay', file('a.jsonl', conversation), '--json');
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual(['replies', 'teams', 'requests', 'ledger']);
    expect(result.replies[0]).toEqual({
      at: '2026-03-02T08:00:00.000Z',
      chat: 'noord',
      text: "📝 Aanvraag #1: € 33,00 grofvuil voor huishouden 12. 3× ja vóór di 3 mrt 09:00 en het is toegekend. Stem met 'ja #1' of reageer op de aanvraag.",
      replyTo: 'm1',
    });
    expect(result.teams).toEqual([
      {
        id: 'noord',
        balanceCents: 196_700,
        reservedCents: 0,
        availableCents: 196_700,
        grantedCents: 3300,
      },
    ]);
    expect(result.requests).toEqual([
      {
        number: 1,
        team: 'noord',
        chat: 'noord',
        messageId: 'm1',
        requester: 'anna',
        household: '12',
        amountCents: 3300,
        description: 'grofvuil',
        status: 'approved',
        yes: ['bas', 'carla', 'dirk'],
        no: [],
        createdAt: '2026-03-02T08:00:00.000Z',
        decidedAt: '2026-03-02T08:07:00.000Z',
      },
      {
        number: 2,
        team: 'noord',
        chat: 'noord',
        messageId: 'm4',
        requester: 'eva',
        household: '7',
        amountCents: 7500,
        description: 'pinpas leefgeld',
        status: 'expired',
        yes: [],
        no: [],
        createdAt: '2026-03-02T08:10:00.000Z',
        decidedAt: '2026-03-03T08:10:00.000Z',
      },
    ]);
    expect(result.ledger).toEqual([
      {
        team: 'noord',
        kind: 'deposit',
        amountCents: 200_000,
        request: null,
        at: '2026-03-01T23:00:00.000Z',
      },
      {
        team: 'noord',
        kind: 'grant',
        amountCents: -3300,
        request: 1,
        at: '2026-03-02T08:07:00.000Z',
      },
    ]);
  });

  it('is deterministic: the same input gives the same output', async () => {
    const path = file('b.jsonl', conversation);
    const [one, two] = await Promise.all([
      mmb('replay', path, '--json'),
      mmb('replay', path, '--json'),
    ]);
    expect(one.stdout).toBe(two.stdout);
  });

  it('moves the clock on with --until and fires what falls due', async () => {
    const { stdout } = await mmb(
      'replay',
      file('c.jsonl', conversation.slice(0, 1)),
      '--json',
      '--until',
      '2026-03-04T00:00:00+01:00',
    );
    const result = JSON.parse(stdout);
    expect(result.requests[0].status).toBe('expired');
    expect(result.replies.map((r: { text: string }) => [...r.text][0])).toEqual(['📝', '⏰', '⌛']);
  });

  it('uses --config for teams, coordinators and rules, and --db to keep the state', async () => {
    const config = join(dir, 'teams.json');
    writeFileSync(
      config,
      JSON.stringify({
        admins: ['admin'],
        teams: [
          {
            id: 'noord',
            name: 'Team Noord',
            chats: ['noord'],
            coordinators: ['coco'],
            votesNeeded: 2,
            startDate: '2026-01-05',
          },
        ],
      }),
    );
    const db = join(dir, 'state.sqlite');
    const lines = [
      conversation[0],
      { at: '2026-03-02T09:01:00+01:00', chat: 'noord', from: 'bas', id: 'v1', text: 'ja #1' },
      { at: '2026-03-02T09:02:00+01:00', chat: 'noord', from: 'carla', id: 'v2', text: 'ja #1' },
      {
        at: '2026-03-02T09:03:00+01:00',
        chat: 'noord',
        from: 'coco',
        id: 'd1',
        text: '/storten 100',
      },
    ];
    await mmb('replay', file('d.jsonl', lines), '--config', config, '--db', db);
    const { stdout } = await mmb('state', '--db', db, '--json');
    const state = JSON.parse(stdout);
    expect(state.requests[0].status).toBe('approved');
    expect(state.teams[0].balanceCents).toBe(200_000 - 3300 + 10_000);
  });

  it('stops on a wrong line with its number and what is wrong, and applies nothing', async () => {
    const path = file('bad.jsonl', [
      conversation[0],
      '{"at":"gisteren","chat":"noord","from":"x","id":"y","text":"ja"}',
    ]);
    const db = join(dir, 'untouched.sqlite');
    // The state database exists (only `mmb start` and replay create one; state reads what is there).
    await mmb('replay', file('tick.jsonl', [{ at: '2026-03-02T08:00:00+01:00' }]), '--db', db);
    const failure = await mmb('replay', path, '--db', db).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('regel 2');
    const { stdout } = await mmb('state', '--db', db, '--json');
    expect(JSON.parse(stdout).requests).toEqual([]);
  });

  it('names the field that is wrong in a config file', async () => {
    const config = join(dir, 'wrong.json');
    writeFileSync(
      config,
      JSON.stringify({ teams: [{ id: 'noord', chats: ['noord'], votesNeeded: 0 }] }),
    );
    const failure = await mmb('replay', file('e.jsonl', conversation), '--config', config).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('teams.0.votesNeeded');
  });
});

describe('npx mmb state on a database that is not right', () => {
  const failed = (promise: Promise<unknown>) =>
    promise.then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
  /** One line on stderr, `mmb: …`, then the one usage line of mmb state; no stack trace. */
  const oneLine = (stderr: string) => {
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^mmb: /),
      'gebruik: mmb state [--db BESTAND] [--json]',
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
  };

  it('refuses a database that does not exist (exit 2) and creates nothing', async () => {
    const missing = join(dir, 'typo', 'x.sqlite');
    const failure = await failed(mmb('state', '--db', missing));
    expect(failure.code).toBe(2);
    oneLine(failure.stderr);
    expect(failure.stderr).toContain(`De database ${missing} (--db) bestaat niet.`);
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('refuses a folder, a text file and a truncated database, each in one line (exit 2)', async () => {
    const folder = mkdtempSync(join(dir, 'folder-'));
    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, 'dit is geen database\n'.repeat(50));
    const truncated = join(dir, 'truncated.sqlite');
    await mmb('replay', file('t.jsonl', conversation), '--db', truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const runs = await Promise.all(
      [folder, text, truncated].map((path) => failed(mmb('state', '--db', path))),
    );
    const says = ['is een map', 'is geen SQLite-database', 'is beschadigd'];
    runs.forEach((run, i) => {
      expect(run.code).toBe(2);
      oneLine(run.stderr);
      expect(run.stderr).toContain(says[i]);
    });
  });

  it('reads a read-only database without changing its mode or migrating it', async () => {
    const db = join(dir, 'readonly.sqlite');
    await mmb('replay', file('r.jsonl', conversation), '--db', db);
    // An older program's database: only the first migration (002's tables are not there yet).
    const old = new Database(db);
    const newest = old.prepare('SELECT max(version) FROM schema_migrations').pluck().get();
    old.exec(
      'DROP TABLE outbox_files; DROP TABLE advisers; DROP TABLE overviews; DROP TABLE adapter_state',
    );
    old.prepare('DELETE FROM schema_migrations WHERE version > 1').run();
    old.close();
    chmodSync(db, 0o444);
    const { stdout, stderr } = await mmb('state', '--db', db, '--json');
    expect(JSON.parse(stdout).requests).toHaveLength(2);
    expect(stderr.trim()).toMatch(
      new RegExp(
        `^mmb: .*readonly\\.sqlite \\(--db\\) heeft databaseschema 1, ouder dan ${newest} van dit programma: gelezen zoals het is, niet gemigreerd`,
      ),
    );
    // mmb export needs the stored overviews (002): too old to read, said in one line, exit 2.
    const exported = await failed(
      run('node', ['bin/mmb.js', 'export', '--all', '--cycle', '1', '--out', join(dir, 'o.csv')], {
        env: { ...process.env, MMB_DB: db, MMB_CONFIG: '' },
      }),
    );
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain(
      `mmb export: ${db} (MMB_DB) heeft databaseschema 1, te oud om te lezen voor dit programma`,
    );
    expect(existsSync(join(dir, 'o.csv'))).toBe(false);
    expect(statSync(db).mode & 0o777).toBe(0o444);
    const check = new Database(db, { readonly: true });
    expect(check.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(1);
    check.close();
  });
});

describe('mmb help', () => {
  it('lists every command once, in Dutch', async () => {
    const { code, stdout, stderr } = await inProcess('help');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^gebruik: mmb COMMANDO/);
    for (const { line } of Object.values(COMMANDS)) {
      expect(
        stdout.split('\n').filter((l) => l.trim().startsWith(`${line} `) || l.trim() === line),
      ).toHaveLength(1);
    }
  });

  it.each([
    ['start', 'gebruik: mmb start'],
    ['worker', 'gebruik: mmb worker'],
    ['purge', 'gebruik: mmb purge [--dry-run]'],
    ['replay', 'gebruik: mmb replay BESTAND'],
    ['state', 'gebruik: mmb state [--db BESTAND] [--json]'],
    ['export', 'gebruik: mmb export (--team ID | --all)'],
    ['backup', 'gebruik: mmb backup BESTAND [--db BESTAND] [--force]'],
    ['web', 'gebruik: mmb web [--port N]'],
    ['whatsapp', 'gebruik: mmb whatsapp link'],
    ['whatsapp link', 'gebruik: mmb whatsapp link'],
    ['whatsapp replay', 'gebruik: mmb whatsapp link'],
    ['import', 'gebruik: mmb import grants'],
    ['import grants', 'gebruik: mmb import grants'],
    ['import whatsapp', 'gebruik: mmb import whatsapp CHAT.txt'],
    ['outbox', 'gebruik: mmb outbox'],
    ['help', 'gebruik: mmb help [COMMANDO]'],
  ])('mmb help %s shows that command only', async (command, starts) => {
    const { code, stdout, stderr } = await inProcess('help', ...command.split(' '));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.startsWith(starts)).toBe(true);
    // Not the whole list: no other command's usage line.
    const others = Object.keys(COMMANDS).filter((name) => !name.startsWith(command.split(' ')[0]!));
    for (const other of others) expect(stdout).not.toContain(`mmb ${other} `);
  });

  it('has a page for every command it lists', async () => {
    for (const name of Object.keys(COMMANDS)) {
      expect((await inProcess('help', ...name.split(' '))).code, name).toBe(0);
    }
  });

  it('answers an unknown command with one line and the way to the list (exit 2)', async () => {
    for (const args of [['bogus'], ['help', 'bogus']]) {
      const { code, stdout, stderr } = await inProcess(...args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe('mmb: Het commando "bogus" ken ik niet. Alle commando\'s: mmb help');
    }
  });

  it("answers a wrong option with one Dutch line and the command's usage line (exit 2)", async () => {
    const { code, stderr } = await inProcess('state', '--bogus');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'mmb: De optie --bogus ken ik niet.\ngebruik: mmb state [--db BESTAND] [--json]',
    );
  });
});

describe('mmb state finds its database as every command does', () => {
  afterEach(() => vi.unstubAllEnvs());

  /** A bot database with the test conversation in it, made by mmb replay. */
  async function database(): Promise<string> {
    const db = join(tempDir('mmb-state-'), 'mmb.sqlite');
    expect((await inProcess('replay', file('s.jsonl', conversation), '--db', db)).code).toBe(0);
    return db;
  }

  it('reads MMB_DB without --db, and --db wins over MMB_DB', async () => {
    const db = await database();
    const withFlag = await inProcess('state', '--db', db, '--json');
    expect(withFlag.code).toBe(0);
    vi.stubEnv('MMB_DB', db);
    vi.stubEnv('MMB_CONFIG', '');
    const fromEnv = await inProcess('state', '--json');
    expect(fromEnv).toEqual(withFlag);
    expect(JSON.parse(fromEnv.stdout).requests).toHaveLength(2);
    vi.stubEnv('MMB_DB', join(dir, 'niet-deze.sqlite'));
    expect(await inProcess('state', '--db', db, '--json')).toEqual(withFlag);
  });

  it('reads MMB_DB from .env when the environment does not set it', async () => {
    const db = await database();
    const folder = tempDir('mmb-dotenv-');
    writeFileSync(join(folder, '.env'), `MMB_DB=${db}\n`);
    vi.stubEnv('MMB_DB', undefined);
    vi.stubEnv('MMB_CONFIG', undefined);
    const cwd = process.cwd();
    process.chdir(folder);
    try {
      const { code, stdout } = await inProcess('state');
      expect(code).toBe(0);
      expect(stdout).toContain('noord: saldo € 1.967,00');
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses a missing database in one Dutch line and its usage line (exit 2), creating nothing', async () => {
    const missing = join(dir, 'weg', 'mmb.sqlite');
    vi.stubEnv('MMB_DB', missing);
    vi.stubEnv('MMB_CONFIG', '');
    const { code, stdout, stderr } = await inProcess('state');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `mmb: De database ${missing} (MMB_DB) bestaat niet. Kijk het pad na; alleen \`mmb start\` maakt een nieuwe database.\ngebruik: mmb state [--db BESTAND] [--json]`,
    );
    expect(existsSync(join(dir, 'weg'))).toBe(false);
  });
});
