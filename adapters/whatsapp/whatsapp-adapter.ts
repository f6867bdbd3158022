import makeWASocket, {
  DisconnectReason,
  type AuthenticationState,
  type BaileysEventEmitter,
  type BaileysEventMap,
  type Contact,
  type GroupMetadata,
  type UserFacingSocketConfig,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';
import type { Clock } from '../../src/core/clock.ts';
import type { IncomingEvent, Mention } from '../../src/core/incoming.ts';
import type { Logger } from '../../src/core/logger.ts';
import {
  type AdapterHost,
  backoffMs,
  type ChatAdapter,
  ConnectionState,
  type Deliver,
  InboundBatch,
} from '../../src/delivery/port/index.ts';
import { voteFromReaction } from '../../src/text/parse-vote.ts';
import { MemberIdentity } from './member-identity.ts';
import { quotableCopy } from './quotable-copy.ts';
import { UndoneEvents } from './undone-events.ts';
import { GroupCache, MemoryCache, RecentMessages } from './socket-caches.ts';
import {
  isDirectChat,
  isReadableMessage,
  messageTime,
  readMessage,
  readReaction,
  type ReadMessage,
} from './to-incoming.ts';
import { WhatsAppDelivery, type WhatsAppPacing } from './whatsapp-delivery.ts';
import { WHATSAPP, whatsappChatId } from './whatsapp-ids.ts';
import { SILENT_BAILEYS_LOGGER } from './silent-logger.ts';

/** What the adapter uses of a Baileys socket (`makeWASocket`'s answer has all of it). */
export interface WhatsAppSocket {
  ev: BaileysEventEmitter & {
    process(handler: (events: Partial<BaileysEventMap>) => void | Promise<void>): () => void;
  };
  sendMessage: ReturnType<typeof makeWASocket>['sendMessage'];
  groupMetadata(jid: string): Promise<GroupMetadata>;
  user: Contact | undefined;
  end(error: Error | undefined): void | Promise<void>;
  signalRepository?: { lidMapping?: { getPNForLID(lid: string): Promise<string | null> } };
}

/** Makes a socket from Baileys' config (Baileys' `makeWASocket`, or a fake in tests). */
export type SocketFactory = (config: UserFacingSocketConfig) => WhatsAppSocket;

/** The linked number's auth state and how to save its credentials when they change. */
export interface WhatsAppAuth {
  state: AuthenticationState;
  saveCreds?: () => void | Promise<void>;
}

export interface WhatsAppAdapterOptions {
  host: AdapterHost;
  clock: Clock;
  logger: Logger;
  /** The auth state, or how to load it (at `prepare`). */
  auth: AuthenticationState | (() => Promise<WhatsAppAuth>);
  /** Default: Baileys' makeWASocket. */
  makeSocket?: SocketFactory;
  pacing?: WhatsAppPacing;
  /** How long catchUp waits for WhatsApp's pending notifications (default 60 s). */
  catchUpTimeoutMs?: number;
  /** The wait before reconnect attempt `attempt + 1` (default: the port's backoff, with jitter). */
  reconnectDelay?: (attempt: number) => number;
  /** The pause before applying undone messages again (default: the port's back-off, ≤ 30 s). */
  reapplyDelay?: (attempt: number) => number;
}

/** Close codes after which reconnecting cannot help: the number must be linked again. */
const ENDED = new Set<number>([DisconnectReason.loggedOut, DisconnectReason.connectionReplaced]);

type State = 'idle' | 'connecting' | 'open' | 'logged-out' | 'stopped';

const statusCode = (error: unknown): number | undefined =>
  (error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;

/** The name of a close code (`connectionLost`), for the log. */
const reasonName = (code: number | undefined): string =>
  code === undefined ? 'unknown' : (DisconnectReason[code] ?? String(code));

/**
 * The bot in WhatsApp groups through Baileys, on a linked number: turns group messages, replies,
 * reactions and edits into the core's incoming events (one commit per Baileys event batch),
 * delivers the outbox (WhatsAppDelivery), reconnects with back-off, and stops by itself — the
 * rest of the bot running on — when WhatsApp ends the session (the number must be linked again).
 *
 * A ChatAdapter: started by src/app/run-adapters.ts like every other adapter.
 *
 * @example
 * const whatsapp = new WhatsAppAdapter({ host, clock, logger, auth: loadAuth });
 * await whatsapp.prepare(); await whatsapp.catchUp(); await whatsapp.start();
 */
export class WhatsAppAdapter implements ChatAdapter {
  readonly platform = WHATSAPP;
  private readonly logger: Logger;
  private readonly delivery: WhatsAppDelivery;
  private readonly batch: InboundBatch;
  private readonly undone: UndoneEvents;
  private readonly recent: RecentMessages;
  private readonly identity: MemberIdentity;
  private readonly retryCounter = new MemoryCache();
  private groups: GroupCache | null = null;
  private auth: WhatsAppAuth | null = null;
  private socket: WhatsAppSocket | null = null;
  private unsubscribe: (() => void) | null = null;
  private state: State = 'idle';
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** The events in hand, one Baileys batch after the other. */
  private inbound: Promise<void> = Promise.resolve();
  private eventNumber = 0;
  /** Baileys batches received and not yet begun on (see connect). */
  private queued = 0;
  /** The open batch's first event number, its events so far, and those that failed alone. */
  private batchFirst = 0;
  private batchEvents: IncomingEvent[] = [];
  private batchFailed: IncomingEvent[] = [];
  private handled = 0;
  private pendingReceived = false;
  private readonly pendingWaiters: (() => void)[] = [];
  private readonly chatsSeen = new Set<string>();
  private readonly undecryptable = new Map<string, number>();
  /**
   * Up once a connection is open and WhatsApp handed over what waited (its pending
   * notifications, applied), or `catchUpTimeoutMs` after the open without them; lost when it
   * closes; ended (holding nothing back) when WhatsApp ends the session.
   */
  readonly connection: ConnectionState;
  private backlogTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WhatsAppAdapterOptions) {
    this.logger = options.logger.child({ adapter: WHATSAPP });
    this.connection = new ConnectionState(options.clock);
    const now = () => options.clock.now().getTime();
    this.recent = new RecentMessages(now);
    this.batch = new InboundBatch({ host: options.host, logger: this.logger, platform: WHATSAPP });
    this.undone = new UndoneEvents({
      host: options.host,
      logger: this.logger,
      ...(options.reapplyDelay ? { delay: options.reapplyDelay } : {}),
    });
    this.identity = new MemberIdentity({
      logger: this.logger,
      onMerge: (from, to) => {
        if (options.host.mergeMember(from, to))
          this.logger.info({}, 'whatsapp member merged: a LID and its phone number are one');
      },
      participants: async (group) => (await this.groups?.get(group))?.participants ?? [],
    });
    this.delivery = new WhatsAppDelivery({
      socket: () =>
        this.state === 'open' && this.socket
          ? this.socket
          : this.state === 'logged-out'
            ? 'logged-out'
            : 'connecting',
      recent: this.recent,
      clock: options.clock,
      logger: this.logger,
      ...(options.pacing ? { pacing: options.pacing } : {}),
    });
  }

  /**
   * The @-mentions of a message as member ids (`/adviseur @Nina` names Nina's id, rule 12); the
   * text is the `@<number>` WhatsApp writes into the message for each.
   */
  private async mentionsIn(jids: string[] | undefined): Promise<{ mentions?: Mention[] }> {
    if (!jids?.length) return {};
    // A LID whose person is not known yet names nobody for sure (rule 15): left out, so the role
    // command asks for a reply to that person's message instead.
    const resolved = await Promise.all(
      jids.map(async (jid) => ({
        sender: await this.identity.resolve(jid, null),
        text: `@${jid.split('@')[0]!.split(':')[0]}`,
      })),
    );
    const mentions = resolved
      .filter(({ sender }) => !sender.pending)
      .map(({ sender, text }) => ({ memberId: sender.id, text }));
    return mentions.length > 0 ? { mentions } : {};
  }

  /** The dispatcher's route for `whatsapp:` chats. */
  get deliver(): Deliver {
    return this.delivery.deliver;
  }

  /** Whether WhatsApp ended the session (401, 440, or never linked): the adapter stopped. */
  get loggedOut(): boolean {
    return this.state === 'logged-out';
  }

  /** Resolves once the events received so far are applied (tests, replay). */
  async idle(): Promise<void> {
    for (let before = this.inbound; ; before = this.inbound) {
      await before;
      if (before === this.inbound) return;
    }
  }

  /** Loads the auth state and opens the connection (it keeps reconnecting on its own). */
  async prepare(): Promise<void> {
    const { auth } = this.options;
    this.auth = typeof auth === 'function' ? await auth() : { state: auth };
    this.connect();
  }

  /**
   * Waits until WhatsApp handed over what waited while the bot was away
   * (`receivedPendingNotifications`), at most `catchUpTimeoutMs`, and until it is applied, so a
   * vote cast meanwhile counts before anything expires. Resolves with how many events it applied.
   */
  async catchUp(): Promise<number> {
    if (this.state !== 'logged-out' && this.state !== 'stopped' && !this.pendingReceived) {
      const timeoutMs = this.options.catchUpTimeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        new Promise<boolean>((resolve) => this.pendingWaiters.push(() => resolve(false))),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut)
        this.logger.warn({ waitedMs: timeoutMs }, 'whatsapp backlog not complete: going on');
    }
    await this.inbound;
    this.logger.info({ events: this.handled }, 'whatsapp backlog read');
    return this.handled;
  }

  /** Live events flow from the connection already; nothing more to start. */
  async start(): Promise<void> {
    this.logger.info({ state: this.state }, 'whatsapp started');
  }

  /** Stops reconnecting, closes the socket and waits for the events in hand. */
  async stop(): Promise<void> {
    if (this.state !== 'logged-out') this.state = 'stopped';
    this.connectionLost();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    await this.closeSocket();
    this.undone.stop();
    await this.inbound;
    await this.commitOpen();
    this.releaseWaiters();
  }

  private connect(): void {
    if (this.state === 'stopped' || this.state === 'logged-out' || !this.auth) return;
    this.state = 'connecting';
    const make = this.options.makeSocket ?? ((config) => makeWASocket(config));
    const socket = make({
      auth: this.auth.state,
      logger: SILENT_BAILEYS_LOGGER,
      markOnlineOnConnect: false,
      syncFullHistory: false,
      cachedGroupMetadata: (jid) => this.groups?.get(jid) ?? Promise.resolve(undefined),
      getMessage: async (key: WAMessageKey) => this.recent.get(key.id)?.message ?? undefined,
      msgRetryCounterCache: this.retryCounter,
    });
    this.socket = socket;
    this.groups = new GroupCache((jid) => socket.groupMetadata(jid));
    const lidMapping = socket.signalRepository?.lidMapping;
    this.identity.lookup = lidMapping ? (lid) => lidMapping.getPNForLID(lid) : undefined;
    this.unsubscribe = socket.ev.process((events) => {
      if (socket !== this.socket) return; // a socket that was replaced
      this.queued += 1;
      this.inbound = this.inbound
        .then(() => {
          this.queued -= 1;
          return this.onEvents(events);
        })
        .catch((error: unknown) =>
          this.logger.error({ error: (error as Error).name }, 'whatsapp events failed'),
        )
        // The last batch in hand commits what the batches before it left open.
        .then(() => (this.queued === 0 ? this.commitOpen() : undefined))
        .catch((error: unknown) =>
          this.logger.error({ error: (error as Error).name }, 'whatsapp events failed'),
        );
    });
  }

  private async closeSocket(): Promise<void> {
    const socket = this.socket;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.socket = null;
    try {
      await socket?.end(undefined);
    } catch (error) {
      this.logger.debug({ error: (error as Error).name }, 'whatsapp socket not closed cleanly');
    }
  }

  /** One Baileys batch: connection first, then identities, then the messages in one commit. */
  private async onEvents(events: Partial<BaileysEventMap>): Promise<void> {
    if (events['creds.update']) await this.auth?.saveCreds?.();
    const connection = events['connection.update'];
    if (connection) this.onConnection(connection);
    const mapping = events['lid-mapping.update'];
    if (mapping) this.identity.learn(mapping.lid, mapping.pn);
    for (const group of events['groups.update'] ?? []) this.groups?.refresh(group.id);
    this.groups?.refresh(events['group-participants.update']?.id);
    const upsert = events['messages.upsert'];
    // What waited while the bot was away (rule 14): Baileys hands offline messages over as
    // `append`; before WhatsApp said it handed over what waited, all of it may be backlog.
    const backlog = upsert?.type === 'append' || !this.pendingReceived;
    const incoming = await this.incoming(
      upsert?.messages ?? [],
      events['messages.reaction'] ?? [],
      backlog,
    );
    if (incoming.length > 0) {
      if (!this.batch.open) {
        await this.commitOpen(); // what went alone (no batch could be opened)
        this.batchFirst = this.eventNumber;
        this.batch.begin(this.eventNumber);
      }
      for (const event of incoming) {
        this.batch.limitAge(this.eventNumber);
        this.eventNumber += 1;
        this.batchEvents.push(event);
        try {
          this.batch.handle(event);
          this.handled += 1;
        } catch (error) {
          this.logger.error(
            { error: (error as Error).name, kind: event.kind },
            'whatsapp event failed',
          );
          this.batchFailed.push(event);
        }
      }
    }
    // Group commit across Baileys batches: while more wait in hand (a burst of live messages,
    // each its own `messages.upsert`), the batch stays open for them — at most MAX_BATCH_MS
    // (limitAge) — and the last one commits. A connection change commits at once.
    if (this.queued === 0 || connection) await this.commitOpen();
    if (connection?.receivedPendingNotifications) {
      if (this.state === 'open') this.connectionUp();
      this.pendingReceived = true;
      this.releaseWaiters();
    }
  }

  /** Commits the open batch; what it undid (or failed alone) is applied again, in order. */
  private async commitOpen(): Promise<void> {
    const events = this.batchEvents;
    const failed = this.batchFailed;
    const first = this.batchFirst;
    this.batchEvents = [];
    this.batchFailed = [];
    if (events.length === 0 && !this.batch.open) return;
    this.batch.commit();
    // WhatsApp will not send what was undone again: it is applied again here, before what follows.
    const lost = this.batch.lostFrom;
    if (lost !== null) this.batch.recovered(lost);
    const again = lost === null ? failed : events.slice(Math.max(0, lost - first));
    if (again.length > 0) this.handled += await this.undone.applyAgain(again);
  }

  private onConnection(update: BaileysEventMap['connection.update']): void {
    if (this.state === 'stopped' || this.state === 'logged-out') return;
    if (update.qr) {
      this.end('not linked', 'WhatsApp asks to link this number: it is not linked (any more)');
      return;
    }
    if (update.connection === 'open') {
      this.state = 'open';
      this.attempts = 0;
      this.logger.info({}, 'whatsapp connected');
      this.awaitBacklog();
      this.options.host.deliverNow(); // what waited while disconnected
    } else if (update.connection === 'close') {
      const code = statusCode(update.lastDisconnect?.error);
      if (code !== undefined && ENDED.has(code)) {
        this.end(
          reasonName(code),
          code === DisconnectReason.loggedOut
            ? 'WhatsApp logged this number out'
            : 'this number was opened by another WhatsApp Web session',
        );
        return;
      }
      this.state = 'connecting';
      this.connectionLost();
      const delay =
        this.options.reconnectDelay?.(this.attempts) ??
        backoffMs(this.attempts, 60_000) + Math.floor(Math.random() * 1000);
      this.attempts += 1;
      this.logger.warn(
        { code, reason: reasonName(code), retryInMs: delay },
        'whatsapp connection closed: reconnecting',
      );
      this.unsubscribe?.();
      this.socket = null;
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        this.connect();
      }, delay);
    }
  }

  /** WhatsApp ended the session: no reconnect; deliveries wait in the outbox; the bot runs on. */
  private end(reason: string, what: string): void {
    this.state = 'logged-out';
    // Nothing waits at WhatsApp for this number any more: the other teams' due work goes on.
    if (this.backlogTimer) clearTimeout(this.backlogTimer);
    this.backlogTimer = null;
    this.connection.ended();
    this.logger.error(
      { reason },
      `${what}. The WhatsApp adapter stopped; the rest of the bot keeps running and replies wait. Link the number again with \`npx mmb whatsapp link\` and restart the bot.`,
    );
    void this.closeSocket();
    this.releaseWaiters();
  }

  /** A connection opened: up with its pending notifications, or after the catch-up timeout. */
  private awaitBacklog(): void {
    if (this.backlogTimer) clearTimeout(this.backlogTimer);
    this.backlogTimer = setTimeout(() => {
      this.backlogTimer = null;
      if (this.state === 'open') this.connection.up();
    }, this.options.catchUpTimeoutMs ?? 60_000);
    this.backlogTimer.unref();
  }

  private connectionUp(): void {
    if (this.backlogTimer) clearTimeout(this.backlogTimer);
    this.backlogTimer = null;
    this.connection.up();
  }

  private connectionLost(): void {
    if (this.backlogTimer) clearTimeout(this.backlogTimer);
    this.backlogTimer = null;
    this.connection.lost();
  }

  private releaseWaiters(): void {
    for (const release of this.pendingWaiters.splice(0)) release();
  }

  /** The batch's messages and reactions as core events (senders resolved to member ids). */
  private async incoming(
    messages: WAMessage[],
    reactions: BaileysEventMap['messages.reaction'],
    backlog: boolean,
  ): Promise<IncomingEvent[]> {
    const events: IncomingEvent[] = [];
    const deviceTime = backlog ? 'backlog' : 'live';
    for (const message of messages) {
      if (!isReadableMessage(message.key)) continue;
      const read = readMessage(message);
      if (!read) continue;
      const event = isDirectChat(message.key.remoteJid)
        ? await this.toPrivateEvent(message.key, read, message)
        : await this.toEvent(message.key, read, message);
      if (event) events.push({ ...event, deviceTime });
    }
    for (const entry of reactions) {
      const key = { ...entry.reaction.key, remoteJid: entry.key.remoteJid } as WAMessageKey;
      // Votes are cast in the groups: a reaction in a direct chat is no vote.
      if (!isReadableMessage(key) || isDirectChat(key.remoteJid)) continue;
      const read = readReaction(entry);
      const event = read ? await this.toEvent(key, read, null) : null;
      if (event) events.push({ ...event, deviceTime });
    }
    return events;
  }

  /**
   * A direct chat with a person is the private chat of the port: its chat id is the person's
   * member id (`whatsapp:<digits>`), so a reply goes back to them. Only text counts there.
   */
  private async toPrivateEvent(
    key: WAMessageKey & { remoteJid: string },
    read: ReadMessage,
    message: WAMessage,
  ): Promise<IncomingEvent | null> {
    if (read.kind !== 'text') return null;
    const sender = await this.identity.resolve(key.remoteJid, key.remoteJidAlt ?? null);
    return {
      kind: 'message',
      private: true,
      chatId: sender.id,
      senderId: sender.id,
      ...(message.pushName ? { senderName: message.pushName } : {}),
      messageId: key.id ?? '',
      at: messageTime(message) ?? this.options.clock.now(),
      text: read.text,
    };
  }

  private async toEvent(
    key: WAMessageKey & { remoteJid: string },
    read: ReadMessage,
    message: WAMessage | null,
  ): Promise<IncomingEvent | null> {
    const chatId = whatsappChatId(key.remoteJid);
    if (read.kind === 'undecryptable') {
      const count = (this.undecryptable.get(chatId) ?? 0) + 1;
      this.undecryptable.set(chatId, count);
      if (count === 1)
        this.logger.warn(
          { chat: chatId, reason: read.reason },
          'whatsapp message could not be decrypted (counted; logged once per chat)',
        );
      return null;
    }
    if (!this.options.host.isLinked(chatId)) {
      if (!this.chatsSeen.has(chatId)) {
        this.chatsSeen.add(chatId); // once per chat and run: how an administrator finds the id
        this.logger.info(
          { chat: chatId },
          'message in a WhatsApp group that is not linked to a team',
        );
      }
      if (read.kind !== 'text') return null; // an administrator may still /koppel it
    }
    const sender = await this.identity.resolve(
      key.participant ?? key.remoteJid,
      key.participantAlt ?? null,
      key.remoteJid,
    );
    // The sender's phone set this time: the engine judges it (rule 14, trustedTime).
    const at = (message ? messageTime(message) : null) ?? this.options.clock.now();
    const base = {
      chatId,
      senderId: sender.id,
      ...(sender.pending ? { senderPending: true } : {}),
      ...(message?.pushName ? { senderName: message.pushName } : {}),
    };
    switch (read.kind) {
      case 'text':
        // to quote it (masked: rule 11), or react ✅ to it
        if (message) this.recent.put(quotableCopy(message, this.options.clock.now()));
        return {
          ...base,
          kind: 'message',
          messageId: key.id ?? '',
          at,
          text: read.text,
          replyTo: read.replyTo,
          ...(read.forwarded ? { forwarded: true } : {}),
          ...(await this.mentionsIn(read.mentioned)),
        };
      case 'edit':
        return {
          ...base,
          kind: 'message',
          edited: true,
          messageId: read.targetId,
          at,
          text: read.text,
        };
      case 'reaction': {
        // One reaction per person and message: a non-vote emoji replaces (takes back) a vote.
        const emoji = read.emoji && voteFromReaction(read.emoji) ? read.emoji : null;
        return {
          ...base,
          kind: 'reaction',
          eventId: read.eventId,
          targetMessageId: read.targetId,
          emoji,
          at: read.atMs ? new Date(read.atMs) : at,
        };
      }
    }
  }
}
