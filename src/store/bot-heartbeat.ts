import type { Clock } from '../core/clock.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { AdapterState } from './adapter-state.ts';
import type { Db } from './database.ts';

/** How often the bot process (`mmb start`) writes its heartbeat. */
export const HEARTBEAT_EVERY_MS = 5_000;
/** A heartbeat older than this means no bot process is connected to the chats. */
export const HEARTBEAT_STALE_MS = 20_000;

/** Where the heartbeat lives: one row of `adapter_state` (migration 006), of no adapter's own. */
const OWNER = 'bot';
const CATEGORY = 'heartbeat';
const ID = 'bot';

/**
 * The bot process's sign of life in the database: while it holds the chat connections (and has
 * read their backlog) it writes the time into one row of `adapter_state` every few seconds, and
 * removes the row when it stops. `mmb worker` processes read it (`botHeartbeatAge`) and hold
 * back the due work while it is stale: without the bot, votes may wait unread at the platform,
 * and nothing could be delivered anyway.
 *
 * The process living is not enough: `connected` says whether its chat connections work (in the
 * bot, `ChatLiveness`: every platform connected, or lost for less than a short grace). While it
 * says no, each beat removes the row instead, so the workers hold back at once; the first beat
 * after it says yes again writes it.
 *
 * @example
 * const heartbeat = new BotHeartbeat(db, systemClock, logger, HEARTBEAT_EVERY_MS, () =>
 *   liveness.connected(),
 * );
 * heartbeat.start(); // after the adapters read their backlog
 * // …
 * heartbeat.stop(); // the row goes: workers hold back at once
 */
export class BotHeartbeat {
  private readonly state: AdapterState;
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly logger: Logger = silentLogger,
    private readonly everyMs = HEARTBEAT_EVERY_MS,
    private readonly connected: () => boolean = () => true,
  ) {
    this.state = new AdapterState(db, OWNER);
  }

  /** Writes the heartbeat now and then every few seconds. */
  start(): void {
    this.beat();
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.beat(), this.everyMs);
    this.timer.unref();
  }

  /** Stops writing and removes the row, so workers know at once that the bot is gone. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    try {
      this.state.write([{ category: CATEGORY, id: ID, value: null }]);
    } catch {
      // The database is closing or broken: the row goes stale by itself.
    }
  }

  private beat(): void {
    try {
      const value = this.connected() ? String(this.clock.now().getTime()) : null;
      this.state.write([{ category: CATEGORY, id: ID, value }]);
      this.failing = false;
    } catch (error) {
      // A database problem is reported by the database's own listener; say it here once.
      if (!this.failing)
        this.logger.warn({ error: (error as Error).name }, 'writing the bot heartbeat failed');
      this.failing = true;
    }
  }
}

/**
 * How long ago (ms) the bot process last wrote its heartbeat, by `now`; null when there is none
 * (no bot ran, or it stopped cleanly).
 *
 * @example
 * const age = botHeartbeatAge(db, new Date());
 * const botAlive = age !== null && age < HEARTBEAT_STALE_MS;
 */
export function botHeartbeatAge(db: Db, now: Date): number | null {
  const value = new AdapterState(db, OWNER).get(CATEGORY, ID);
  if (value === null) return null;
  const at = Number(value);
  return Number.isFinite(at) ? Math.max(0, now.getTime() - at) : null;
}
