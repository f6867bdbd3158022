import type { Db } from './database.ts';
import type Database from 'better-sqlite3';

type Param = string | number | bigint | null | Buffer;

/**
 * Prepared statements, prepared once per SQL text and reused: the engine runs the same few
 * dozen statements for every event.
 *
 * @example
 * const sql = new Statements(db)
 * sql.get<{ n: number }>('SELECT count(*) AS n FROM requests')?.n
 */
export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Db) {}

  private prepare(text: string): Database.Statement {
    let statement = this.cache.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.cache.set(text, statement);
    }
    return statement;
  }

  get<T>(text: string, ...params: Param[]): T | undefined {
    return this.prepare(text).get(...params) as T | undefined;
  }

  all<T>(text: string, ...params: Param[]): T[] {
    return this.prepare(text).all(...params) as T[];
  }

  run(text: string, ...params: Param[]): Database.RunResult {
    return this.prepare(text).run(...params);
  }

  /** The single number a query returns (0 when it returns no row or NULL). */
  number(text: string, ...params: Param[]): number {
    const row = this.prepare(text)
      .raw()
      .get(...params) as unknown[] | undefined;
    const value = row?.[0];
    return typeof value === 'number' ? value : 0;
  }
}
