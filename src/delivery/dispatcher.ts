import type { Clock } from '../core/clock.ts';
import { inRelaxedWriteTransaction } from '../store/database.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { markSent, nextPendingAt, pendingMessages } from './outbox.ts';
import type { Statements } from '../store/statements.ts';
import { recordFailedDelivery } from './delivery-failure.ts';
import { deliverSoon, type OutboxDelivery } from './outbox-delivery.ts';
import type { Deliver, OutboxMessage } from './port/outbox-message.ts';
import type { RequestView } from './port/request-view.ts';
import { watchDataVersion } from './data-version-watch.ts';

/** How often the dispatcher looks for outbox rows another process wrote (watchOtherWriters). */
export const OTHER_WRITERS_POLL_MS = 1_000;

/** How the dispatcher learns a request's view for the adapter (src/rules/request-view.ts). */
export type ViewOf = (sql: Statements, requestId: number) => RequestView | null;

/**
 * The platform of a chat id: `telegram:-100…` → `telegram`. Ids without a prefix (replay) → ''.
 *
 * @example
 * platformOf('whatsapp:120363@g.us') // 'whatsapp'
 */
export function platformOf(chatId: string): string {
  const colon = chatId.indexOf(':');
  return colon > 0 ? chatId.slice(0, colon) : '';
}

/**
 * Delivers the outbox through whichever adapter owns each chat, in order per chat and different
 * chats at once. A message is marked sent only after its adapter confirmed it, so a crash in
 * between sends it again rather than losing it; a failure keeps that chat's later messages back
 * until it went out. Nothing goes out while an engine batch is open: only what is durable may
 * reach a chat. The embedded `OutboxDelivery` (with Redis: `BullmqDelivery`).
 *
 * @example
 * const dispatcher = new Dispatcher(engine.sql, clock, logger, requestView);
 * dispatcher.register('telegram', telegram.deliver);
 * await dispatcher.flush(); // how many went out
 */
export class Dispatcher implements OutboxDelivery {
  private readonly routes = new Map<string, Deliver>();
  private running: Promise<number> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  private stopped = false;

  constructor(
    private readonly sql: Statements,
    private readonly clock: Clock,
    private readonly logger: Logger = silentLogger,
    /** Computes the view of a message's request, once per delivery (none: adapters get null). */
    private readonly viewOf: ViewOf = () => null,
  ) {}

  /** Nothing to connect: the outbox is in the database this process holds. */
  async start(): Promise<void> {}

  /** Routes a platform's chats (`telegram`, `whatsapp`, `console`, or `*` for all) to an adapter. */
  register(platform: string, deliver: Deliver): void {
    this.routes.set(platform, deliver);
  }

  /** Stops a platform's route (its adapter went away); its messages wait in the outbox. */
  unregister(platform: string): void {
    this.routes.delete(platform);
  }

