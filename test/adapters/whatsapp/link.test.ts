import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type {
  BaileysEventEmitter,
  BaileysEventMap,
  Contact,
  UserFacingSocketConfig,
} from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sqliteAuthState, WHATSAPP_STORE } from '../../../adapters/whatsapp/auth-state.ts';
import { linkWhatsApp, phoneOf, type LinkSocket } from '../../../adapters/whatsapp/link.ts';
import { main } from '../../../src/cli/cli.ts';
import { runWhatsApp } from '../../../src/cli/whatsapp.ts';
import { AdapterState } from '../../../src/store/adapter-state.ts';
import { lockDatabase } from '../../../src/store/bot-lock.ts';
import { openDatabase } from '../../../src/store/database.ts';
import { tempDir } from '../../support/temp-dir.ts';

/** The parts of Baileys' socket that linking uses, driven by the test. */
class FakeSocket implements LinkSocket {
  private readonly emitter = new EventEmitter();
  readonly ev: Pick<BaileysEventEmitter, 'on' | 'off'> = {
    on: (event, listener) => void this.emitter.on(event, listener as (arg: unknown) => void),
    off: (event, listener) => void this.emitter.off(event, listener as (arg: unknown) => void),
  };
  user: Contact | undefined;
  ended = false;
  readonly pairingRequests: string[] = [];

  constructor(readonly config: UserFacingSocketConfig) {}

  emit<T extends keyof BaileysEventMap>(event: T, arg: BaileysEventMap[T]): void {
    this.emitter.emit(event, arg);
  }

  /** As Baileys: the credentials change in place, then `creds.update`. */
  updateCreds(update: BaileysEventMap['creds.update']): void {
    Object.assign(this.config.auth.creds, update);
    this.emit('creds.update', update);
  }

  close(statusCode: number): void {
    const error = Object.assign(new Error('Stream Errored'), { output: { statusCode } });
    this.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error, date: new Date() },
    });
  }

  open(id: string): void {
    this.user = { id };
    this.emit('connection.update', { connection: 'open' });
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    this.pairingRequests.push(phoneNumber);
    return 'ABCD1234';
  }

  async end(): Promise<void> {
    this.ended = true;
  }
}

function rig() {
  const sockets: FakeSocket[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const db = openDatabase(':memory:');
  const store = new AdapterState(db, WHATSAPP_STORE);
  return {
    sockets,
    out,
    err,
    db,
    store,
    options: {
      store,
      makeSocket: (config: UserFacingSocketConfig) => {
        const socket = new FakeSocket(config);
        sockets.push(socket);
        return socket;
      },
      out: (text: string) => out.push(text),
      err: (line: string) => err.push(line),
      settleMs: 0,
      retryMs: 0,
    },
  };
}

const settle = () => new Promise((done) => setTimeout(done, 20));
const ME = '31612345678:7@s.whatsapp.net';

describe('linking the bot’s WhatsApp number', () => {
  it('draws the QR code, restarts on 515 with the saved creds, and says as whom it is linked', async () => {
    const r = rig();
    const linked = linkWhatsApp(r.options);
    const first = r.sockets[0]!;
    expect(first.config).toMatchObject({
      printQRInTerminal: false,
      markOnlineOnConnect: false,
      syncFullHistory: false,
    });
    expect(first.config.logger?.level).toBe('silent');
    first.emit('connection.update', { qr: '2@abc,def,ghi,jkl' });
    await settle();
    expect(r.out.join('\n')).toMatch(/[▀▄█]/); // drawn by qrcode for a terminal
    expect(r.out.join('\n')).toContain(
      'WhatsApp → Instellingen → Gekoppelde apparaten → Apparaat koppelen',
    );
    // The phone scanned it: Baileys saves the new identity, WhatsApp asks for a restart.
    first.updateCreds({ me: { id: ME, name: 'MMB' }, platform: 'android' });
    first.close(515);
    expect(r.sockets).toHaveLength(2);
    const second = r.sockets[1]!;
    expect(second.config.auth.creds.me?.id).toBe(ME);
    second.open(ME);
    expect(await linked).toBe(0);
    expect(r.out.at(-1)).toMatch(/^Gekoppeld als \+31 6 1234 5678\. Zet WHATSAPP_ENABLED=true/);
    expect(second.ended).toBe(true);
    expect(r.err).toEqual([]);
    // The session is in the database.
    expect(sqliteAuthState(r.store).state.creds.me?.id).toBe(ME);
    r.db.close();
  });

  it('with a pairing number asks once for a pairing code and shows it with the steps', async () => {
    const r = rig();
    const drawQr = vi.fn(async () => 'QR');
    const linked = linkWhatsApp({ ...r.options, pairingNumber: '31612345678', drawQr });
    const socket = r.sockets[0]!;
    socket.emit('connection.update', { qr: 'ref-1' });
    socket.emit('connection.update', { qr: 'ref-2' });
    await settle();
    expect(socket.pairingRequests).toEqual(['31612345678']);
    expect(drawQr).not.toHaveBeenCalled();
    expect(r.out.join('\n')).toContain('Koppelcode: ABCD-1234');
    expect(r.out.join('\n')).toContain('"Koppel met telefoonnummer"');
    socket.updateCreds({ me: { id: ME }, registered: true });
    socket.close(515);
    r.sockets[1]!.open(ME);
    expect(await linked).toBe(0);
    expect(r.out.at(-1)).toContain('Gekoppeld als +31 6 1234 5678');
    r.db.close();
  });

  it('logged out while linking (401): one Dutch line, exit 1, no half session kept', async () => {
    const r = rig();
    const linked = linkWhatsApp({ ...r.options, drawQr: async () => 'QR' });
    r.sockets[0]!.emit('connection.update', { qr: 'ref-1' });
    await settle();
    r.sockets[0]!.close(401);
    expect(await linked).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/afgemeld \(401\)\. Probeer het opnieuw: npx mmb whatsapp link/);
    expect(r.store.get('creds', 'creds')).toBeNull();
    r.db.close();
  });

  it('deletes a stored session that WhatsApp logged out, and links anew', async () => {
    const r = rig();
    const old = sqliteAuthState(r.store);
    Object.assign(old.state.creds, { me: { id: ME }, registered: true });
    await old.saveCreds();
    const linked = linkWhatsApp({ ...r.options, drawQr: async () => 'QR' });
    r.sockets[0]!.close(401);
    expect(r.out).toEqual([
      'De opgeslagen WhatsApp-koppeling is afgemeld; er wordt opnieuw gekoppeld.',
    ]);
    const fresh = r.sockets[1]!;
    expect(fresh.config.auth.creds.me).toBeUndefined();
    fresh.emit('connection.update', { qr: 'ref-1' });
    await settle();
    fresh.updateCreds({ me: { id: '32470123456:2@s.whatsapp.net' } });
    fresh.close(515);
    r.sockets[2]!.open('32470123456:2@s.whatsapp.net');
    expect(await linked).toBe(0);
    expect(r.out.at(-1)).toContain('Gekoppeld als +32470123456');
    r.db.close();
  });

  it('gives up after the time without a link, in one line, and closes the socket', async () => {
    const r = rig();
    const linked = linkWhatsApp({ ...r.options, timeoutMs: 30, drawQr: async () => 'QR' });
    expect(await linked).toBe(1);
    expect(r.err).toEqual([
      expect.stringMatching(
        /^Niet gekoppeld binnen .* Probeer het opnieuw: npx mmb whatsapp link$/,
      ),
    ]);
    expect(r.sockets[0]!.ended).toBe(true);
    r.db.close();
  });

  it('connects again after a dropped connection, and gives up when it keeps dropping', async () => {
    const r = rig();
    const linked = linkWhatsApp(r.options);
    for (let drop = 0; drop < 5; drop += 1) {
      await settle();
      r.sockets.at(-1)!.close(428);
    }
    expect(await linked).toBe(1);
    expect(r.sockets).toHaveLength(5);
    expect(r.err).toEqual([expect.stringContaining('Geen verbinding met WhatsApp (428)')]);
    r.db.close();
  });

  it('formats the linked number', () => {
    expect(phoneOf('31612345678:12@s.whatsapp.net')).toBe('+31 6 1234 5678');
    expect(phoneOf('31201234567@s.whatsapp.net')).toBe('+31201234567');
    expect(phoneOf('123456789@lid')).toBeNull();
    expect(phoneOf(undefined)).toBeNull();
  });
});

