import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { MmbError } from '../core/errors.ts';

/** The folder that holds the numbered SQL migrations (`001_core.sql`, `002_…`). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../data/migrations/', import.meta.url));

interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/**
 * Reads the numbered migrations from a folder, in order.
 *
 * @example
 * readMigrations() // [{ version: 1, name: '001_core.sql', … }]
 */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => /^\d{3}_[a-z0-9_-]+\.sql$/.test(file))
    .sort()
    .map((name) => {
      const sql = readFileSync(dir + name, 'utf8');
      return {
        version: Number(name.slice(0, 3)),
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous?.version === migration.version) {
      throw new MmbError(
        `Twee migraties hebben nummer ${migration.name.slice(0, 3)}: ${previous.name} en ${migration.name}.`,
        'Geef de nieuwste het volgende vrije nummer.',
      );
    }
  });
  return migrations;
}

/**
 * Brings a database up to the newest migration, each in its own transaction.
 * A landed migration whose file was edited afterwards stops the bot: migrations are never edited.
 *
 * @example
 * migrate(db) // 1 (the number of migrations applied now)
 */
export function migrate(db: Database.Database, migrations = readMigrations()): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = new Map(
    db
      .prepare('SELECT version, name, checksum FROM schema_migrations')
      .all()
      .map((row) => {
        const r = row as { version: number; name: string; checksum: string };
        return [r.version, r] as const;
      }),
  );
  let count = 0;
  for (const migration of migrations) {
    const landed = applied.get(migration.version);
    if (landed) {
      if (landed.checksum !== migration.checksum) {
        throw new MmbError(
          `Migratie ${migration.name} is veranderd nadat hij op deze database is uitgevoerd.`,
          'Verander nooit een uitgevoerde migratie: zet het bestand terug en voeg een nieuwe genummerde migratie toe.',
        );
      }
      continue;
    }
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
      ).run(migration.version, migration.name, migration.checksum, Date.now());
    }).immediate();
    count += 1;
  }
  return count;
}

/** Which numbered migrations a database has, next to the ones this program knows. */
export interface SchemaStatus {
  /** The newest migration applied to the database (0: none). */
  version: number;
  /** The newest migration this program has. */
  programVersion: number;
  /** Migrations this program has that the database lacks (it is older). */
  missing: number[];
  /** Migrations the database has that this program does not know (it is newer). */
  unknown: number[];
}

/**
 * The database's schema next to this program's, or null when it has no `schema_migrations` table
 * (empty, or not the bot's).
 *
 * @example
 * schemaStatus(db) // { version: 3, programVersion: 4, missing: [4], unknown: [] }
 */
export function schemaStatus(db: Database.Database): SchemaStatus | null {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!hasTable) return null;
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
  );
  const known = readMigrations().map((m) => m.version);
  return {
    version: Math.max(0, ...applied),
    programVersion: Math.max(0, ...known),
    missing: known.filter((v) => !applied.has(v)),
    unknown: [...applied].filter((v) => !known.includes(v)).sort((a, b) => a - b),
  };
}
