import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import {
  inWriteTransaction,
  onDatabaseProblem,
  openDatabase,
  readProblem,
} from '../../src/store/database.ts';
import { openBotDatabase } from '../../src/store/bot-lock.ts';
import {
  DatabaseError,
  databaseProblem,
  isDatabaseProblem,
} from '../../src/store/database-errors.ts';
import { MIGRATIONS_DIR, migrate, readMigrations, schemaStatus } from '../../src/store/migrate.ts';
import { storedOverview } from '../../src/overview/overview-store.ts';
import { Statements } from '../../src/store/statements.ts';
import { Harness } from '../support/harness.ts';

const tempFile = () => join(tempDir('mmb-db-'), 'sub', 'mmb.sqlite');

describe('openDatabase', () => {
  it('creates the file with mode 0600, WAL, synchronous=FULL and foreign keys on', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('folds what the migrations wrote into the file: the write-ahead log starts empty', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(
      readMigrations().length,
    );
    expect(statSync(`${file}-wal`).size).toBe(0);
    db.close();
  });

  it('migrates once: opening again applies nothing', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db)).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: readMigrations().length,
    });
    db.close();
  });

  it('refuses to run when a landed migration was edited afterwards', () => {
    const dir = join(tempDir('mmb-mig-'), '/');
    for (const name of readdirSync(MIGRATIONS_DIR))
      copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
    const db = openDatabase(':memory:');
    const first = readMigrations(dir)[0]!;
    writeFileSync(join(dir, first.name), `${first.sql}\n-- edited`);
    expect(() => migrate(db, readMigrations(dir))).toThrow(
      /is veranderd nadat hij op deze database is uitgevoerd/,
    );
  });

  it('rolls a write transaction back whole when it fails', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      inWriteTransaction(db, () => {
        db.prepare("INSERT INTO members (id, seen_at) VALUES ('x', 1)").run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 0 });
  });

  it('enforces foreign keys', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db
        .prepare(
          "INSERT INTO chat_links (chat_id, team_id, linked_at) VALUES ('c', 'no-such-team', 1)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

/** What an opening threw (it must throw). */
function refusal(open: () => unknown): DatabaseError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseError);
    const problem = error as DatabaseError;
    expect(problem.message).not.toContain('\n');
    return problem;
  }
  throw new Error('expected the database to be refused');
}

/** A database file with the bot's schema and a team, closed cleanly (no -wal left). */
function botFile(): string {
  const file = tempFile();
  const h = new Harness(undefined, '2026-03-02T09:00:00+01:00', { db: openDatabase(file) });
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  h.db.close();
  return file;
}

/** The database as an older program left it: only migration 001 (the later ones taken out). */
function downgradeToFirstMigration(file: string): void {
  const db = new Database(file);
  db.exec('DROP TABLE web_links; DROP TABLE web_sign_outs'); // 016
  db.exec('DROP TABLE pending_votes'); // 013
  // 012: the outbox's full indexes by platform id and by request, no index of notices.
  db.exec(`DROP INDEX outbox_platform; DROP INDEX outbox_request; DROP INDEX outbox_notice;
    CREATE INDEX outbox_platform ON outbox (chat_id, platform_message_id);
    CREATE INDEX outbox_request ON outbox (request_id, purpose) WHERE request_id IS NOT NULL`);
  // 011: the full indexes of requests by status and by reminder.
  db.exec(`DROP INDEX requests_open_deadline; DROP INDEX requests_open_reminder;
    CREATE INDEX requests_status ON requests (status, deadline_at);
    CREATE INDEX requests_reminder ON requests (status, reminded_at, remind_at)`);
  db.exec('DROP TABLE purge_marks'); // 010
  // 009: the 001 shapes of inbox and votes (rowid tables), the outbox's and ledger's indexes.
  db.exec(`DROP TRIGGER ledger_balance_insert; DROP TRIGGER ledger_balance_delete;
    DROP TRIGGER ledger_balance_update; DROP TABLE team_balances;
    CREATE TABLE inbox_001 (event_key TEXT PRIMARY KEY, chat_id TEXT NOT NULL, message_id TEXT,
      sender_id TEXT NOT NULL, event_at INTEGER NOT NULL);
    INSERT INTO inbox_001 SELECT * FROM inbox; DROP TABLE inbox; ALTER TABLE inbox_001 RENAME TO inbox;
    CREATE INDEX inbox_message ON inbox (chat_id, message_id);
    CREATE TABLE votes_001 (request_id INTEGER NOT NULL REFERENCES requests (id), member_id TEXT NOT NULL,
      value TEXT NOT NULL, cast_at INTEGER NOT NULL, source TEXT NOT NULL, PRIMARY KEY (request_id, member_id));
    INSERT INTO votes_001 SELECT * FROM votes; DROP TABLE votes; ALTER TABLE votes_001 RENAME TO votes;
    DROP INDEX outbox_waiting;
    CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
    CREATE INDEX outbox_chat_pending ON outbox (chat_id, id) WHERE sent_at IS NULL AND failed_at IS NULL;
    CREATE INDEX ledger_team ON ledger (team_id)`);
  db.exec('DROP TABLE subscription_sends; DROP TABLE subscriptions'); // 008
  db.exec('DROP TABLE imports'); // 007
  db.exec(`DROP TABLE outbox_files; DROP TABLE advisers; DROP TABLE overviews; DROP TABLE adapter_state;
    DROP INDEX outbox_request; DROP INDEX ledger_team_amount; DROP INDEX requests_open_team;
    DROP INDEX requests_open_chat; DROP INDEX requests_reminder;
    DELETE FROM schema_migrations WHERE version > 1`);
  db.close();
}

