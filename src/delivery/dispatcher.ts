import type { Clock } from '../core/clock.ts';
import { inRelaxedWriteTransaction } from '../store/database.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { dueHeads, markSent, nextPendingAt } from './outbox.ts';
import type { Statements } from '../store/statements.ts';
import { recordFailedDelivery } from './delivery-failure.ts';
import { deliverSoon, type OutboxDelivery } from './outbox-delivery.ts';
import type { Deliver, OutboxMessage } from './port/outbox-message.ts';
import type { RequestView } from './port/request-view.ts';
import { watchDataVersion } from './data-version-watch.ts';
import { chatHead } from './outbox-chat-rows.ts';
import { DELIVERY_CALL_TIMEOUT_MS, deliverWithin } from './deliver-within.ts';

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

/** Options of the embedded dispatcher. */
export interface DispatcherOptions {
  /** How long one platform call may take before it counts as a failed attempt. */
  callTimeoutMs?: number;
}

/**
 * Delivers the outbox through whichever adapter owns each chat: one lane per chat, the lanes at
 * once. A lane delivers its chat's messages oldest first, one at a time, and marks each sent the
 * moment its platform confirmed it (one small transaction with the marks the other lanes got
 * confirmed in the same turn), so a crash resends at most the messages that were in flight,
 * however slow another chat is; a failure ends that chat's lane and
 * keeps its later messages back until it went out. A platform call that takes longer than
 * `callTimeoutMs` counts as a failed attempt (see `deliverWithin`). Nothing goes out while an
 * engine batch is open: only what is durable may reach a chat. The embedded `OutboxDelivery`
 * (with Redis: `BullmqDelivery`).
 *
 * @example
 * const dispatcher = new Dispatcher(engine.sql, clock, logger, requestView);
 * dispatcher.register('telegram', telegram.deliver);
 * await dispatcher.flush(); // how many went out
 */
export class Dispatcher implements OutboxDelivery {
  private readonly routes = new Map<string, Deliver>();
  /** The chats being delivered now. */
  private readonly lanes = new Map<string, Promise<void>>();
  /** How many messages went out in this round (a lane may end before the round looks at it). */
  private sentThisRound = 0;
  /** Chats whose delivery failed in this round: tried again in the next (a given-up one too). */
  private readonly failedThisRound = new Set<string>();
  /** Request views read since the last mark: each is read once while nothing changed. */
  private views = new Map<number, RequestView | null>();
  /** Deliveries confirmed in this turn of the event loop, marked sent together (see markConfirmed). */
  private marks: { id: number; at: Date; platformMessageId: string | null }[] = [];
  /** Settles once the marks gathered now are written (null: none gathered). */
  private marksWritten: Promise<void> | null = null;
  private running: Promise<number> | null = null;
  /** A look for more chats is queued (openLanesSoon). */
  private lanesSoon = false;
  /** What that look threw (the database), for the round to fail with. */
  private lanesFailure: unknown = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;
  private stopped = false;
  private readonly callTimeoutMs: number;

  constructor(
    private readonly sql: Statements,
    private readonly clock: Clock,
    private readonly logger: Logger = silentLogger,
    /** Computes the view of a message's request, once per delivery (none: adapters get null). */
    private readonly viewOf: ViewOf = () => null,
    options: DispatcherOptions = {},
  ) {
    this.callTimeoutMs = options.callTimeoutMs ?? DELIVERY_CALL_TIMEOUT_MS;
  }

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

