import { silentLogger, type Logger } from '../core/logger.ts';
import type { DueSource } from '../scheduling/due-source.ts';

/** While held back, how often the gate looks whether the bot is back. */
const LOOK_EVERY_MS = 1_000;

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
 * the bot down, votes may wait unread at Telegram; expiring their request meanwhile would decide
 * against them. So `runDue` fires nothing while the bot's heartbeat is stale (or absent) and
 * something is due; the gate then looks every second, and once the bot is back (it has read the
 * backlog before its heartbeat starts) it calls `onResume`. Logged once each way. All due work
 * waits, not only expiries: it fires in time order, and without the bot nothing is delivered.
 *
 * @example
 * const gate = new BotPresenceGate(engine, {
 *   botSeenAgo: () => botHeartbeatAge(db, clock.now()),
 *   staleAfterMs: HEARTBEAT_STALE_MS,
 *   onResume: () => void scheduler.reconcile(),
 * });
 * const scheduler = new BullmqScheduler(gate, { url, clock });
 */
export class BotPresenceGate implements DueSource {
  private readonly logger: Logger;
  private readonly lookEveryMs: number;
  private looking: NodeJS.Timeout | null = null;

  constructor(
    private readonly source: DueSource,
    private readonly options: BotPresenceGateOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.lookEveryMs = options.lookEveryMs ?? LOOK_EVERY_MS;
  }

  nextDueAt(): Date | null {
    return this.source.nextDueAt();
  }

  /** Fires what is due, unless the bot is gone: then nothing, until it is back. */
  runDue(now: Date): number {
    const next = this.source.nextDueAt();
    if (next === null || next > now) return 0;
    if (this.botAlive()) return this.source.runDue(now);
    this.holdBack();
    return 0;
  }

  onChange(listener: () => void): () => void {
    return this.source.onChange(listener);
  }

  /** Whether work is being held back now. */
  get holding(): boolean {
    return this.looking !== null;
  }

  /** Stops looking for the bot (the worker stops). */
  stop(): void {
    if (this.looking) clearInterval(this.looking);
    this.looking = null;
  }

  private botAlive(): boolean {
    const age = this.options.botSeenAgo();
    return age !== null && age < this.options.staleAfterMs;
  }

  private holdBack(): void {
    if (this.looking) return;
    const age = this.options.botSeenAgo();
    this.logger.warn(
      { heartbeatAgeSeconds: age === null ? null : Math.round(age / 1000) },
      'no bot process is connected to the chats (mmb start): the due work waits until it is back',
    );
    this.looking = setInterval(() => {
      if (!this.botAlive()) return;
      this.stop();
      this.logger.info('the bot process is back: the due work runs');
      this.options.onResume();
    }, this.lookEveryMs);
    this.looking.unref();
  }
}
