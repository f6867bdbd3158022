import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { makeDatabaseFolder } from '../store/database.ts';
import { sha256 } from '../store/web-links.ts';

/** How long a session lasts: 8 hours. */
export const SESSION_MS = 8 * 3_600_000;

/**
 * The sessions file next to the bot's database: `data/mmb.sqlite` → `data/mmb.web-sessions.sqlite`.
 *
 * @example
 * sessionsFileFor('data/mmb.sqlite') // 'data/mmb.web-sessions.sqlite'
 */
export function sessionsFileFor(databasePath: string): string {
  return join(
    dirname(databasePath),
    `${basename(databasePath).replace(/\.[^.]*$/, '')}.web-sessions.sqlite`,
  );
}

/** A signed-in browser: who, and the moment (on the bot's clock) their link was made. */
export interface Session {
  memberId: string;
  linkCreatedAt: number;
}

/**
 * Where the monitor writes, and the only thing it writes: which sign-in links were used, and the
 * sessions they opened. Why a file of its own: the monitor opens the bot's database read-only (a
 * problem in the web page can never touch the ledger), yet "used once" needs a write at the moment
 * of use that no second request can race. So the bot writes a link (its hash, in its own database,
 * in the `/web` event's transaction: migration 016) and the monitor marks it used here, in one
 * `INSERT` on the link's id as primary key: of two requests with the same link, one inserts and
 * the other is refused. Sessions are stored by the SHA-256 of their cookie, never the cookie.
 * Losing this file only signs everyone out. Mode 0600, like the database.
 */
export class SessionStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') makeDatabaseFolder(path);
    if (path !== ':memory:' && !existsSync(path)) closeSync(openSync(path, 'wx', 0o600));
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS used_links (
        link_id  TEXT PRIMARY KEY,
        used_at  INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS sessions (
        cookie_hash      BLOB PRIMARY KEY,
        member_id        TEXT NOT NULL,
        link_created_at  INTEGER NOT NULL,
        created_at       INTEGER NOT NULL,
        expires_at       INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS sessions_member ON sessions (member_id);`);
  }

  /** Marks a link used; false when it was used before (then nothing changes). */
  useLink(linkId: string, at: Date): boolean {
    return (
      this.db
        .prepare('INSERT OR IGNORE INTO used_links (link_id, used_at) VALUES (?, ?)')
        .run(linkId, at.getTime()).changes > 0
    );
  }

  /** Whether a link was used. */
  wasUsed(linkId: string): boolean {
    return this.db.prepare('SELECT 1 FROM used_links WHERE link_id = ?').get(linkId) !== undefined;
  }

  /** Opens a session and returns its cookie value (256 random bits; only its hash is kept). */
  open(memberId: string, linkCreatedAt: number, at: Date): string {
    const cookie = randomBytes(32).toString('base64url');
    this.db
      .prepare(
        'INSERT INTO sessions (cookie_hash, member_id, link_created_at, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(sha256(cookie), memberId, linkCreatedAt, at.getTime(), at.getTime() + SESSION_MS);
    return cookie;
  }

  /** The session of a cookie, or null when there is none or it is older than 8 hours. */
  find(cookie: string, at: Date): Session | null {
    const row = this.db
      .prepare('SELECT member_id, link_created_at, expires_at FROM sessions WHERE cookie_hash = ?')
      .get(sha256(cookie)) as
      { member_id: string; link_created_at: number; expires_at: number } | undefined;
    if (!row) return null;
    if (row.expires_at <= at.getTime()) {
      this.end(cookie);
      return null;
    }
    return { memberId: row.member_id, linkCreatedAt: row.link_created_at };
  }

  /** Ends one session (its browser signed out, or it is no longer valid). */
  end(cookie: string): void {
    this.db.prepare('DELETE FROM sessions WHERE cookie_hash = ?').run(sha256(cookie));
  }

  /** Removes sessions past their 8 hours and links used more than a day ago (expired anyway). */
  prune(at: Date): void {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(at.getTime());
    this.db.prepare('DELETE FROM used_links WHERE used_at <= ?').run(at.getTime() - 86_400_000);
  }

  close(): void {
    this.db.close();
  }
}