  /**
   * Opens a lane for every chat with a message due that has none, and resolves (with how many
   * messages went out) once no lane runs any more: what was waiting when it was called is then
   * delivered, or waits for its back-off or an adapter.
   */
  flush(): Promise<number> {
    this.openLanes();
    if (this.running) return this.running;
    if (this.lanes.size === 0) {
      this.scheduleRetry();
      return Promise.resolve(0);
    }
    const running = this.drain();
    this.running = running;
    return running;
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

  /** Waits until no lane runs; a lane failing on the database fails the round (after the rest). */
  private async drain(): Promise<number> {
    let failure: unknown = null;
    try {
      while (this.lanes.size > 0) {
        for (const result of await Promise.allSettled([...this.lanes.values()]))
          if (result.status === 'rejected') failure ??= result.reason;
      }
    } finally {
      this.running = null;
      this.failedThisRound.clear();
      this.scheduleRetry();
    }
    const sent = this.sentThisRound;
    this.sentThisRound = 0;
    failure ??= this.lanesFailure;
    this.lanesFailure = null;
    if (failure !== null) throw failure;
    return sent;
  }

  /**
   * Starts a lane for each chat whose oldest waiting message is due and routable and that has no
   * lane yet, in outbox order.
   */
  private openLanes(): void {
    if (this.stopped || this.held()) return;
    for (const { chatId } of dueHeads(this.sql, this.clock.now())) {
      if (this.lanes.has(chatId) || this.failedThisRound.has(chatId) || !this.routeFor(chatId))
        continue;
      this.lanes.set(chatId, this.lane(chatId));
    }
  }

  /**
   * Delivers one chat's due messages, oldest first, marking each as soon as it is confirmed;
   * stops at a failure, a message in its back-off, an open batch or a stop. It leaves the lane
   * map in the same step in which it found nothing more to do, so a message added later always
   * finds a lane or opens one.
   */
  private async lane(chatId: string): Promise<void> {
    let failed = false;
    await null; // in the lane map before it can leave it
    try {
      for (;;) {
        if (this.held() || this.stopped) return;
        const head = chatHead(this.sql, chatId);
        if (!head || head.nextAttemptAt > this.clock.now()) return;
        const platformMessageId = await this.deliverOne(head.message);
        if (platformMessageId === false) {
          failed = true;
          this.failedThisRound.add(chatId);
          return;
        }
        await this.markConfirmed(head.message.id, platformMessageId);
        this.sentThisRound += 1;
      }
    } finally {
      this.lanes.delete(chatId);
      this.openLanesSoon(); // chats beyond the first hundred
      if (failed) this.scheduleRetry(); // its retry need not wait for a slow chat's lane
    }
  }

  /**
   * Marks a confirmed delivery sent, with the other lanes' confirmed in the same turn, in one
   * small transaction: it is written in a microtask queued at the first confirmation, so before
   * the process does anything else (no timer, no I/O, no next platform call comes between a
   * confirmation and its mark), and resolves once it is. A lane reads its next message only then.
   */
  private markConfirmed(id: number, platformMessageId: string | null): Promise<void> {
    this.marks.push({ id, at: this.clock.now(), platformMessageId });
    this.marksWritten ??= new Promise<void>((resolve, reject) =>
      queueMicrotask(() => {
        const marks = this.marks;
        this.marks = [];
        this.marksWritten = null;
        try {
          // When an engine batch opened meanwhile, they are a savepoint of it (lost: sent again).
          inRelaxedWriteTransaction(this.sql.db, () => {
            for (const mark of marks) markSent(this.sql, mark.id, mark.at, mark.platformMessageId);
          });
          this.views = new Map(); // a sent message may change a view (the request's message id)
          resolve();
        } catch (error) {
          reject(error);
        }
      }),
    );
    return this.marksWritten;
  }

  /**
   * Opens lanes for chats beyond the first hundred once the lanes that end in this turn have
   * ended: one look at the outbox for all of them, in a microtask, so still before the round
   * (drain) sees how many lanes run.
   */
  private openLanesSoon(): void {
    if (this.lanesSoon) return;
    this.lanesSoon = true;
    queueMicrotask(() => {
      this.lanesSoon = false;
      try {
        if (!this.stopped && this.running) this.openLanes();
      } catch (error) {
        this.lanesFailure ??= error; // fails the round, as a lane failing on the database does
      }
    });
  }

  private routeFor(chatId: string): Deliver | undefined {
    return this.routes.get(platformOf(chatId)) ?? this.routes.get('*');
  }

  /** Delivers one message: the platform's id for it, or false when it failed (and was marked so). */
  private async deliverOne(message: OutboxMessage): Promise<string | null | false> {
    const deliver = this.routeFor(message.chatId)!;
    try {
      const view = message.requestId === null ? null : this.viewFor(message.requestId);
      const { platformMessageId } = await deliverWithin(
        deliver,
        { ...message, view },
        this.callTimeoutMs,
      );
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

  private viewFor(requestId: number): RequestView | null {
    if (!this.views.has(requestId)) this.views.set(requestId, this.viewOf(this.sql, requestId));
    return this.views.get(requestId) ?? null;
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
      if (!this.held() && dueHeads(this.sql, now).some((m) => this.routeFor(m.chatId))) {
        this.retryTimer = setTimeout(() => deliverSoon(this, this.logger), 1);
        this.retryTimer.unref();
      }
      return;
    }
    this.retryTimer = setTimeout(() => deliverSoon(this, this.logger), Math.min(wait, 60 * 60_000));
    this.retryTimer.unref();
  }
}
