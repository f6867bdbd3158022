/**
 * The plainest durable SQLite the benchmark compares with: a fresh file database with the
 * engine's pragmas (WAL, synchronous=FULL), written by better-sqlite3 alone. The raw baseline of
 * `npm run bench` and the durable echo bots of the path benchmarks (Telegram, WhatsApp) open it
 * here, so they cannot drift apart.
 */
import Database from 'better-sqlite3';

/**
 * Opens (creates) a raw database file with the engine's pragmas.
 *
 * @example
 * const db = openRawDatabase('/tmp/raw.sqlite');
 */
export function openRawDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * What any exactly-once bot must do before it answers a message: record the message's id in its
 * own durable transaction (one single-row INSERT, BEGIN IMMEDIATE … COMMIT, synced), so a
 * redelivered message is known and not answered twice.
 *
 * @example
 * const inbox = new DurableInbox('/tmp/echo.sqlite');
 * if (inbox.record('chat-1/42', 'hallo')) await send('hallo'); // false: seen before
 * inbox.close();
 */
export class DurableInbox {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly recordOnce: (id: string, text: string) => boolean;

  constructor(path: string) {
    this.db = openRawDatabase(path);
    this.db.exec('CREATE TABLE IF NOT EXISTS inbox (id TEXT PRIMARY KEY, text TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO inbox (id, text) VALUES (?, ?)');
    const tx = this.db.transaction(
      (id: string, text: string) => this.insert.run(id, text).changes === 1,
    );
    this.recordOnce = (id, text) => tx.immediate(id, text);
  }

  /** Records the message in its own synced commit; false when it was recorded before. */
  record(id: string, text: string): boolean {
    return this.recordOnce(id, text);
  }

  close(): void {
    this.db.close();
  }
}
