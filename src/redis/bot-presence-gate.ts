import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import { DueGate } from '../scheduling/due-gate.ts';
import type { DueSource } from '../scheduling/due-source.ts';

export interface BotPresenceGateOptions {
  /** ms since the bot process's last heartbeat, or null when there is none (`botHeartbeatAge`). */
  botSeenAgo: () => number | null;
  /** Older than this, the bot counts as gone (`HEARTBEAT_STALE_MS`). */
  staleAfterMs: number;
  /**
   * Due work runs only once the chats are read this long past its moment (`READ_LAG_MS`): a vote
   * cast just before a deadline is in the database before the deadline is judged. Default 0.
   */
  readLagMs?: number;
  /** Whether a starting bot is reading its backlog (`botCatchingUp`), for the log. */
  catchingUp?: () => boolean;
  /** The bot is back after the gate held work back: run what is due now (the scheduler's reconcile). */
  onResume: () => void;
  logger?: Logger;
  lookEveryMs?: number;
  /** For the looks while held (default: the system clock). */
  clock?: Clock;
}

/**
 * The due work of an `mmb worker`, held back while no bot process is connected to the chats. With
 * the bot down (or its chat connection lost: it then writes no heartbeat), votes may wait unread
 * at Telegram; expiring their request meanwhile would decide against them. So `runDue` fires
 * nothing while the bot's heartbeat is stale (or absent) and something is due; the gate then
 * looks every second, and once the bot is back (it has read the backlog before its heartbeat
 * starts) it calls `onResume`. Logged once each way. All due work waits, not only expiries: it
 * fires in time order, and without the bot nothing is delivered. A `DueGate` on the heartbeat.
 *
 * @example
 * const gate = new BotPresenceGate(engine, {
 *   botSeenAgo: () => botHeartbeatAge(db, clock.now()),
 *   staleAfterMs: HEARTBEAT_STALE_MS,
 *   readLagMs: READ_LAG_MS,
 *   onResume: () => void scheduler.reconcile(),
 * });
 * const scheduler = new BullmqScheduler(gate, { url, clock });
 */
export class BotPresenceGate extends DueGate {
  constructor(source: DueSource, options: BotPresenceGateOptions) {
    const alive = () => {
      const age = options.botSeenAgo();
      return age !== null && age < options.staleAfterMs;
    };
    const lag = options.readLagMs ?? 0;
    super(source, {
      open: alive,
      // The heartbeat's value is the moment up to which the chats are read.
      until: (now) => new Date(now.getTime() - (options.botSeenAgo() ?? 0) - lag),
      onResume: options.onResume,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.lookEveryMs === undefined ? {} : { lookEveryMs: options.lookEveryMs }),
      held: {
        message:
          'no bot process is connected to the chats (mmb start): the due work waits until it is back',
        facts: () => {
          const age = options.botSeenAgo();
          return {
            heartbeatAgeSeconds: age === null ? null : Math.round(age / 1000),
            ...(options.catchingUp?.() ? { catchingUp: true } : {}),
          };
        },
      },
      resumed: 'the bot process is back: the due work runs',
    });
  }
}
