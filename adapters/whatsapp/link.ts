import makeWASocket, {
  DisconnectReason,
  type BaileysEventEmitter,
  type ConnectionState,
  type Contact,
  type UserFacingSocketConfig,
} from '@whiskeysockets/baileys';
import { pino } from 'pino';
import QRCode from 'qrcode';
import type { AdapterStore } from '../../src/delivery/port/index.ts';
import { sqliteAuthState, type SqliteAuthState } from './auth-state.ts';

/** The parts of Baileys' socket that linking uses (a fake in the tests). */
export interface LinkSocket {
  readonly ev: Pick<BaileysEventEmitter, 'on' | 'off'>;
  readonly user: Contact | undefined;
  requestPairingCode(phoneNumber: string): Promise<string>;
  end(error: Error | undefined): Promise<void>;
}

/** Makes a socket from Baileys' configuration; the real one is Baileys' `makeWASocket`. */
export type SocketFactory = (config: UserFacingSocketConfig) => LinkSocket;

/** Baileys' own socket. */
export const baileysSocket: SocketFactory = (config) => makeWASocket(config);

/** How long linking may take before the command gives up. */
export const LINK_TIMEOUT_MS = 3 * 60_000;

export interface LinkOptions {
  /** The WhatsApp adapter's store in the bot's database: the session goes there. */
  store: AdapterStore;
  /** Makes each socket (Baileys' `makeWASocket`, or a fake). */
  makeSocket: SocketFactory;
  /** Link with an 8-character code typed on the phone instead of a QR code: e.g. 31612345678. */
  pairingNumber?: string;
  /** Gives up after this long without a link (default 3 minutes). */
  timeoutMs?: number;
  /** Waits this long after linking before closing, so the first key upload can finish (2 s). */
  settleMs?: number;
  /** Before connecting again after a dropped connection (2 s). */
  retryMs?: number;
  /** Where the QR code and the steps go (stdout). */
  out?: (text: string) => void;
  /** Where the one line of a failure goes (stderr). */
  err?: (line: string) => void;
  /** Draws a QR code as text for a terminal. */
  drawQr?: (qr: string) => Promise<string>;
}

const STEPS = 'WhatsApp → Instellingen → Gekoppelde apparaten → Apparaat koppelen';
const AGAIN = 'Probeer het opnieuw: npx mmb whatsapp link';
const NEXT = 'Zet WHATSAPP_ENABLED=true in .env en start de bot: npm start.';

/** Connection problems after which connecting again does not help. */
const FATAL: Partial<Record<number, string>> = {
  [DisconnectReason.loggedOut]: `WhatsApp heeft de koppeling geweigerd of afgemeld (401). ${AGAIN}`,
  [DisconnectReason.connectionReplaced]:
    'Een andere verbinding met deze koppeling nam het over (440): draait de bot nog ergens? Stop die en probeer het opnieuw.',
  [DisconnectReason.forbidden]:
    'WhatsApp weigert dit nummer (403): het is mogelijk geblokkeerd. Kijk op de telefoon van de bot.',
};

/** How many times in a row a connection may drop before the command gives up. */
const MAX_DROPS = 5;

