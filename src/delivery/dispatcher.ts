import type { Clock } from '../core/clock.ts';
import { inRelaxedWriteTransaction, inWriteTransaction } from '../store/database.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { markAttemptFailed, markSent, nextPendingAt, pendingMessages } from './outbox.ts';
import type { Statements } from '../store/statements.ts';
import { backoffMs } from './port/backoff.ts';
import { DeliveryError } from './port/delivery-error.ts';
import type { Deliver, OutboxMessage } from './port/outbox-message.ts';
import type { RequestView } from './port/request-view.ts';

const MAX_ATTEMPTS = 25;
/** How often the dispatcher looks for outbox rows another process wrote (watchOtherWriters). */
export const OTHER_WRITERS_POLL_MS = 1_000;
/** The longest wait between two attempts at one message. */
const MAX_BACKOFF_MS = 10 * 60_000;

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
 * Delivers the outbox through whichever adapter owns each chat, in order per chat. A message is
 * marked sent only after its adapter confirmed it, so a crash in between sends it again rather
 * than losing it; a failure keeps that chat's later messages back until it went out. Nothing
 * goes out while an engine batch is open: only what is durable may reach a chat.
 */
export class Dispatcher {
  private readonly routes = new Map<string, Deliver>();
  private running: Promise<number> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly sql: Statements,
    private readonly clock: Clock,
    private readonly logger: Logger = silentLogger,
    /** Computes the view of a message's request, once per delivery (none: adapters get null). */
    private readonly viewOf: ViewOf = () => null,
  ) {}

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
      do {
        this.again = false;
        sent += await this.round();
      } while (this.again && !this.stopped && !this.held());
      this.running = null;
      this.scheduleRetry();
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
    if (this.watchTimer) clearInterval(this.watchTimer);
    const version = this.sql.db.prepare('SELECT data_version AS n FROM pragma_data_version');
    const read = () => (version.get() as { n: number }).n;
    let seen = read();
    this.watchTimer = setInterval(() => {
      if (this.stopped || this.held()) return;
      const now = read();
      if (now === seen) return;
      seen = now;
      void this.flush();
    }, everyMs);
    this.watchTimer.unref();
  }

  /** Stops retry timers; messages not yet sent stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
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

  private async round(): Promise<number> {
    const blocked = new Set<string>();
    let sent = 0;
    for (;;) {
      if (this.held()) return sent;
      const batch = pendingMessages(this.sql, this.clock.now()).filter(
        (m) => !blocked.has(m.chatId),
      );
      const deliverable = batch.filter((m) => this.routeFor(m.chatId));
      if (deliverable.length === 0 || this.stopped) return sent;
      // The batch holds at most one message per chat (the oldest waiting), so their marks can be
      // written together, in one transaction, before the next batch is read. When an engine
      // batch opened meanwhile, the marks are a savepoint of it (a mark lost: sent once more).
      const delivered: { id: number; platformMessageId: string | null }[] = [];
      try {
        for (const message of deliverable) {
          // Checked right before each delivery, which reads the request it shows at once.
          if (this.held()) break;
          const platformMessageId = await this.deliverOne(message);
          if (platformMessageId === false) blocked.add(message.chatId);
          else delivered.push({ id: message.id, platformMessageId });
        }
      } finally {
        const at = this.clock.now();
        inRelaxedWriteTransaction(this.sql.db, () => {
          for (const d of delivered) markSent(this.sql, d.id, at, d.platformMessageId);
        });
      }
      sent += delivered.length;
      for (const m of batch) if (!this.routeFor(m.chatId)) blocked.add(m.chatId);
    }
  }

  private routeFor(chatId: string): Deliver | undefined {
    return this.routes.get(platformOf(chatId)) ?? this.routes.get('*');
  }

  /** Delivers one message: the platform's id for it, or false when it failed (and was marked so). */
  private async deliverOne(message: OutboxMessage): Promise<string | null | false> {
    const deliver = this.routeFor(message.chatId)!;
    try {
      const view = message.requestId === null ? null : this.viewOf(this.sql, message.requestId);
      const { platformMessageId } = await deliver({ ...message, view });
      return platformMessageId;
    } catch (error) {
      const options = error instanceof DeliveryError ? error.options : {};
      // Waiting for the platform (paced, not connected) is no attempt: it never gives a message up.
      const counted = options.waiting !== true;
      const attempts = message.attempts + (counted ? 1 : 0);
      const giveUp = counted && (options.permanent === true || attempts >= MAX_ATTEMPTS);
      const backoff = options.retryAfterMs ?? backoffMs(Math.max(attempts, 1), MAX_BACKOFF_MS);
      const now = this.clock.now();
      inWriteTransaction(this.sql.db, () =>
        markAttemptFailed(
          this.sql,
          message.id,
          (error as Error).name,
          giveUp ? null : new Date(now.getTime() + backoff),
          now,
          counted,
        ),
      );
      this.logger[giveUp ? 'warn' : 'debug'](
        {
          outboxId: message.id,
          platform: platformOf(message.chatId),
          attempts,
          giveUp,
          error: (error as Error).name,
        },
        'delivery failed',
      );
      return false;
    }
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
        this.retryTimer = setTimeout(() => void this.flush(), 1);
        this.retryTimer.unref();
      }
      return;
    }
    this.retryTimer = setTimeout(() => void this.flush(), Math.min(wait, 60 * 60_000));
    this.retryTimer.unref();
  }
}