describe('npx mmb whatsapp link', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('refuses a pairing number that is not digits with a country code (exit 2)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const wrong of [
      '+31612345678',
      '0612345678',
      '31 6 1234 5678',
      '316123',
      '3161234567890123',
    ])
      expect(await main(['whatsapp', 'link', '--pairing-number', wrong])).toBe(2);
    expect(errors.mock.calls.map(([line]) => String(line))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^mmb: --pairing-number "0612345678" heeft geen landcode\./),
        expect.stringMatching(/^mmb: --pairing-number "316123" is zo geen telefoonnummer/),
      ]),
    );
    expect(errors).toHaveBeenCalledTimes(5);
  });

  it('refuses in one line while a bot runs on the database', async () => {
    const file = join(tempDir('mmb-wa-link-'), 'mmb.sqlite');
    openDatabase(file).close();
    vi.stubEnv('MMB_DB', file);
    const lock = lockDatabase(file);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(await main(['whatsapp', 'link'])).toBe(2);
    } finally {
      lock.release();
    }
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(
      /^mmb: Er draait een bot op .*mmb\.sqlite \(MMB_DB\).*Stop eerst de bot.*\ngebruik: mmb whatsapp link \[--pairing-number 31612345678\]$/,
    );
  });

  it('links on the database of MMB_DB and keeps the session there', async () => {
    const file = join(tempDir('mmb-wa-link-'), 'mmb.sqlite');
    openDatabase(file).close();
    vi.stubEnv('MMB_DB', file);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const sockets: FakeSocket[] = [];
    const makeSocket = (config: UserFacingSocketConfig) => {
      const socket = new FakeSocket(config);
      sockets.push(socket);
      return socket;
    };
    const linked = runWhatsApp(['link'], { makeSocket, settleMs: 0 });
    while (sockets.length === 0) await settle();
    sockets[0]!.updateCreds({ me: { id: ME } });
    sockets[0]!.close(515);
    sockets[1]!.open(ME);
    expect(await linked).toBe(0);
    const db = openDatabase(file, { access: 'read' });
    expect(sqliteAuthState(new AdapterState(db, WHATSAPP_STORE)).state.creds.me?.id).toBe(ME);
    db.close();
  });
});