  /** Starts (or joins) a delivery round; resolves with how many messages went out. */
  flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      try {
        do {
          this.again = false;
          sent += await this.round();
        } while (this.again && !this.stopped && !this.held());
      } finally {
        this.running = null;
        this.scheduleRetry();
      }
      return sent;
    })();
    return this.running;
  }

  /**
   * Delivers what another process wrote into the outbox (an `mmb worker` that expired a request,
   * `mmb outbox --retry`): every `everyMs` it reads SQLite's `data_version`, which moves only when
   * another connection committed (a few microseconds; nothing is read from the tables), and then
   * flushes. The process's own commits flush through the engine's listeners as before.
   */
  watchOtherWriters(everyMs = OTHER_WRITERS_POLL_MS): void {
    this.unwatch?.();
    this.unwatch = watchDataVersion(
      this.sql,
      () => {
        if (!this.stopped) deliverSoon(this, this.logger);
      },
      { everyMs, paused: () => this.stopped || this.held() },
    );
  }

  /** Stops retry timers; messages not yet sent stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.unwatch?.();
    this.unwatch = null;
    await this.running;
  }

  /**
   * Whether delivery must wait: the connection is inside a transaction, which between awaits can
   * only be an engine batch (Engine.beginBatch). What it holds is not durable yet, and this
   * connection would read it (outbox rows, a request's state for an edit); its commit calls
   * `flush` again.
   */
  private held(): boolean {
    return this.sql.db.inTransaction;
  }

  /**
   * Delivers rounds until nothing deliverable is left. A round takes the oldest waiting message
   * of each chat and delivers them concurrently (one in flight per chat, so a chat's order
   * holds), reads each request's view once, and writes the marks of the whole round in one
   * transaction before the next round reads the outbox again.
   */
  private async round(): Promise<number> {
    const blocked = new Set<string>();
    let sent = 0;
    for (;;) {
      if (this.held() || this.stopped) return sent;
      const batch = pendingMessages(this.sql, this.clock.now()).filter(
        (m) => !blocked.has(m.chatId),
      );
      const deliverable = batch.filter((m) => this.routeFor(m.chatId));
      if (deliverable.length === 0) return sent;
      // The batch holds at most one message per chat (the oldest waiting), so their marks can be
      // written together, in one transaction, before the next batch is read. When an engine
      // batch opened meanwhile, the marks are a savepoint of it (a mark lost: sent once more).
      const delivered: { id: number; platformMessageId: string | null }[] = [];
      const views = new Map<number, RequestView | null>();
      const inFlight: Promise<void>[] = [];
      for (const message of deliverable) {
        // Checked right before each delivery, which reads the request it shows at once.
        if (this.held()) break;
        inFlight.push(
          this.deliverOne(message, views).then((platformMessageId) => {
            if (platformMessageId === false) blocked.add(message.chatId);
            else delivered.push({ id: message.id, platformMessageId });
          }),
        );
      }
      const settled = await Promise.allSettled(inFlight);
      if (delivered.length > 0) {
        const at = this.clock.now();
        inRelaxedWriteTransaction(this.sql.db, () => {
          for (const d of delivered) markSent(this.sql, d.id, at, d.platformMessageId);
        });
      }
      const failure = settled.find((s) => s.status === 'rejected');
      if (failure) throw (failure as PromiseRejectedResult).reason;
      sent += delivered.length;
      for (const m of batch) if (!this.routeFor(m.chatId)) blocked.add(m.chatId);
      if (inFlight.length < deliverable.length) return sent; // a batch opened: its commit flushes
    }
  }

  private routeFor(chatId: string): Deliver | undefined {
    return this.routes.get(platformOf(chatId)) ?? this.routes.get('*');
  }

  /**
   * Delivers one message: the platform's id for it, or false when it failed (and was marked so).
   * `views` holds the request views already read this round: each is read once per round.
   */
  private async deliverOne(
    message: OutboxMessage,
    views: Map<number, RequestView | null>,
  ): Promise<string | null | false> {
    const deliver = this.routeFor(message.chatId)!;
    try {
      const view = message.requestId === null ? null : this.viewFor(message.requestId, views);
      const { platformMessageId } = await deliver({ ...message, view });
      return platformMessageId;
    } catch (error) {
      const failed = recordFailedDelivery(this.sql, message, error, this.clock.now());
      this.logger[failed.giveUp ? 'warn' : 'debug'](
        {
          outboxId: message.id,
          platform: platformOf(message.chatId),
          attempts: failed.attempts,
          giveUp: failed.giveUp,
          error: failed.error,
        },
        'delivery failed',
      );
      return false;
    }
  }

  private viewFor(requestId: number, views: Map<number, RequestView | null>): RequestView | null {
    if (!views.has(requestId)) views.set(requestId, this.viewOf(this.sql, requestId));
    return views.get(requestId) ?? null;
  }

  private scheduleRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.stopped) return;
    const next = nextPendingAt(this.sql);
    if (!next) return;
    const wait = next.getTime() - this.clock.now().getTime();
    if (wait <= 0) {
      // Due now. Not routable: it waits for its adapter to register. Routable: it fell due just
      // after the round looked (a timer may fire a millisecond before the clock says it is due).
      // While a batch is held open, its commit flushes again.
      const now = this.clock.now();
      if (!this.held() && pendingMessages(this.sql, now).some((m) => this.routeFor(m.chatId))) {
        this.retryTimer = setTimeout(() => deliverSoon(this, this.logger), 1);
        this.retryTimer.unref();
      }
      return;
    }
    this.retryTimer = setTimeout(() => deliverSoon(this, this.logger), Math.min(wait, 60 * 60_000));
    this.retryTimer.unref();
  }
}
