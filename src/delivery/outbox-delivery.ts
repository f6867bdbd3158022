import type { Logger } from '../core/logger.ts';
import type { Deliver } from './port/outbox-message.ts';

/**
 * How the outbox reaches the chats. Two implementations behind the same surface: the embedded
 * `Dispatcher` (src/delivery/dispatcher.ts: nothing but SQLite) and, with `REDIS_URL`,
 * `BullmqDelivery` (src/redis/bullmq-delivery.ts: a BullMQ queue per platform). Either way the
 * database stays the truth: a message is marked sent only after its adapter confirmed it, per
 * chat the order is kept, failed attempts and give-ups are written to the outbox row (what
 * `mmb outbox` shows), and nothing goes out while an engine batch holds the connection.
 *
 * @example
 * const delivery: OutboxDelivery = new Dispatcher(engine.sql, clock, logger, requestView);
 * await delivery.start();
 * delivery.register('telegram', telegram.deliver);
 * engine.onChange(() => deliverSoon(delivery, logger));
 * delivery.watchOtherWriters();
 * // …
 * await delivery.stop();
 */
export interface OutboxDelivery {
  /** Connects what it needs (the embedded dispatcher needs nothing). Call once, before the rest. */
  start(): Promise<void>;
  /** Routes a platform's chats (`telegram`, `whatsapp`, `console`, or `*` for all) to an adapter. */
  register(platform: string, deliver: Deliver): void;
  /** Stops a platform's route (its adapter went away); its messages wait in the outbox. */
  unregister(platform: string): void;
  /**
   * Hands on what the outbox holds now. The embedded dispatcher delivers it and resolves with how
   * many messages went out; BullMQ adds the jobs and resolves with how many it added.
   */
  flush(): Promise<number>;
  /** Also hands on what another process (an `mmb worker`, `mmb outbox --retry`) wrote. */
  watchOtherWriters(everyMs?: number): void;
  /** The message in hand finishes; nothing more goes out; what is left waits in the outbox. */
  stop(): Promise<void>;
}

/**
 * Starts a delivery round that nobody waits for (a listener, a timer, an adapter's nudge): it
 * never rejects, so a failed round cannot end the process as an unhandled rejection. What failed
 * is logged (its name, never a message text); the round is tried again by the delivery's own
 * retry, and a database problem has been told to the connection's listener, which stops the bot.
 *
 * @example
 * engine.onChange(() => deliverSoon(dispatcher, logger));
 */
export function deliverSoon(delivery: Pick<OutboxDelivery, 'flush'>, logger: Logger): void {
  delivery
    .flush()
    .catch((error: unknown) =>
      logger.error({ error: (error as Error).name }, 'delivery round failed'),
    );
}