const isRoot = process.getuid?.() === 0;

/**
 * Makes a file unwritable for this process: chmod 0444 for a normal user; for root (who may write
 * a 0444 file) the immutable attribute, when the file system and capabilities allow it. `how` is
 * null when neither works: then root can write the file, and the test asserts that instead.
 */
function unwritable(file: string): { how: 'chmod' | 'immutable' | null; undo: () => void } {
  chmodSync(file, 0o444);
  if (!isRoot) return { how: 'chmod', undo: () => chmodSync(file, 0o600) };
  try {
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    return { how: 'immutable', undo: () => execFileSync('chattr', ['-i', file]) };
  } catch {
    return { how: null, undo: () => {} };
  }
}

describe('opening an existing database', () => {
  it('keeps the mode of an existing file (only a new one gets 0600)', () => {
    const file = botFile();
    chmodSync(file, 0o640);
    openDatabase(file).close();
    expect(statSync(file).mode & 0o777).toBe(0o640);
    chmodSync(file, 0o444);
    if (isRoot) {
      openDatabase(file).close(); // root may write a read-only file: the mode still stays
      expect(statSync(file).mode & 0o777).toBe(0o444);
    }
    openDatabase(file, { access: 'read' }).close();
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('refuses a file it may not write, naming it, and leaves it as it was', () => {
    const file = botFile();
    const before = readFileSync(file);
    const made = unwritable(file);
    try {
      if (made.how === null) {
        openDatabase(file).close(); // root without chattr: root writes it; the mode stays
        expect(statSync(file).mode & 0o777).toBe(0o444);
        return;
      }
      const problem = refusal(() => openDatabase(file, { label: 'MMB_DB' }));
      expect(problem.message).toContain(`${file} (MMB_DB) is niet schrijfbaar`);
      expect(problem.exitCode).toBe(2);
      expect(readFileSync(file).equals(before)).toBe(true);
      // Reading it is fine: state and export do not need to write.
      const db = openDatabase(file, { access: 'read' });
      expect(db.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(1);
      db.close();
    } finally {
      made.undo();
    }
  });

  it('refuses a missing file unless it may create it, and then creates nothing', () => {
    const file = tempFile();
    for (const access of ['read', 'existing'] as const) {
      const problem = refusal(() => openDatabase(file, { access, label: '--db' }));
      expect(problem.message).toBe(
        `De database ${file} (--db) bestaat niet. Kijk het pad na; alleen \`mmb start\` maakt een nieuwe database.`,
      );
      expect(problem.exitCode).toBe(2);
    }
    expect(existsSync(file)).toBe(false);
    expect(existsSync(join(file, '..'))).toBe(false);
  });

  it('refuses a folder, a path under a file, and a file that is not a database', () => {
    const dir = tempDir('mmb-db-');
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'boodschappenlijst\n'.repeat(100));
    expect(refusal(() => openDatabase(dir)).message).toContain(`${dir} is een map`);
    expect(refusal(() => openDatabase(join(notes, 'x.sqlite'))).message).toContain(
      'een deel van het pad is een bestand',
    );
    const notADatabase = refusal(() => openDatabase(notes, { label: 'MMB_DB' }));
    expect(notADatabase.code).toBe('SQLITE_NOTADB');
    expect(notADatabase.message).toContain(`${notes} (MMB_DB) is geen SQLite-database`);
    expect(readFileSync(notes, 'utf8')).toBe('boodschappenlijst\n'.repeat(100));
    expect(refusal(() => openDatabase(notes, { access: 'read' })).code).toBe('SQLITE_NOTADB');
  });

  it('refuses a truncated database as damaged, for writing and for reading', () => {
    const file = botFile();
    truncateSync(file, Math.floor(statSync(file).size / 2));
    for (const access of ['create', 'read'] as const) {
      const problem = refusal(() => openDatabase(file, { access }));
      expect(problem.code).toBe('SQLITE_CORRUPT');
      expect(problem.message).toContain(`${file} is beschadigd`);
      expect(problem.message).toContain('zet de laatste back-up terug');
    }
  });

  it("refuses another program's SQLite database instead of adding the bot's tables to it", () => {
    const file = tempFile();
    mkdirSync(join(file, '..'));
    const other = new Database(file);
    other.exec('CREATE TABLE recipes (name TEXT)');
    other.close();
    const before = readFileSync(file);
    const problem = refusal(() => openDatabase(file));
    expect(problem.message).toContain('is een SQLite-database, maar niet die van de bot');
    // As `mmb start` opens it (under the one-bot lock): refused the same way.
    expect(refusal(() => openBotDatabase(file)).code).toBe('FOREIGN');
    // Decided before anything changed: not switched to WAL, not a byte different, no -wal left.
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(
      check.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all(),
    ).toEqual(['recipes']);
    check.close();
  });

  it('reads an older schema as it is, says so, and does not migrate it', () => {
    const file = botFile();
    downgradeToFirstMigration(file);
    const before = readFileSync(file);
    const notices: string[] = [];
    const db = openDatabase(file, { access: 'read', onNotice: (line) => notices.push(line) });
    expect(notices).toEqual([
      expect.stringMatching(
        /heeft databaseschema 1, ouder dan \d+ van dit programma: gelezen zoals het is, niet gemigreerd/,
      ),
    ]);
    expect(db.prepare('SELECT count(*) FROM requests').pluck().get()).toBe(1);
    // What only a newer schema has: "too old to read", in one line, not "no such table".
    let problem: unknown;
    try {
      storedOverview(new Statements(db), 'noord', 1);
    } catch (error) {
      problem = readProblem(error, db, file, { label: 'MMB_DB' });
    }
    expect(problem).toBeInstanceOf(DatabaseError);
    expect((problem as DatabaseError).message).toMatch(
      /\(MMB_DB\) heeft databaseschema 1, te oud om te lezen voor dit programma .*`mmb start` migreert het/,
    );
    db.close();
    expect(readFileSync(file).equals(before)).toBe(true);
    const check = new Database(file, { readonly: true });
    expect(schemaStatus(check)?.version).toBe(1);
    check.close();
    // The bot itself migrates it.
    const bot = openDatabase(file);
    expect(schemaStatus(bot)?.missing).toEqual([]);
    bot.close();
  });

  it('reads a newer schema with a notice, but does not write to it', () => {
    const file = botFile();
    const db = new Database(file);
    db.prepare(
      "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, '999_future.sql', 'x', 0)",
    ).run();
    db.close();
    const notices: string[] = [];
    openDatabase(file, { access: 'read', onNotice: (line) => notices.push(line) }).close();
    expect(notices).toEqual([expect.stringContaining('heeft databaseschema 999, nieuwer dan')]);
    const problem = refusal(() => openDatabase(file));
    expect(problem.message).toContain('nieuwer dan dit programma kent');
    expect(problem.message).toContain('Werk het programma bij');
  });

  it('says when it made a new database, and only then', () => {
    const file = tempFile();
    const created: string[] = [];
    openDatabase(file, { onCreated: (path) => created.push(path) }).close();
    openDatabase(file, { onCreated: (path) => created.push(path) }).close();
    expect(created).toEqual([resolve(file)]);
  });
});

describe('database problems: one table of what they mean', () => {
  const sqlite = (code: string) => new Database.SqliteError('SQLite says so', code);

  it.each([
    ['SQLITE_NOTADB', 'is geen SQLite-database', 2],
    ['SQLITE_CORRUPT', 'is beschadigd', 2],
    ['SQLITE_CORRUPT_INDEX', 'is beschadigd', 2],
    ['SQLITE_CANTOPEN', 'kan ik niet openen', 2],
    ['SQLITE_READONLY', 'is niet schrijfbaar', 2],
    ['SQLITE_READONLY_DBMOVED', 'is niet schrijfbaar', 2],
    ['SQLITE_FULL', 'is vol: de laatste wijziging is niet bewaard', 1],
    ['SQLITE_IOERR', 'mislukte op de schijf (SQLITE_IOERR)', 1],
    ['SQLITE_IOERR_WRITE', 'mislukte op de schijf (SQLITE_IOERR_WRITE)', 1],
    ['SQLITE_IOERR_FSYNC', 'mislukte op de schijf (SQLITE_IOERR_FSYNC)', 1],
  ] as const)('%s: one line naming the file, saying "%s", exit code %i', (code, says, exitCode) => {
    const problem = databaseProblem(sqlite(code), 'data/mmb.sqlite', { label: 'MMB_DB' });
    expect(problem).toBeInstanceOf(DatabaseError);
    expect(problem!.message).toContain('data/mmb.sqlite (MMB_DB)');
    expect(problem!.message).toContain(says);
    expect(problem!.message).not.toContain('\n');
    expect(problem!.exitCode).toBe(exitCode);
    expect(problem!.code).toBe(code);
    // While the bot runs, every one of them stops it with exit code 1.
    expect(databaseProblem(sqlite(code), 'x', { running: true })!.exitCode).toBe(1);
    expect(isDatabaseProblem(sqlite(code))).toBe(true);
  });

  it('passes on what is not a problem of the file: a constraint, a bug, a busy lock', () => {
    expect(databaseProblem(sqlite('SQLITE_CONSTRAINT_FOREIGNKEY'), 'x')).toBeNull();
    expect(databaseProblem(new TypeError('bug'), 'x')).toBeNull();
    expect(isDatabaseProblem(sqlite('SQLITE_CONSTRAINT'))).toBe(false);
    expect(isDatabaseProblem(sqlite('SQLITE_BUSY'))).toBe(false);
    expect(isDatabaseProblem(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBe(false);
  });
});

describe('a full disk in the middle of an event', () => {
  it('rolls the event back whole, and the bot is told in one line which file is full', () => {
    const file = tempFile();
    const db = openDatabase(file, { label: 'MMB_DB' });
    const problems: DatabaseError[] = [];
    onDatabaseProblem(db, (problem) => problems.push(problem));
    const h = new Harness(undefined, '2026-03-02T09:00:00+01:00', { db });
    // Which events got as far as writing their inbox row (a temporary trigger: not in the file).
    const started: string[] = [];
    db.function('started', (key) => {
      started.push(String(key));
      return null;
    });
    db.exec(
      'CREATE TEMP TRIGGER note_inbox AFTER INSERT ON main.inbox BEGIN SELECT started(NEW.event_key); END',
    );
    // The file may not grow any more: the first event that needs a new page fails with SQLITE_FULL.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const counts = () =>
      db
        .prepare(
          `SELECT (SELECT count(*) FROM inbox) AS inbox, (SELECT count(*) FROM requests) AS requests,
             (SELECT count(*) FROM outbox) AS outbox, (SELECT count(*) FROM members) AS members,
             (SELECT count(*) FROM ledger) AS ledger, (SELECT count(*) FROM votes) AS votes`,
        )
        .get();
    let failure: unknown = null;
    let failedAt = -1;
    let before = counts();
    for (let i = 1; i <= 500 && failure === null; i += 1) {
      before = counts();
      try {
        h.say(`lid${i}`, `grofvuil €${i} voor huishouden ${i} ${'en nog wat uitleg '.repeat(20)}`, {
          id: `m${i}`,
        });
      } catch (error) {
        failure = error;
        failedAt = i;
      }
    }
    expect(failure).toBeInstanceOf(DatabaseError);
    const problem = failure as DatabaseError;
    expect(problem.code).toBe('SQLITE_FULL');
    expect(problem.exitCode).toBe(1);
    expect(problem.message).toBe(
      `De schijf van ${file} (MMB_DB) is vol: de laatste wijziging is niet bewaard (helemaal teruggedraaid). Maak ruimte vrij op die schijf en start dan opnieuw.`,
    );
    expect(problems).toEqual([problem]);
    // The event got past its first write before the disk was full ...
    expect(started).toContain(`m|noord|m${failedAt}`);
    // ... and nothing of it remains: no inbox row, member, request, reply, vote or ledger entry.
    expect(counts()).toEqual(before);
    expect(
      db.prepare('SELECT count(*) FROM inbox WHERE message_id = ?').pluck().get(`m${failedAt}`),
    ).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // With room again, the same message (redelivered) is applied: its dedupe row was rolled back too.
    db.pragma('max_page_count = 1000000');
    h.say(`lid${failedAt}`, `grofvuil €${failedAt} voor huishouden ${failedAt}`, {
      id: `m${failedAt}`,
    });
    expect(
      db.prepare('SELECT count(*) FROM inbox WHERE message_id = ?').pluck().get(`m${failedAt}`),
    ).toBe(1);
    db.close();
  });
});
