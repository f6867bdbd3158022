/** One change to an adapter's own state: a value to keep under (category, id), or null to drop it. */
export interface AdapterStoreEntry {
  /** What kind of value, chosen by the adapter (e.g. `creds`, `session`). */
  category: string;
  /** The value's key within its category. */
  id: string;
  /** The value to keep (replacing what was there), or null to delete it. */
  value: string | null;
}

/**
 * A small key-value store an adapter keeps its own state in (a platform session, its keys), in
 * the bot's database: so it is backed up with it and survives restarts. Values are text: the
 * adapter serialises them. One store per adapter; an adapter sees only its own. Knows nothing of
 * any platform.
 *
 * @example
 * const store = host.store('whatsapp');
 * store.write([{ category: 'creds', id: 'me', value: '{"registered":true}' }]);
 * store.get('creds', 'me'); // '{"registered":true}'
 */
export interface AdapterStore {
  /** The value under (category, id), or null when there is none. */
  get(category: string, id: string): string | null;
  /** The values of those ids in one category that exist (missing ids are not in the map). */
  getMany(category: string, ids: readonly string[]): Map<string, string>;
  /**
   * Writes all entries in one write transaction: they land together or not at all (a throw, a
   * crash or a full disk leaves what was there). A null value deletes the entry.
   */
  write(entries: readonly AdapterStoreEntry[]): void;
  /** Deletes everything this adapter stored (e.g. a session that was logged out). */
  clear(): void;
}
