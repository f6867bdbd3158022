import {
  getContentType,
  initAuthCreds,
  normalizeMessageContent,
  makeEventBuffer,
  type AnyMessageContent,
  type AuthenticationState,
  type BaileysEventMap,
  type GroupMetadata,
  type MiscMessageGenerationOptions,
  type SignalDataSet,
  type SignalDataTypeMap,
  type UserFacingSocketConfig,
  type WAMessage,
} from '@whiskeysockets/baileys';
import type { Clock } from '../../src/core/clock.ts';
import { SILENT_BAILEYS_LOGGER } from './silent-logger.ts';
import type { WhatsAppSocket } from './whatsapp-adapter.ts';
import type { WhatsAppPacing } from './whatsapp-delivery.ts';

/** The linked number a replay socket sends from. */
export const REPLAY_BOT_JID = '31600000000@s.whatsapp.net';

const UNLIMITED = { perSecond: 1e9, burst: 1e9, perMinuteInGroup: 1e9 };

/**
 * No pacing, no jitter: for replays (a deterministic program) and the benchmark (the path, not
 * the pace). The bot itself always runs with WHATSAPP_PACING.
 */
export const WHATSAPP_UNPACED: WhatsAppPacing = { chat: UNLIMITED, number: UNLIMITED, jitterMs: 0 };

/** One call the adapter made on a replay socket, as JSON: no bytes, a quoted message as its key. */
export interface SocketCall {
  at: string;
  method: 'sendMessage' | 'groupMetadata' | 'end';
  jid: string | null;
  content?: unknown;
  options?: unknown;
}

/** Baileys' real credentials with an in-memory signal key store (nothing is encrypted here). */
export function memoryAuthState(): AuthenticationState {
  const data = new Map<string, unknown>();
  return {
    creds: initAuthCreds(),
    keys: {
      get: <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) =>
        Object.fromEntries(
          ids.flatMap((id) => {
            const value = data.get(`${type}|${id}`);
            return value === undefined ? [] : [[id, value as SignalDataTypeMap[T]]];
          }),
        ),
      set: (set: SignalDataSet) => {
        for (const [type, values] of Object.entries(set))
          for (const [id, value] of Object.entries(values ?? {}))
            if (value) data.set(`${type}|${id}`, value);
            else data.delete(`${type}|${id}`);
      },
    },
  };
}

/** Bytes as their length only: `{ bytes: 1234 }`. */
const withoutBytes = (value: unknown): unknown => {
  if (value instanceof Uint8Array) return { bytes: value.byteLength };
  if (Array.isArray(value)) return value.map(withoutBytes);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutBytes(v)]));
  return value;
};

/**
 * What Baileys copies of a quoted message into the bot's own (`contextInfo.quotedMessage`): the
 * message's first content, without its own context (as `generateWAMessageFromContent` does).
 */
const quotedContent = (quoted: WAMessage): unknown => {
  const message = normalizeMessageContent(quoted.message);
  const type = message ? getContentType(message) : undefined;
  if (!message || !type) return {};
  const content = message[type];
  if (typeof content !== 'object' || content === null) return { [type]: content };
  const { contextInfo: _context, ...rest } = content as { contextInfo?: unknown };
  return { [type]: rest };
};

/**
 * The options of a send as JSON: `quoted` as the quoted message's key, and `quotedMessage` as
 * what Baileys puts on the wire of it (so a replay shows everything a send repeats).
 */
const optionsJson = (options: MiscMessageGenerationOptions): unknown => {
  const { quoted, ...rest } = options;
  return withoutBytes({
    ...rest,
    ...(quoted ? { quoted: quoted.key, quotedMessage: quotedContent(quoted) } : {}),
  });
};

/** What WhatsApp would store of the bot's own message, for `getMessage` and quoting. */
const sentContent = (content: AnyMessageContent): WAMessage['message'] => {
  if ('text' in content && typeof content.text === 'string') return { conversation: content.text };
  if ('react' in content && content.react) return { reactionMessage: content.react };
  if ('document' in content)
    return {
      documentMessage: {
        fileName: 'fileName' in content ? (content.fileName ?? null) : null,
        mimetype: content.mimetype,
      },
    };
  return {};
};

/** A socket of a replay: Baileys' own event buffer as `ev`, every call recorded in its world. */
export class ReplaySocket implements WhatsAppSocket {
  readonly ev = makeEventBuffer(SILENT_BAILEYS_LOGGER);
  readonly user = { id: '31600000000:1@s.whatsapp.net', name: 'MMB' };
  ended = false;

  constructor(
    private readonly world: ReplayWhatsApp,
    readonly config: UserFacingSocketConfig,
  ) {}

  sendMessage = async (
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined> => {
    const at = this.world.clock.now();
    this.world.record({
      at: at.toISOString(),
      method: 'sendMessage',
      jid,
      content: withoutBytes(content),
      ...(options ? { options: optionsJson(options) } : {}),
    });
    this.world.sentCount += 1;
    return {
      key: {
        remoteJid: jid,
        fromMe: true,
        id: `BOT${this.world.sentCount}`,
        participant: REPLAY_BOT_JID,
      },
      message: sentContent(content),
      messageTimestamp: Math.floor(at.getTime() / 1000),
    };
  };

  groupMetadata = async (jid: string): Promise<GroupMetadata> => {
    this.world.record({ at: this.world.clock.now().toISOString(), method: 'groupMetadata', jid });
    return { id: jid, subject: jid, owner: undefined, participants: [] };
  };

  end = async (): Promise<void> => {
    if (this.world.recording)
      this.world.record({ at: this.world.clock.now().toISOString(), method: 'end', jid: null });
    this.ended = true;
  };

  /** Hands one Baileys event to the adapter, as Baileys does (through `ev.process`). */
  emit<T extends keyof BaileysEventMap>(event: T, data: BaileysEventMap[T]): void {
    this.ev.emit(event, data);
  }
}

/**
 * WhatsApp as a replay sees it: the sockets the adapter made (a new one after each reconnect),
 * and every call made on them, in order. The first socket counts as open from the start; a later
 * one opens when the input says so (`connection.update` with `"connection":"open"`).
 *
 * @example
 * const world = new ReplayWhatsApp(clock);
 * new WhatsAppAdapter({ …, makeSocket: world.makeSocket, pacing: WHATSAPP_UNPACED });
 */
export class ReplayWhatsApp {
  readonly calls: SocketCall[] = [];
  readonly sockets: ReplaySocket[] = [];
  sentCount = 0;
  /** Calls are recorded until `stopRecording` (the replay's own shutdown is not part of it). */
  recording = true;

  constructor(readonly clock: Clock) {}

  /** The factory the adapter gets. */
  readonly makeSocket = (config: UserFacingSocketConfig): ReplaySocket => {
    const socket = new ReplaySocket(this, config);
    this.sockets.push(socket);
    return socket;
  };

  get socket(): ReplaySocket | undefined {
    return this.sockets.at(-1);
  }

  record(call: SocketCall): void {
    if (this.recording) this.calls.push(call);
  }

  stopRecording(): void {
    this.recording = false;
  }

  /** The start: the first socket is open and WhatsApp has nothing pending for it. */
  open(): void {
    this.socket?.emit('connection.update', { connection: 'open' });
    this.socket?.emit('connection.update', { receivedPendingNotifications: true });
  }

  /** One input event, on the newest socket (the one the adapter listens to). */
  emit<T extends keyof BaileysEventMap>(event: T, data: BaileysEventMap[T]): void {
    this.socket?.emit(event, data);
  }
}
