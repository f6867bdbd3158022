import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * SQL lives in the store (`src/store/`) or in a layer's own `*-store.ts` file, so a newcomer finds
 * every statement on a table in one room. The files below still run SQL of their own; this list
 * only shrinks: a file that no longer holds SQL must leave it, and a file not on it may not start.
 */
const STILL_HOLDING_SQL = new Set<string>([]);

/** A string that reads as an SQL statement (keywords in capitals, as every statement here is written). */
const SQL =
  /\.pragma\(|\b(SELECT\s.+\sFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|CREATE\s+(TABLE|INDEX|VIEW)\b|PRAGMA\s+\w+)/;

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const allowed = (path: string) => path.startsWith('src/store/') || path.endsWith('-store.ts');

function holdsSql(path: string): boolean {
  return readFileSync(join(ROOT, path), 'utf8')
    .split('\n')
    .some((line) => !/^\s*(\*|\/\/)/.test(line) && SQL.test(line));
}

describe('where SQL lives', () => {
  const files = ['src', 'adapters', 'commands'].flatMap(sources).map((p) => relative('.', p));
  const withSql = files.filter((path) => !allowed(path) && holdsSql(path));

  it('no file outside the stores starts running SQL', () => {
    expect(withSql.filter((path) => !STILL_HOLDING_SQL.has(path))).toEqual([]);
  });

  it('a file that moved its SQL to a store leaves the exception list', () => {
    expect([...STILL_HOLDING_SQL].filter((path) => !withSql.includes(path))).toEqual([]);
  });

  it('recognises a statement, and not prose or a comment', () => {
    expect(SQL.test("db.prepare('SELECT id FROM requests WHERE team_id = ?')")).toBe(true);
    expect(SQL.test('`INSERT OR IGNORE INTO inbox (key) VALUES (?)`')).toBe(true);
    expect(SQL.test("'UPDATE outbox SET sent_at = ?'")).toBe(true);
    expect(SQL.test("'Select a team from the list'")).toBe(false);
  });
});
