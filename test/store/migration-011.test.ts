import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/store/migrate.ts';
import { Statements } from '../../src/store/statements.ts';
import { nextRequestDue } from '../../src/store/requests.ts';
import { takeSnapshot } from '../../src/store/snapshot.ts';

/** A database before migration 011 with open, reminded and decided requests. */
function databaseBefore011(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    readMigrations().filter((m) => m.version < 11),
  );
  const settings = JSON.stringify({ potCents: 200_000, startDate: '2026-01-05' });
  db.exec(`
    INSERT INTO teams VALUES ('noord', 'Noord', '${settings}', 'config', 0);
    INSERT INTO chat_links VALUES ('c-noord', 'noord', NULL, 0);
    INSERT INTO requests (id, team_id, number, chat_id, message_id, requester_id, household, amount_cents,
      description, period_start, status, created_at, deadline_at, remind_at, reminded_at)
      VALUES (1, 'noord', 1, 'c-noord', 'm1', 'anna', '12', 3300, 'grofvuil', 0, 'approved', 10, 100, 50, NULL),
             (2, 'noord', 2, 'c-noord', 'm2', 'bas', '7', 7500, 'pinpas', 0, 'open', 20, 900, 300, 310),
             (3, 'noord', 3, 'c-noord', 'm3', 'carla', '3', 1200, 'huur', 0, 'open', 30, 800, 700, NULL),
             (4, 'noord', 4, 'c-noord', 'm4', 'dirk', '4', 1500, 'borg', 0, 'expired', 40, 200, 150, NULL);
  `);
  return db;
}

const indexNames = (db: Database.Database): unknown[] =>
  db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'requests'")
    .pluck()
    .all();

describe('migration 011 (indexes of open requests only)', () => {
  it('keeps every row and the state, and replaces the full status and reminder indexes', () => {
    const db = databaseBefore011();
    const sql = new Statements(db);
    const before = {
      rows: db.prepare('SELECT * FROM requests ORDER BY id').all(),
      state: takeSnapshot(sql),
      due: nextRequestDue(sql),
    };
    migrate(db);
    expect(db.prepare('SELECT * FROM requests ORDER BY id').all()).toEqual(before.rows);
    expect(takeSnapshot(new Statements(db))).toEqual(before.state);
    expect(indexNames(db)).toEqual(
      expect.arrayContaining(['requests_open_deadline', 'requests_open_reminder']),
    );
    expect(indexNames(db)).not.toContain('requests_status');
    expect(indexNames(db)).not.toContain('requests_reminder');
    // The earliest thing due is the same: request 3's reminder (2's was sent, 1 and 4 are decided).
    expect(before.due).toEqual({ at: new Date(700), requestId: 3, what: 'remind' });
    expect(nextRequestDue(new Statements(db))).toEqual(before.due);
    db.close();
  });

  it('finds the next deadline and reminder in the indexes, without sorting', () => {
    const db = databaseBefore011();
    migrate(db);
    const plan = (query: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ');
    const deadline = plan(
      "SELECT id, deadline_at AS at FROM requests WHERE status = 'open' ORDER BY deadline_at, id LIMIT 1",
    );
    const reminder = plan(`SELECT id, remind_at AS at FROM requests
     WHERE status = 'open' AND remind_at IS NOT NULL AND reminded_at IS NULL ORDER BY remind_at, id LIMIT 1`);
    expect(deadline).toContain('requests_open_deadline');
    expect(reminder).toContain('requests_open_reminder');
    expect(`${deadline} ${reminder}`).not.toContain('TEMP B-TREE');
    db.close();
  });

  it('drops a request from both indexes once it is decided or reminded', () => {
    const db = databaseBefore011();
    migrate(db);
    const sql = new Statements(db);
    db.exec('UPDATE requests SET reminded_at = 705 WHERE id = 3');
    expect(nextRequestDue(sql)).toEqual({ at: new Date(800), requestId: 3, what: 'expire' });
    db.exec("UPDATE requests SET status = 'approved', decided_at = 710 WHERE id = 3");
    expect(nextRequestDue(sql)).toEqual({ at: new Date(900), requestId: 2, what: 'expire' });
    db.exec("UPDATE requests SET status = 'expired', decided_at = 900 WHERE id = 2");
    expect(nextRequestDue(sql)).toBeNull();
    db.close();
  });
});
