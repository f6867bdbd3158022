import {
  makeEventBuffer,
  proto,
  type AnyMessageContent,
  type BaileysEventMap,
  type GroupMetadata,
  type MiscMessageGenerationOptions,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import type { WhatsAppSocket } from '../../adapters/whatsapp/whatsapp-adapter.ts';
import { SILENT_BAILEYS_LOGGER } from '../../adapters/whatsapp/silent-logger.ts';
import { memoryAuthState } from '../../adapters/whatsapp/replay-socket.ts';

/** The linked number the fake sends from. */
export const BOT_JID = '31600000000@s.whatsapp.net';
/** The group the tests link to team noord. */
export const GROUP_JID = '120363000000000001@g.us';

/** A member as WhatsApp addresses them: by phone number, by LID, or both. */
export interface Person {
  name: string;
  pn?: string;
  lid?: string;
  /** Which of the two is `key.participant` (the other is `participantAlt`); default 'pn'. */
  addressing?: 'pn' | 'lid';
}

/** One call the adapter made on a fake socket. */
export interface FakeCall {
  at: Date;
  method: 'sendMessage' | 'groupMetadata' | 'end';
  jid: string | null;
  content?: AnyMessageContent;
  options?: MiscMessageGenerationOptions;
}

/** Baileys' real credentials with an in-memory signal key store (shared with the replay). */
export { memoryAuthState };

const closeError = (statusCode: number): Error =>
  Object.assign(new Error(`closed ${statusCode}`), { output: { statusCode } });

/**
 * One fake socket: Baileys' real event buffer as `ev` (so `ev.process` batches as in Baileys),
 * the calls recorded in its world.
 */
export class FakeSocket implements WhatsAppSocket {
  readonly ev = makeEventBuffer(SILENT_BAILEYS_LOGGER);
  readonly user = { id: '31600000000:7@s.whatsapp.net', name: 'MMB' };
  open = false;
  ended = false;
  signalRepository?: { lidMapping: { getPNForLID(lid: string): Promise<string | null> } };

  constructor(
    private readonly world: FakeWhatsApp,
    readonly config: UserFacingSocketConfig,
  ) {
    if (world.lidStore)
      this.signalRepository = {
        lidMapping: { getPNForLID: async (lid) => world.lidStore?.get(lid) ?? null },
      };
  }

  sendMessage = async (
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined> => {
    this.world.calls.push({
      at: this.world.clock(),
      method: 'sendMessage',
      jid,
      content,
      ...(options ? { options } : {}),
    });
    if (this.world.failing > 0) {
      this.world.failing -= 1;
      throw new Error('network');
    }
    const id = `BOT${++this.world.sentCount}`;
    const text = 'text' in content && typeof content.text === 'string' ? content.text : undefined;
    const sent: WAMessage = {
      key: { remoteJid: jid, fromMe: true, id, participant: BOT_JID },
      message: text === undefined ? {} : { conversation: text },
      messageTimestamp: Math.floor(this.world.clock().getTime() / 1000),
    };
    this.world.sent.push({ jid, content, id, ...(options ? { options } : {}) });
    return sent;
  };

  groupMetadata = async (jid: string): Promise<GroupMetadata> => {
    this.world.calls.push({ at: this.world.clock(), method: 'groupMetadata', jid });
    return {
      id: jid,
      subject: 'Team Noord',
      participants: this.world.participants,
    } as unknown as GroupMetadata;
  };

  end = async (error: Error | undefined): Promise<void> => {
    this.world.calls.push({ at: this.world.clock(), method: 'end', jid: null });
    if (this.ended) return;
    this.ended = true;
    this.open = false;
    // As Baileys: ending the socket emits a close (connectionClosed).
    this.ev.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: error ?? closeError(428), date: new Date() },
    });
  };

  /** Emits one Baileys event on this socket (the event buffer hands it to `ev.process`). */
  emit<T extends keyof BaileysEventMap>(event: T, data: BaileysEventMap[T]): void {
    this.ev.emit(event, data);
  }
}

