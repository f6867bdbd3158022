import {
  BufferJSON,
  initAuthCreds,
  proto,
  type AuthenticationCreds,
  type AuthenticationState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from '@whiskeysockets/baileys';
import type { AdapterStore, AdapterStoreEntry } from '../../src/delivery/port/index.ts';

/** The name the WhatsApp session is stored under in the bot's database: `host.store(…)`. */
export const WHATSAPP_STORE = 'whatsapp';

/** Where the credentials are kept: one value, (`creds`, `creds`). Keys use their type's name. */
const CREDS = { category: 'creds', id: 'creds' } as const;

/**
 * Every kind of key Baileys 7 keeps (its SignalDataTypeMap). A kind Baileys adds later fails to
 * compile here until it is listed; the store itself keeps any kind it is given.
 */
export const SIGNAL_KEY_TYPES = [
  'pre-key',
  'session',
  'sender-key',
  'sender-key-memory',
  'app-state-sync-key',
  'app-state-sync-version',
  'lid-mapping',
  'device-list',
  'tctoken',
  'identity-key',
] as const satisfies readonly (keyof SignalDataTypeMap)[];
type Unlisted = Exclude<keyof SignalDataTypeMap, (typeof SIGNAL_KEY_TYPES)[number]>;
const everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTypeListed;

const serialise = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
const revive = (text: string): unknown => JSON.parse(text, BufferJSON.reviver) as unknown;

/** The WhatsApp session on an AdapterStore, as Baileys wants it. */
export interface SqliteAuthState {
  /** Give to the socket as `auth`. `state.creds` is changed in place by Baileys. */
  state: AuthenticationState;
  /** Stores `state.creds` as they are now (on every `creds.update`). */
  saveCreds(): Promise<void>;
  /** Deletes the whole session (credentials and keys); make a new auth state after it. */
  clear(): void;
}

/**
 * The WhatsApp session (Baileys' credentials and Signal keys) in the bot's database, through the
 * adapter's AdapterStore: credentials under (`creds`, `creds`), each key under (its type, its
 * id), as JSON with Buffers kept (Baileys' BufferJSON). New credentials (Baileys'
 * `initAuthCreds`) when none are stored. Each `keys.set` is one write transaction: a crash never
 * leaves it half-written. Reads and writes are synchronous (SQLite); the promises are Baileys'.
 *
 * @example
 * const auth = sqliteAuthState(host.store(WHATSAPP_STORE));
 * const sock = makeWASocket({ auth: auth.state });
 * sock.ev.on('creds.update', () => void auth.saveCreds());
 */
export function sqliteAuthState(store: AdapterStore): SqliteAuthState {
  const stored = store.get(CREDS.category, CREDS.id);
  const creds = stored === null ? initAuthCreds() : (revive(stored) as AuthenticationCreds);

  const keys: SignalKeyStore = {
    get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const [id, text] of store.getMany(type, ids)) {
        const value = revive(text);
        // As Baileys' own stores do: the sync key comes back as its protobuf message.
        found[id] = (
          type === 'app-state-sync-key'
            ? proto.Message.AppStateSyncKeyData.fromObject(value as object)
            : value
        ) as SignalDataTypeMap[T];
      }
      return found;
    },
    set(data: SignalDataSet) {
      const entries: AdapterStoreEntry[] = [];
      for (const [category, values] of Object.entries(data)) {
        for (const [id, value] of Object.entries(values ?? {})) {
          entries.push({ category, id, value: value == null ? null : serialise(value) });
        }
      }
      store.write(entries); // one transaction: all of this set, or none of it
    },
  };

  return {
    state: { creds, keys },
    saveCreds: async () => {
      store.write([{ ...CREDS, value: serialise(creds) }]);
    },
    clear: () => store.clear(),
  };
}
