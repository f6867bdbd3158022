import { join } from 'node:path';
import { Curve, proto, type SignalDataSet, type SignalDataTypeMap } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { SIGNAL_KEY_TYPES, sqliteAuthState } from '../../../adapters/whatsapp/auth-state.ts';
import { AdapterState } from '../../../src/store/adapter-state.ts';
import { openDatabase, type Db } from '../../../src/store/database.ts';
import { tempDir } from '../../support/temp-dir.ts';

/** What comes back from JSON: every Uint8Array a Buffer with the same bytes. */
function asStored(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (Array.isArray(value)) return value.map(asStored);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asStored(v)]));
  return value;
}

const bytes = (...values: number[]) => new Uint8Array(values);

/** One realistic value of every key type Baileys 7 keeps. */
function everyKeyType(): { [T in keyof SignalDataTypeMap]: SignalDataTypeMap[T] } {
  return {
    'pre-key': Curve.generateKeyPair(),
    session: bytes(1, 2, 3, 250),
    'sender-key': Buffer.from('sender key state'),
    'sender-key-memory': { '31612345678@s.whatsapp.net': true, '12345@lid': false },
    'app-state-sync-key': {
      keyData: bytes(9, 8, 7),
      fingerprint: { rawId: 7, currentIndex: 2, deviceIndexes: [0, 3] },
      timestamp: 1_760_000_000,
    },
    'app-state-sync-version': {
      version: 12,
      hash: Buffer.alloc(128, 7),
      indexValueMap: { 'aW5kZXg=': { valueMac: bytes(4, 5, 6) } },
    },
    'lid-mapping': '123456789012345@lid',
    'device-list': ['0', '12', '27'],
    tctoken: { token: Buffer.from('tc token'), timestamp: '1760000000' },
    'identity-key': Curve.generateKeyPair().public,
  };
}

const newStore = (db: Db) => new AdapterState(db, 'whatsapp');

describe('sqliteAuthState: the WhatsApp session in the bot’s database', () => {
  it('lists every key type of Baileys 7', () => {
    expect([...SIGNAL_KEY_TYPES].sort()).toEqual(Object.keys(everyKeyType()).sort());
  });

  it('starts with new credentials from Baileys and gives them back after saving', async () => {
    const db = openDatabase(':memory:');
    const first = sqliteAuthState(newStore(db));
    expect(first.state.creds.registered).toBe(false);
    expect(first.state.creds.noiseKey.private).toHaveLength(32);
    // Baileys changes the creds in place and asks for them to be saved.
    Object.assign(first.state.creds, { me: { id: '31612345678:3@s.whatsapp.net' } });
    await first.saveCreds();
    const again = sqliteAuthState(newStore(db));
    expect(again.state.creds).toEqual(asStored(first.state.creds));
    expect(Buffer.isBuffer(again.state.creds.signedIdentityKey.private)).toBe(true);
    expect(again.state.creds.me?.id).toBe('31612345678:3@s.whatsapp.net');
    db.close();
  });

  it('keeps every key type, Buffers and Uint8Arrays byte for byte, in one set', async () => {
    const db = openDatabase(':memory:');
    const { keys } = sqliteAuthState(newStore(db)).state;
    const values = everyKeyType();
    const data: SignalDataSet = {};
    for (const type of SIGNAL_KEY_TYPES)
      Object.assign(data, { [type]: { 'id-1': values[type], 'id-2': values[type] } });
    await keys.set(data);
    for (const type of SIGNAL_KEY_TYPES) {
      const got = await keys.get(type, ['id-1', 'missing']);
      expect(Object.keys(got)).toEqual(['id-1']);
      if (type === 'app-state-sync-key') {
        const key = got['id-1'] as proto.Message.AppStateSyncKeyData;
        expect(key).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
        expect(Buffer.from(key.keyData!).equals(Buffer.from([9, 8, 7]))).toBe(true);
        expect(key.fingerprint?.deviceIndexes).toEqual([0, 3]);
        expect(Number(key.timestamp)).toBe(1_760_000_000);
      } else {
        expect(got['id-1']).toEqual(asStored(values[type]));
      }
    }
    db.close();
  });

  it('survives closing and opening the database file (a restart of the process)', async () => {
    const file = join(tempDir('mmb-wa-auth-'), 'mmb.sqlite');
    const before = openDatabase(file);
    const auth = sqliteAuthState(newStore(before));
    await auth.saveCreds();
    await auth.state.keys.set({
      session: { '31612345678.0': bytes(1, 2, 3) },
      'pre-key': { '1': Curve.generateKeyPair() },
    });
    const creds = asStored(auth.state.creds);
    before.close();

    const after = openDatabase(file, { access: 'existing' });
    const restarted = sqliteAuthState(newStore(after));
    expect(restarted.state.creds).toEqual(creds);
    const sessions = await restarted.state.keys.get('session', ['31612345678.0']);
    expect(sessions['31612345678.0']).toEqual(Buffer.from([1, 2, 3]));
    expect(Object.keys(await restarted.state.keys.get('pre-key', ['1']))).toEqual(['1']);
    after.close();
  });

  it('deletes the keys a set gives as null, and keeps the rest of that set', async () => {
    const db = openDatabase(':memory:');
    const { keys } = sqliteAuthState(newStore(db)).state;
    await keys.set({ 'pre-key': { '1': Curve.generateKeyPair(), '2': Curve.generateKeyPair() } });
    await keys.set({ 'pre-key': { '1': null, '3': Curve.generateKeyPair() } });
    expect(Object.keys(await keys.get('pre-key', ['1', '2', '3'])).sort()).toEqual(['2', '3']);
    db.close();
  });

  it('writes a set whole or not at all: a failure half-way leaves nothing of it', async () => {
    const db = openDatabase(':memory:');
    const { keys } = sqliteAuthState(newStore(db)).state;
    await keys.set({ session: { old: bytes(1) } });
    // The disk gives up at the third row of the set.
    db.exec(`CREATE TEMP TRIGGER half_way BEFORE INSERT ON adapter_state WHEN NEW.id = 'c'
             BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    expect(() =>
      keys.set({
        session: { a: bytes(2), old: null },
        'sender-key': { c: bytes(3) },
      }),
    ).toThrow(/disk trouble/);
    expect(await keys.get('session', ['a', 'old'])).toEqual({ old: Buffer.from([1]) });
    expect(await keys.get('sender-key', ['c'])).toEqual({});
    db.close();
  });

  it('clear() deletes the whole session; a new auth state starts fresh', async () => {
    const db = openDatabase(':memory:');
    const store = newStore(db);
    const auth = sqliteAuthState(store);
    await auth.saveCreds();
    await auth.state.keys.set({ session: { a: bytes(1) } });
    auth.clear();
    const fresh = sqliteAuthState(store);
    expect(fresh.state.creds.noiseKey.public).not.toEqual(auth.state.creds.noiseKey.public);
    expect(await fresh.state.keys.get('session', ['a'])).toEqual({});
    db.close();
  });
});