/**
 * WhatsApp as the fake sees it across sockets (reconnects, restarts): what members sent while no
 * socket was open waits and comes as an `append` upsert after the next connect, then
 * `receivedPendingNotifications`.
 */
export class FakeWhatsApp {
  readonly calls: FakeCall[] = [];
  readonly sent: {
    jid: string;
    content: AnyMessageContent;
    id: string;
    options?: MiscMessageGenerationOptions;
  }[] = [];
  readonly sockets: FakeSocket[] = [];
  readonly backlog: WAMessage[] = [];
  sentCount = 0;
  failing = 0;
  /** Connect by itself when the adapter makes a socket (default true). */
  autoConnect = true;
  /** The group's participant list as groupMetadata gives it (Baileys 7: `id`, `lid`, `phoneNumber`). */
  participants: { id: string; lid?: string; phoneNumber?: string }[] = [];
  /** Baileys' LID mapping store, when the socket should have one. */
  lidStore: Map<string, string> | null = null;
  clock: () => Date = () => new Date();
  private nextId = 0;

  /** The factory the adapter gets. */
  readonly makeSocket = (config: UserFacingSocketConfig): FakeSocket => {
    const socket = new FakeSocket(this, config);
    this.sockets.push(socket);
    if (this.autoConnect) setImmediate(() => this.connect(socket));
    return socket;
  };

  get socket(): FakeSocket | undefined {
    return this.sockets.at(-1);
  }

  /** Opens a socket: `open`, the backlog as `append`, then `receivedPendingNotifications`. */
  connect(socket = this.socket): void {
    if (!socket || socket.ended) return;
    socket.emit('connection.update', { connection: 'connecting' });
    socket.open = true;
    socket.emit('connection.update', { connection: 'open' });
    if (this.backlog.length > 0)
      socket.emit('messages.upsert', { messages: this.backlog.splice(0), type: 'append' });
    socket.emit('connection.update', { receivedPendingNotifications: true });
  }

  /** WhatsApp closes the connection with a status code (DisconnectReason). */
  close(statusCode: number, socket = this.socket): void {
    if (!socket) return;
    socket.open = false;
    socket.emit('connection.update', {
      connection: 'close',
      lastDisconnect: { error: closeError(statusCode), date: new Date() },
    });
  }

  /** A member's message: live on the open socket (`notify`), else kept for the next connect. */
  deliver(message: WAMessage, type: 'notify' | 'append' = 'notify'): WAMessage {
    const socket = this.socket;
    if (socket?.open) socket.emit('messages.upsert', { messages: [message], type });
    else this.backlog.push(message);
    return message;
  }

  /** The sendMessage calls with a text, as the group saw them. */
  texts(jid = GROUP_JID): string[] {
    return this.sent.flatMap((s) =>
      s.jid === jid && 'text' in s.content && typeof s.content.text === 'string'
        ? [s.content.text]
        : [],
    );
  }

  newId(): string {
    this.nextId += 1;
    return `MSG${String(this.nextId).padStart(4, '0')}`;
  }
}

// ---- payloads ------------------------------------------------------------------------------

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** The key of a member's message in a group (`participant`/`participantAlt` by addressing). */
export function memberKey(from: Person, id: string, group = GROUP_JID): WAMessageKey {
  const pn = from.pn ? `${from.pn}@s.whatsapp.net` : undefined;
  const lid = from.lid ? `${from.lid}@lid` : undefined;
  const [participant, alt] =
    from.addressing === 'lid'
      ? [lid ?? pn, lid ? pn : undefined]
      : [pn ?? lid, pn ? lid : undefined];
  return {
    remoteJid: group,
    fromMe: false,
    id,
    ...(participant ? { participant } : {}),
    ...(alt ? { participantAlt: alt } : {}),
  };
}

export type TextShape = 'conversation' | 'extended' | 'image' | 'video' | 'document';
export type Wrapper = 'ephemeral' | 'viewOnce' | 'viewOnceV2' | 'documentWithCaption';