/** Baileys' close reason: the status code of the Boom error it closed with. */
function closeReason(update: Partial<ConnectionState>): number | undefined {
  const error = update.lastDisconnect?.error as { output?: { statusCode?: unknown } } | undefined;
  const code = error?.output?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * A WhatsApp id as a phone number people read: `31612345678:4@s.whatsapp.net` → `+31 6 1234 5678`
 * (a Dutch mobile number), another number as `+<digits>`; null for an id that is no number.
 *
 * @example
 * phoneOf('31612345678:12@s.whatsapp.net') // '+31 6 1234 5678'
 */
export function phoneOf(jid: string | undefined): string | null {
  const match = /^(\d+)(?::\d+)?@s\.whatsapp\.net$/.exec(jid ?? '');
  if (!match) return null;
  const digits = match[1]!;
  const mobile = /^316(\d{4})(\d{4})$/.exec(digits);
  return mobile ? `+31 6 ${mobile[1]} ${mobile[2]}` : `+${digits}`;
}

/** The pairing code as WhatsApp shows it: `ABCD-EFGH`. */
const shownCode = (code: string) =>
  code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;

/**
 * Links the bot to a WhatsApp number as a linked device (`npx mmb whatsapp link`): starts a
 * socket on the session in `store` (new credentials when there is none), shows the QR code to
 * scan (or, with `pairingNumber`, a pairing code to type), saves the credentials as they change,
 * starts again with them when WhatsApp asks for that right after pairing (515), and resolves
 * with 0 once the connection is open ("Gekoppeld als +31 6 …"). A stored session that WhatsApp
 * logged out is deleted first and linked anew. Resolves with 1 after one line on `err` when
 * WhatsApp refuses (401, 403, 440), the connection keeps dropping, or nothing is linked in time.
 *
 * @example
 * const code = await linkWhatsApp({ store: host.store(WHATSAPP_STORE), makeSocket: baileysSocket });
 */
export function linkWhatsApp(options: LinkOptions): Promise<number> {
  const out = options.out ?? ((text: string) => console.log(text));
  const err = options.err ?? ((line: string) => console.error(line));
  const drawQr =
    options.drawQr ?? ((qr: string) => QRCode.toString(qr, { type: 'terminal', small: true }));
  const timeoutMs = options.timeoutMs ?? LINK_TIMEOUT_MS;
  const logger = pino({ level: 'silent' });

  return new Promise<number>((resolve) => {
    let auth: SqliteAuthState = sqliteAuthState(options.store);
    let socket: LinkSocket | null = null;
    let finished = false;
    let shown = 0; // QR codes or pairing codes shown in this run
    let drops = 0; // connections that dropped in a row
    let oldSessionCleared = false;
    let linked = false;
    let retry: NodeJS.Timeout | undefined;

    const finish = (code: 0 | 1, line: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearTimeout(retry);
      const last = socket;
      socket = null;
      (code === 0 ? out : err)(line);
      void last?.end(undefined).catch(() => {});
      resolve(code);
    };
    const timer = setTimeout(
      () => finish(1, `Niet gekoppeld binnen ${Math.round(timeoutMs / 60_000)} minuten. ${AGAIN}`),
      timeoutMs,
    );

    const save = (sock: LinkSocket) =>
      auth.saveCreds().catch((error: unknown) => {
        if (sock === socket)
          finish(1, `De koppeling kon niet in de database worden bewaard: ${String(error)}`);
      });

    const start = () => {
      if (finished) return;
      const sock = options.makeSocket({
        auth: auth.state,
        logger,
        printQRInTerminal: false,
        markOnlineOnConnect: false,
        syncFullHistory: false,
      });
      socket = sock;
      const mine = auth;
      let askedCode = false;
      sock.ev.on('creds.update', (update) => {
        if (mine !== auth) return; // a session deleted since
        Object.assign(mine.state.creds, update); // Baileys does the same; its listener may run later
        void save(sock);
      });
      sock.ev.on('connection.update', (update) => {
        if (sock !== socket || finished || linked) return; // an old socket's last words
        if (update.qr) {
          drops = 0;
          if (options.pairingNumber === undefined) void showQr(update.qr);
          else if (!askedCode) {
            askedCode = true;
            void showPairingCode(sock, options.pairingNumber);
          }
        }
        if (update.connection === 'open') void opened(sock);
        if (update.connection === 'close') closed(closeReason(update));
      });
    };

    const showQr = async (qr: string) => {
      const drawn = await drawQr(qr);
      if (finished) return;
      shown += 1;
      out(
        shown === 1
          ? `${drawn}\nScan deze QR-code met de telefoon van de bot: ${STEPS}, en richt de camera op de code.\nDe code ververst zich na 20 seconden; dit venster zegt het als het gelukt is.`
          : `${drawn}\nEen nieuwe QR-code (de vorige verloopt): scan deze.`,
      );
    };

    const showPairingCode = async (sock: LinkSocket, number: string) => {
      try {
        const code = await sock.requestPairingCode(number);
        if (finished || sock !== socket) return;
        shown += 1;
        out(
          `Koppelcode: ${shownCode(code)}\nOp de telefoon van de bot (+${number}): ${STEPS} → "Koppel met telefoonnummer" (onder de camera), en typ deze code.`,
        );
      } catch (error) {
        if (sock === socket) finish(1, `WhatsApp gaf geen koppelcode (${String(error)}). ${AGAIN}`);
      }
    };

    const opened = async (sock: LinkSocket) => {
      linked = true;
      await save(sock);
      if (options.settleMs !== 0)
        await new Promise((done) => setTimeout(done, options.settleMs ?? 2000));
      const phone = phoneOf(sock.user?.id);
      finish(0, `${phone ? `Gekoppeld als ${phone}` : 'Gekoppeld'}. ${NEXT}`);
    };

    const closed = (reason: number | undefined) => {
      socket = null;
      if (reason === DisconnectReason.restartRequired) {
        start(); // WhatsApp asks for this right after pairing: again, on the saved credentials
        return;
      }
      if (reason === DisconnectReason.loggedOut && shown === 0 && !oldSessionCleared) {
        // A session stored earlier that WhatsApp no longer knows: start again without it.
        oldSessionCleared = true;
        auth.clear();
        auth = sqliteAuthState(options.store);
        out('De opgeslagen WhatsApp-koppeling is afgemeld; er wordt opnieuw gekoppeld.');
        start();
        return;
      }
      const fatal = reason === undefined ? undefined : FATAL[reason];
      if (fatal) {
        if (reason === DisconnectReason.loggedOut) auth.clear(); // half a link is no session
        finish(1, fatal);
        return;
      }
      drops += 1;
      if (drops >= MAX_DROPS) {
        finish(
          1,
          `Geen verbinding met WhatsApp (${reason ?? 'verbinding verbroken'}). Controleer de internetverbinding. ${AGAIN}`,
        );
        return;
      }
      retry = setTimeout(start, options.retryMs ?? 2000);
    };

    start();
  });
}
