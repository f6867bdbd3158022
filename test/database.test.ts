import { mkdtempSync, statSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inWriteTransaction, openDatabase } from '../src/database.ts';
import { MIGRATIONS_DIR, migrate, readMigrations } from '../src/migrate.ts';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'mmb-db-')), 'sub', 'mmb.sqlite');

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
    const dir = join(mkdtempSync(join(tmpdir(), 'mmb-mig-')), '/');
    for (const name of readdirSync(MIGRATIONS_DIR))
      copyFileSync(join(MIGRATIONS_DIR, name), join(dir, name));
    const db = openDatabase(':memory:');
    const first = readMigrations(dir)[0]!;
    writeFileSync(join(dir, first.name), `${first.sql}\n-- edited`);
    expect(() => migrate(db, readMigrations(dir))).toThrow(/was changed after it was applied/);
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