/** A text message: plain or extended text, or a caption; as a reply; inside a wrapper. */
export function textMessage(
  from: Person,
  text: string,
  options: {
    id?: string;
    at?: Date;
    group?: string;
    replyTo?: WAMessageKey;
    shape?: TextShape;
    wrap?: Wrapper;
  } = {},
): WAMessage {
  const context = options.replyTo
    ? {
        contextInfo: {
          stanzaId: options.replyTo.id,
          participant: options.replyTo.participant,
          quotedMessage: { conversation: '…' },
        },
      }
    : {};
  const shape = options.shape ?? (options.replyTo ? 'extended' : 'conversation');
  let content: proto.IMessage;
  switch (shape) {
    case 'conversation':
      content = { conversation: text };
      break;
    case 'extended':
      content = { extendedTextMessage: { text, ...context } };
      break;
    case 'image':
      content = { imageMessage: { caption: text, mimetype: 'image/jpeg', ...context } };
      break;
    case 'video':
      content = { videoMessage: { caption: text, mimetype: 'video/mp4', ...context } };
      break;
    case 'document':
      content = { documentMessage: { caption: text, fileName: 'brief.pdf', ...context } };
      break;
  }
  switch (options.wrap) {
    case 'ephemeral':
      content = { ephemeralMessage: { message: content } };
      break;
    case 'viewOnce':
      content = { viewOnceMessage: { message: content } };
      break;
    case 'viewOnceV2':
      content = { viewOnceMessageV2: { message: content } };
      break;
    case 'documentWithCaption':
      content = { documentWithCaptionMessage: { message: content } };
      break;
    case undefined:
      break;
  }
  return {
    key: memberKey(
      from,
      options.id ?? `M${Math.random().toString(36).slice(2, 10)}`,
      options.group,
    ),
    message: content,
    messageTimestamp: seconds(options.at ?? new Date()),
    pushName: from.name,
  };
}

/** A reaction as a message (`reactionMessage` in `messages.upsert`); '' takes it back. */
export function reactionMessage(
  from: Person,
  target: WAMessageKey,
  emoji: string,
  options: { id?: string; at?: Date } = {},
): WAMessage {
  const at = options.at ?? new Date();
  return {
    key: memberKey(
      from,
      options.id ?? `R${Math.random().toString(36).slice(2, 10)}`,
      target.remoteJid ?? GROUP_JID,
    ),
    message: { reactionMessage: { key: target, text: emoji, senderTimestampMs: at.getTime() } },
    messageTimestamp: seconds(at),
    pushName: from.name,
  };
}

/** The same reaction as a `messages.reaction` entry. */
export function reactionEvent(reaction: WAMessage): BaileysEventMap['messages.reaction'][number] {
  const r = reaction.message!.reactionMessage!;
  return { key: r.key!, reaction: { ...r, key: reaction.key } };
}

/** An edit of an earlier message (protocolMessage MESSAGE_EDIT, inside editedMessage). */
export function editMessage(
  from: Person,
  target: WAMessageKey,
  text: string,
  at = new Date(),
): WAMessage {
  return {
    key: memberKey(
      from,
      `E${Math.random().toString(36).slice(2, 10)}`,
      target.remoteJid ?? GROUP_JID,
    ),
    message: {
      editedMessage: {
        message: {
          protocolMessage: {
            type: proto.Message.ProtocolMessage.Type.MESSAGE_EDIT,
            key: target,
            editedMessage: { conversation: text },
          },
        },
      },
    },
    messageTimestamp: seconds(at),
  };
}

/** A message WhatsApp could not decrypt (CIPHERTEXT stub, e.g. `Bad MAC`). */
export function undecryptable(from: Person, reason = 'Bad MAC', group = GROUP_JID): WAMessage {
  return {
    key: memberKey(from, `X${Math.random().toString(36).slice(2, 10)}`, group),
    messageStubType: proto.WebMessageInfo.StubType.CIPHERTEXT,
    messageStubParameters: [reason],
    messageTimestamp: seconds(new Date()),
  };
}
