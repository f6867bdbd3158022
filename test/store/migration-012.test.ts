import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { enqueueNoticeOnce } from '../../src/delivery/notices.ts';
import { takeSnapshot } from '../../src/store/snapshot.ts';
import { migrate, readMigrations } from '../../src/store/migrate.ts';
import { requestForMessage } from '../../src/store/requests.ts';
import { Statements } from '../../src/store/statements.ts';

/** A database before migration 012 with requests and their messages, sent and waiting. */
function databaseBefore012(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    readMigrations().filter((m) => m.version < 12),
  );
  const settings = JSON.stringify({ potCents: 200_000, startDate: '2026-01-05' });
  db.exec(`
    INSERT INTO teams VALUES ('noord', 'Noord', '${settings}', 'config', 0);
    INSERT INTO chat_links VALUES ('c-noord', 'noord', NULL, 0);
    INSERT INTO requests (id, team_id, number, chat_id, message_id, requester_id, household, amount_cents,
      description, period_start, status, created_at, deadline_at)
      VALUES (1, 'noord', 1, 'c-noord', 'm1', 'anna', '12', 3300, 'grofvuil', 0, 'open', 10, 100),
             (2, 'noord', 2, 'c-noord', 'm2', 'bas', '7', 7500, 'pinpas', 0, 'open', 20, 200);
    INSERT INTO outbox (chat_id, text, reply_to, request_id, purpose, created_at, next_attempt_at, sent_at, platform_message_id)
      VALUES ('c-noord', 'Aanvraag #1', 'm1', 1, 'request-opened', 10, 10, 11, 'b1'),
             ('c-noord', 'Stand #1: 1 ja', NULL, 1, 'tally', 12, 12, 13, 'b2'),
             ('c-noord', 'Aanvraag #2', 'm2', 2, 'request-opened', 20, 20, NULL, NULL),
             ('c-noord', 'Maak mij beheerder', NULL, NULL, 'privacy-mode', 5, 5, 6, 'b0');
  `);
  return db;
}

const plan = (db: Database.Database, query: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(1, 1) as { detail: string }[])
    .map((row) => row.detail)
    .join(' | ');

describe('migration 012 (outbox indexes of the few rows their queries want)', () => {
  it('keeps every row and the state, and finds what it found before', () => {
    const db = databaseBefore012();
    const sql = new Statements(db);
    const before = {
      rows: db.prepare('SELECT * FROM outbox ORDER BY id').all(),
      state: takeSnapshot(sql),
      reply: requestForMessage(sql, 'c-noord', 'b2')?.number,
    };
    migrate(db);
    const after = new Statements(db);
    expect(db.prepare('SELECT * FROM outbox ORDER BY id').all()).toEqual(before.rows);
    expect(takeSnapshot(after)).toEqual(before.state);
    expect(before.reply).toBe(1);
    expect(requestForMessage(after, 'c-noord', 'b2')?.number).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('serves each of the three lookups from its own index, without a scan', () => {
    const db = databaseBefore012();
    migrate(db);
    const opened = plan(
      db,
      `SELECT text FROM outbox WHERE request_id = ? AND purpose = 'request-opened' ORDER BY id LIMIT ?`,
    );
    const byPlatformId = plan(
      db,
      'SELECT id FROM outbox WHERE chat_id = ? AND platform_message_id = ?',
    );
    const notice = plan(
      db,
      `SELECT 1 FROM outbox WHERE chat_id = ? AND purpose = 'privacy-mode' AND ? = 1`,
    );
    expect(opened).toContain('outbox_request');
    expect(byPlatformId).toContain('outbox_platform');
    expect(notice).toContain('outbox_notice');
    expect(`${opened} ${byPlatformId} ${notice}`).not.toMatch(/SCAN|TEMP B-TREE/);
    db.close();
  });

  it('queues a notice once per chat, as before', () => {
    const db = databaseBefore012();
    migrate(db);
    const sql = new Statements(db);
    const at = new Date(50);
    expect(enqueueNoticeOnce(sql, 'c-noord', 'privacy-mode', 'Maak mij beheerder', at)).toBe(false);
    expect(enqueueNoticeOnce(sql, 'c-zuid', 'privacy-mode', 'Maak mij beheerder', at)).toBe(true);
    expect(enqueueNoticeOnce(sql, 'c-zuid', 'privacy-mode', 'Maak mij beheerder', at)).toBe(false);
    db.close();
  });

  it('keeps a queued reply out of the platform and request indexes: they are partial', () => {
    const db = databaseBefore012();
    migrate(db);
    const where = (index: string) =>
      (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(index) as string)
        .split(/\bWHERE\b/i)[1]
        ?.trim();
    expect(where('outbox_platform')).toBe('platform_message_id IS NOT NULL');
    expect(where('outbox_request')).toBe("purpose = 'request-opened'");
    expect(where('outbox_notice')).toBe("purpose = 'privacy-mode'");
    db.close();
  });
});
