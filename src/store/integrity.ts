import type { Db } from './database.ts';

/**
 * Makes a database one self-contained file (rollback journal, no -wal beside it) and checks it
 * with SQLite's `integrity_check`: null when it is sound, else the first problem SQLite names.
 * For a copy (`mmb backup`), never the bot's own database: it changes the journal mode.
 *
 * @example
 * checkStandalone(copy) // null
 */
export function checkStandalone(db: Db): string | null {
  db.pragma('journal_mode = DELETE');
  const problems = db.pragma('integrity_check', { simple: false }) as {
    integrity_check: string;
  }[];
  if (problems.length === 1 && problems[0]!.integrity_check === 'ok') return null;
  return problems[0]?.integrity_check ?? 'geen antwoord';
}
