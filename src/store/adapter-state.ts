import { inWriteTransaction, type Db } from './database.ts';

/** One change to an adapter's state: a value to keep, or null to delete it. */
export interface AdapterStateEntry {
  category: string;
  id: string;
  value: string | null;
}

/**
 * One adapter's rows of `adapter_state` (migration 006): a key-value store under (category, id).
 * It has the shape of the adapter port's `AdapterStore`, which the composition root hands to the
 * adapter (this layer does not import the port).
 *
 * @example
 * const state = new AdapterState(db, 'whatsapp');
 * state.write([{ category: 'creds', id: 'me', value: '{}' }, { category: 'session', id: 'x', value: null }]);
 */
export class AdapterState {
  private readonly select;
  private readonly upsert;
  private readonly remove;
  private readonly removeAll;

  constructor(
    private readonly db: Db,
    readonly adapter: string,
  ) {
    this.select = db
      .prepare('SELECT value FROM adapter_state WHERE adapter = ? AND category = ? AND id = ?')
      .pluck();
    this.upsert = db.prepare(
      `INSERT INTO adapter_state (adapter, category, id, value) VALUES (?, ?, ?, ?)
       ON CONFLICT (adapter, category, id) DO UPDATE SET value = excluded.value`,
    );
    this.remove = db.prepare(
      'DELETE FROM adapter_state WHERE adapter = ? AND category = ? AND id = ?',
    );
    this.removeAll = db.prepare('DELETE FROM adapter_state WHERE adapter = ?');
  }

  get(category: string, id: string): string | null {
    return (this.select.get(this.adapter, category, id) as string | undefined) ?? null;
  }

  getMany(category: string, ids: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (const id of new Set(ids)) {
      const value = this.get(category, id);
      if (value !== null) found.set(id, value);
    }
    return found;
  }

  /** All entries in one write transaction (a savepoint inside an open batch); null deletes. */
  write(entries: readonly AdapterStateEntry[]): void {
    if (entries.length === 0) return;
    inWriteTransaction(this.db, () => {
      for (const { category, id, value } of entries) {
        if (value === null) this.remove.run(this.adapter, category, id);
        else this.upsert.run(this.adapter, category, id, value);
      }
    });
  }

  clear(): void {
    inWriteTransaction(this.db, () => this.removeAll.run(this.adapter));
  }
}
