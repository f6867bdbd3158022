import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdapterState } from '../../src/store/adapter-state.ts';
import { openDatabase } from '../../src/store/database.ts';
import type { AdapterStore } from '../../src/delivery/port/adapter-store.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('adapter_state: an adapter’s own key-value store in the database', () => {
  it('keeps, replaces and deletes values; getMany returns only what exists', () => {
    const db = openDatabase(':memory:');
    const store: AdapterStore = new AdapterState(db, 'whatsapp');
    expect(store.get('creds', 'me')).toBeNull();
    store.write([
      { category: 'creds', id: 'me', value: 'een' },
      { category: 'session', id: 'a', value: 'A' },
      { category: 'session', id: 'b', value: 'B' },
    ]);
    store.write([{ category: 'creds', id: 'me', value: 'twee' }]);
    expect(store.get('creds', 'me')).toBe('twee');
    expect(store.getMany('session', ['a', 'b', 'c', 'a'])).toEqual(
      new Map([
        ['a', 'A'],
        ['b', 'B'],
      ]),
    );
    store.write([{ category: 'session', id: 'a', value: null }]);
    expect(store.get('session', 'a')).toBeNull();
    expect(store.get('session', 'b')).toBe('B');
    db.close();
  });

  it('keeps each adapter’s rows apart; clear() deletes only its own', () => {
    const db = openDatabase(':memory:');
    const whatsapp = new AdapterState(db, 'whatsapp');
    const other = new AdapterState(db, 'signal');
    whatsapp.write([{ category: 'creds', id: 'me', value: 'wa' }]);
    other.write([{ category: 'creds', id: 'me', value: 'sig' }]);
    expect(whatsapp.get('creds', 'me')).toBe('wa');
    whatsapp.clear();
    expect(whatsapp.get('creds', 'me')).toBeNull();
    expect(other.get('creds', 'me')).toBe('sig');
    db.close();
  });

  it('writes all entries in one transaction: a failure half-way leaves nothing', () => {
    const db = openDatabase(':memory:');
    const store = new AdapterState(db, 'whatsapp');
    store.write([{ category: 'session', id: 'old', value: 'blijft' }]);
    const broken = { category: 'session', id: 'c', value: Symbol('no text') as unknown as string };
    expect(() =>
      store.write([
        { category: 'session', id: 'a', value: 'A' },
        { category: 'session', id: 'old', value: null },
        broken,
      ]),
    ).toThrow();
    expect(store.get('session', 'a')).toBeNull();
    expect(store.get('session', 'old')).toBe('blijft');
    db.close();
  });

  it('survives closing and opening the database file again', () => {
    const file = join(tempDir('mmb-adapter-state-'), 'mmb.sqlite');
    const first = openDatabase(file);
    new AdapterState(first, 'whatsapp').write([{ category: 'creds', id: 'me', value: 'x' }]);
    first.close();
    const again = openDatabase(file, { access: 'existing' });
    expect(new AdapterState(again, 'whatsapp').get('creds', 'me')).toBe('x');
    again.close();
  });
});
