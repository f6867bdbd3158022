import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/migrate.ts';
import { Statements } from '../../src/store/statements.ts';
import { balanceOf } from '../../src/store/ledger.ts';
import { takeSnapshot } from '../../src/store/snapshot.ts';

/** A database at migration 008 with rows in every table migration 009 rebuilds or indexes. */
function databaseAt008(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    readMigrations().filter((m) => m.version <= 8),
  );
  const settings = JSON.stringify({ potCents: 200_000, startDate: '2026-01-05' });
  db.exec(`
    INSERT INTO teams VALUES ('noord', 'Noord', '${settings}', 'config', 0), ('zuid', 'Zuid', '${settings}', 'config', 0);
    INSERT INTO chat_links VALUES ('c-noord', 'noord', NULL, 0), ('c-zuid', 'zuid', NULL, 0);
    INSERT INTO requests (id, team_id, number, chat_id, message_id, requester_id, household, amount_cents,
      description, period_start, status, created_at, deadline_at)
      VALUES (1, 'noord', 1, 'c-noord', 'm1', 'anna', '12', 3300, 'grofvuil', 1767567600000, 'approved', 10, 86400010),
             (2, 'noord', 2, 'c-noord', 'm2', 'bas', '7', 7500, 'pinpas', 1767567600000, 'open', 20, 86400020),
             (3, 'zuid', 1, 'c-zuid', 'm1', 'carla', '3', 12050, 'huur', 1767567600000, 'open', 30, 86400030);
    INSERT INTO votes VALUES (1, 'bas', 'ja', 11, 'reply'), (1, 'carla', 'ja', 12, 'number'),
      (1, 'dirk', 'ja', 13, 'reaction'), (2, 'anna', 'nee', 21, 'button'), (3, 'anna', 'ja', 31, 'alone');
    INSERT INTO ledger (team_id, kind, amount_cents, request_id, period_start, booked_at)
      VALUES ('noord', 'deposit', 200000, NULL, 1767567600000, 1), ('zuid', 'deposit', 200000, NULL, 1767567600000, 1),
             ('noord', 'grant', -3300, 1, 1767567600000, 13), ('noord', 'correction', 500, 1, 1767567600000, 14),
             ('zuid', 'deposit', 25000, NULL, 1767567600000, 40);
    INSERT INTO inbox VALUES ('m|c-noord|m1', 'c-noord', 'm1', 'anna', 10), ('m|c-noord|m2', 'c-noord', 'm2', 'bas', 20),
      ('r|c-noord|dirk|m1|13|👍', 'c-noord', NULL, 'dirk', 13), ('m|c-zuid|m1', 'c-zuid', 'm1', 'carla', 30);
    INSERT INTO outbox (chat_id, text, reply_to, request_id, purpose, created_at, next_attempt_at, sent_at, platform_message_id)
      VALUES ('c-noord', 'Aanvraag #1', 'm1', 1, 'request-opened', 10, 10, 11, 'b1'),
             ('c-noord', 'Aanvraag #2', 'm2', 2, 'request-opened', 20, 20, NULL, NULL),
             ('c-zuid', 'Aanvraag #1', 'm1', 3, 'request-opened', 30, 30, NULL, NULL);
  `);
  return db;
}

const TABLES: Record<string, string> = {
  inbox: 'event_key',
  votes: 'request_id, member_id',
  outbox: 'id',
  ledger: 'id',
  requests: 'id',
};
const rows = (db: Database.Database) =>
  Object.entries(TABLES).map(([table, order]) =>
    db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all(),
  );

describe('migration 009 (fewer pages per commit)', () => {
  it('carries every row of a database at 008 across, and its state reads the same', () => {
    const db = databaseAt008();
    const before = { rows: rows(db), state: takeSnapshot(new Statements(db)) };
    expect(
      migrate(
        db,
        readMigrations().filter((m) => m.version <= 9),
      ),
    ).toBe(1);
    expect(rows(db)).toEqual(before.rows);
    expect(takeSnapshot(new Statements(db))).toEqual(before.state);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('starts each team at the sum of its ledger and keeps it there with every booking', () => {
    const db = databaseAt008();
    migrate(db);
    const sql = new Statements(db);
    expect(balanceOf(sql, 'noord')).toBe(200_000 - 3300 + 500);
    expect(balanceOf(sql, 'zuid')).toBe(225_000);
    db.exec(`INSERT INTO teams VALUES ('oost', 'Oost', '{}', 'config', 0);
      INSERT INTO ledger (team_id, kind, amount_cents, request_id, period_start, booked_at)
      VALUES ('zuid', 'grant', -12050, 3, 1767567600000, 50), ('oost', 'deposit', 100, NULL, 0, 60)`);
    const sums = db
      .prepare('SELECT team_id, sum(amount_cents) AS cents FROM ledger GROUP BY team_id')
      .all() as { team_id: string; cents: number }[];
    for (const { team_id, cents } of sums) expect(balanceOf(sql, team_id)).toBe(cents);
    expect(balanceOf(sql, 'oost')).toBe(100);
    // Should the append-only guard ever be lifted (an import rebuilt on a copy), it stays exact.
    db.exec(
      `DROP TRIGGER ledger_no_delete; DELETE FROM ledger WHERE team_id = 'zuid' AND kind = 'grant'`,
    );
    expect(balanceOf(sql, 'zuid')).toBe(225_000);
    db.close();
  });

  it('makes inbox and votes WITHOUT ROWID tables and drops the indexes it replaces', () => {
    const db = databaseAt008();
    migrate(db);
    const withoutRowid = (table: string) =>
      /WITHOUT ROWID/i.test(
        db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) as string,
      );
    expect(withoutRowid('inbox')).toBe(true);
    expect(withoutRowid('votes')).toBe(true);
    const indexes = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
      .pluck()
      .all();
    expect(indexes).toEqual(expect.arrayContaining(['outbox_waiting', 'requests_open_team']));
    for (const gone of ['inbox_message', 'outbox_pending', 'outbox_chat_pending', 'ledger_team'])
      expect(indexes).not.toContain(gone);
    db.close();
  });
});
