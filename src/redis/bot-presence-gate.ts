import type { Logger } from '../core/logger.ts';
import { DueGate } from '../scheduling/due-gate.ts';
import type { DueSource } from '../scheduling/due-source.ts';

export interface BotPresenceGateOptions {
  /** ms since the bot process's last heartbeat, or null when there is none (`botHeartbeatAge`). */
  botSeenAgo: () => number | null;
  /** Older than this, the bot counts as gone (`HEARTBEAT_STALE_MS`). */
  staleAfterMs: number;
  /** The bot is back after the gate held work back: run what is due now (the scheduler's reconcile). */
  onResume: () => void;
  logger?: Logger;
  lookEveryMs?: number;
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
    super(source, {
      open: alive,
      onResume: options.onResume,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.lookEveryMs === undefined ? {} : { lookEveryMs: options.lookEveryMs }),
      held: {
        message:
          'no bot process is connected to the chats (mmb start): the due work waits until it is back',
        facts: () => {
          const age = options.botSeenAgo();
          return { heartbeatAgeSeconds: age === null ? null : Math.round(age / 1000) };
        },
      },
      resumed: 'the bot process is back: the due work runs',
    });
  }
}
