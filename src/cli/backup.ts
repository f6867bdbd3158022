import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { isDatabaseLocked } from '../store/bot-lock.ts';
import { openDatabase, readProblem, type Db } from '../store/database.ts';
import { asDatabaseError, DatabaseError } from '../store/database-errors.ts';
import { commandPaths } from '../app/env.ts';
import { argsProblem } from '../core/args-problem.ts';
import { MmbError } from '../core/errors.ts';
import { formatCents } from '../text/money.ts';
import { checkStandalone } from '../store/integrity.ts';
import { takeSnapshot } from '../store/snapshot.ts';
import { Statements } from '../store/statements.ts';

export const BACKUP_USAGE = `gebruik: mmb backup BESTAND [--db BESTAND] [--force]
  BESTAND       waar de kopie komt; bestaat het al, dan alleen met --force
  --db BESTAND  de database (standaard MMB_DB, zoals de bot)
  --force       een bestaand BESTAND vervangen
Een consistente kopie, ook terwijl de bot draait (SQLite online backup), gecontroleerd
(integrity_check), met mode 0600, heel of helemaal niet geschreven.`;

/** Every page in one step: one read transaction, so one consistent moment, even beside the bot. */
const ALL_PAGES = 0x7fffffff;

/** What a backup holds, for the line `mmb backup` prints. */
export interface BackupSummary {
  path: string;
  bytes: number;
  teams: { id: string; balanceCents: number }[];
  requests: number;
  ledgerEntries: number;
}

/** `96 kB`, `1,2 MB`: a size as people read it. */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** The one line that says where the backup is, how big, and what it holds. */
export function describeBackup(summary: BackupSummary): string {
  const teams = summary.teams.length === 1 ? '1 team' : `${summary.teams.length} teams`;
  const balances = summary.teams.length
    ? `; saldo ${summary.teams.map((t) => `${t.id} ${formatCents(t.balanceCents)}`).join(', ')}`
    : '';
  return `${summary.path}: ${formatSize(summary.bytes)}, integriteit ok; ${teams}, ${summary.requests} aanvragen, ${summary.ledgerEntries} boekingen${balances}.`;
}

/** Removes a half-made copy and what SQLite may have left next to it. */
function removeCopy(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/** Writes a file's data and its folder entry to the disk, so a rename that follows survives a power cut. */
function syncToDisk(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every file system lets a folder be synced; the rename is still atomic.
  }
}

/** Checks the copy and reads what it holds; makes it one self-contained file (no -wal needed). */
function checkCopy(path: string, out: string): Omit<BackupSummary, 'bytes' | 'path'> {
  const copy = new Database(path, { fileMustExist: true });
  try {
    const problem = checkStandalone(copy);
    if (problem !== null) {
      throw new DatabaseError(
        `De kopie komt niet door de controle van SQLite (${problem}): de database zelf is beschadigd. Er is niets naar ${out} geschreven.`,
        'Zet de database opzij en zet de laatste goede back-up terug (docs/operating.md, "Backup").',
        2,
        'SQLITE_CORRUPT',
      );
    }
    const snapshot = takeSnapshot(new Statements(copy));
    return {
      teams: snapshot.teams.map((t) => ({ id: t.id, balanceCents: t.balanceCents })),
      requests: snapshot.requests.length,
      ledgerEntries: snapshot.ledger.length,
    };
  } catch (error) {
    throw readProblem(error, copy, out);
  } finally {
    copy.close();
  }
}

/** Whether two stats are the same file. */
const sameFile = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/**
 * `mmb backup FILE [--db FILE] [--force]`: a consistent copy of the bot's database, made with
 * SQLite's online backup (safe while the bot runs), checked (`PRAGMA integrity_check`), written
 * with mode 0600 to a temporary name and renamed into place: whole or not at all. Refuses to
 * replace an existing file without `--force`. Returns the exit code (0 written, 2 wrong input).
 *
 * @example
 * await runBackup(['/var/backups/mmb/mmb-2026-11-27.sqlite'])
 */
export async function runBackup(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(BACKUP_USAGE);
    return 0;
  }
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { db: { type: 'string' }, force: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    const problem = argsProblem(error) ?? 'de argumenten kloppen niet.';
    throw new MmbError(problem.charAt(0).toUpperCase() + problem.slice(1), '');
  }
  const target = positionals[0];
  if (!target || positionals.length > 1 || target.trim() === '') {
    throw new MmbError(
      'Geef precies één bestand voor de kopie.',
      'Bijvoorbeeld: mmb backup mmb-kopie.sqlite',
    );
  }
  const { path: source, label } = commandPaths({ db: values.db }).database;
  if (source === ':memory:') {
    throw new MmbError(
      `${label} is :memory:: er is geen bestand om te kopiëren.`,
      'Geef het databasebestand.',
    );
  }

  const out = resolve(target);
  const folder = dirname(out);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new MmbError(
      `De map ${folder} voor de kopie bestaat niet.`,
      'Maak hem eerst, of geef een ander pad.',
    );
  }
  const existing = existsSync(out) ? statSync(out) : null;
  if (existing?.isDirectory()) {
    throw new MmbError(
      `${target} is een map.`,
      'Geef de naam van het kopiebestand, bv. mmb-kopie.sqlite.',
    );
  }
  if (existing && existsSync(source) && sameFile(existing, statSync(source))) {
    throw new MmbError(
      `${target} is de database zelf (${label}).`,
      'Geef een ander bestand voor de kopie.',
    );
  }
  if (existing && isDatabaseLocked(out)) {
    throw new MmbError(
      `${target} is de database van een draaiende bot.`,
      'Geef een ander bestand voor de kopie.',
    );
  }
  if (existing && !values.force) {
    throw new MmbError(
      `${target} bestaat al.`,
      'Geef een andere naam, of zet er --force bij om het te vervangen.',
    );
  }

  const db: Db = openDatabase(source, {
    access: 'read',
    label,
    onNotice: (line) => console.error(line),
  });
  const temporary = join(folder, `.${basename(out)}.${process.pid}.tmp`);
  let summary: Omit<BackupSummary, 'bytes' | 'path'>;
  try {
    try {
      closeSync(openSync(temporary, 'wx', 0o600)); // the copy is 0600 from its first byte
      await db.backup(temporary, { progress: () => ALL_PAGES });
    } catch (error) {
      // A full disk or a folder we may not write is the copy's; anything else is the database's.
      const code = (error as { code?: unknown }).code;
      const ofCopy =
        typeof code === 'string' &&
        /^(SQLITE_(FULL|READONLY|CANTOPEN|IOERR|PERM)|E(NOSPC|DQUOT|ACCES|PERM|ROFS))/.test(code);
      throw ofCopy ? asDatabaseError(error, out) : readProblem(error, db, source, { label });
    }
    summary = checkCopy(temporary, out);
    syncToDisk(temporary);
    // What SQLite kept beside the replaced file belongs to it, not to the copy.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(out + suffix, { force: true });
    renameSync(temporary, out);
    syncFolder(folder);
  } catch (error) {
    removeCopy(temporary);
    throw error;
  } finally {
    db.close();
  }
  console.log(describeBackup({ path: out, bytes: statSync(out).size, ...summary }));
  return 0;
}
