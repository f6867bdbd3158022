import type { Clock } from '../core/clock.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { AdapterState } from './adapter-state.ts';
import type { Db } from './database.ts';

/** How often the bot process (`mmb start`) writes its heartbeat. */
export const HEARTBEAT_EVERY_MS = 1_000;
/**
 * A heartbeat older than this means no bot process is connected to the chats: a few missed
 * beats, so a bot killed shortly before a deadline holds that deadline back.
 */
export const HEARTBEAT_STALE_MS = 4_000;
/**
 * How long a message may take from the platform into the database (a long poll answering, the
 * event's transaction). Due work waits until the chats are read this far past its moment, so a
 * vote cast just before a deadline is counted before the deadline is judged.
 */
export const READ_LAG_MS = 2_000;

/** The row's value while a starting bot reads its backlog: due work waits for it. */
const CATCHING_UP = 'catching-up';

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
 * The value is the moment up to which the chats are read (`readUpTo`: now while every platform
 * is connected, else the moment the first one was lost), so a worker judges a deadline only once
 * the bot has read past it (`READ_LAG_MS`), and a beat that stops coming goes stale within
 * seconds (`HEARTBEAT_STALE_MS`).
 *
 * The process living is not enough: `connected` says whether its chat connections work (in the
 * bot, `ChatLiveness`: every platform connected, or lost for less than a short grace). While it
 * says no, each beat removes the row instead, so the workers hold back at once; the first beat
 * after it says yes again writes it. A starting bot first marks the row "catching up"
 * (`markBotCatchingUp`), before anything else, so a heartbeat its killed predecessor left cannot
 * count while the backlog waits unread.
 *
 * @example
 * markBotCatchingUp(db); // at start, before anything else
 * const heartbeat = new BotHeartbeat(
 *   db, systemClock, logger, HEARTBEAT_EVERY_MS,
 *   () => liveness.connected(),
 *   () => liveness.readUpTo(),
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
    clock: Clock,
    private readonly logger: Logger = silentLogger,
    private readonly everyMs = HEARTBEAT_EVERY_MS,
    private readonly connected: () => boolean = () => true,
    /** Up to when the chats are read (default: now). */
    private readonly readUpTo: () => Date = () => clock.now(),
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
      const value = this.connected() ? String(this.readUpTo().getTime()) : null;
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
 * Marks the bot as catching up, durably: a starting bot writes it before anything else, and its
 * heartbeat replaces it once the backlog is read. Meanwhile `mmb worker` processes hold the due
 * work back (`botHeartbeatAge` is null), whatever heartbeat a killed bot left.
 *
 * @example
 * const { db } = openBotDatabase(file);
 * markBotCatchingUp(db);
 */
export function markBotCatchingUp(db: Db): void {
  new AdapterState(db, OWNER).write([{ category: CATEGORY, id: ID, value: CATCHING_UP }]);
}

/** Whether a starting bot is reading its backlog (`markBotCatchingUp`). */
export function botCatchingUp(db: Db): boolean {
  return new AdapterState(db, OWNER).get(CATEGORY, ID) === CATCHING_UP;
}

/**
 * How long ago (ms) the chats were last known read by the bot process (its heartbeat's value), by
 * `now`; null when there is none (no bot ran, it stopped cleanly, or it is catching up).
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
