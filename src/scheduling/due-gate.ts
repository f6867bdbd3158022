import { systemClock, type Clock } from '../core/clock.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { DueSource } from './due-source.ts';

/** While held back, how often the gate looks whether it may open again. */
const LOOK_EVERY_MS = 1_000;

export interface DueGateOptions {
  /** Whether the due work may run now. */
  open: () => boolean;
  /**
   * While open, the latest due moment that may run now (default: now). Due work later than it
   * waits, quietly, until it may: the moment up to which the chats are known read, less the time
   * a message may take from the platform to the database, so a vote cast before a deadline is
   * always read before that deadline is judged.
   */
  until?: (now: Date) => Date;
  /** The gate opened after it held work back: run what is due now (the scheduler's reconcile). */
  onResume: () => void;
  logger?: Logger;
  /** Logged (warn) once when the gate starts holding work back, with the facts of that moment. */
  held?: { message: string; facts?: () => Record<string, unknown> };
  /** Logged (info) once when it opens again. */
  resumed?: string;
  lookEveryMs?: number;
  /** For the looks while held (default: the system clock). */
  clock?: Clock;
}

/**
 * A due source that holds all due work back while `open()` says no (the chats cannot be read: a
 * vote may wait unread at the platform, and expiring its request would decide against it).
 * `runDue` then fires nothing; the gate looks every second and, once open, calls `onResume`. All
 * due work waits, not only expiries: it fires in time order. Open, it still fires only what fell
 * due up to `until` (the moment the chats are read up to, less a short lag), each item judged at
 * its own time: a deadline is judged once the votes cast before it are in. `nextDueAt` stays the source's, so
 * a scheduler keeps its job; it must not retry an overdue moment in a busy loop.
 *
 * @example
 * const gate = new DueGate(engine, {
 *   open: () => liveness.connected(),
 *   until: () => new Date(liveness.readUpTo().getTime() - READ_LAG_MS),
 *   onResume: () => void scheduler.reconcile(),
 * });
 * const scheduler = new TimerScheduler(gate, clock);
 */
export class DueGate implements DueSource {
  private readonly logger: Logger;
  private readonly lookEveryMs: number;
  private readonly clock: Clock;
  private looking: NodeJS.Timeout | null = null;
  /** The hold was logged (the gate was shut, not merely waiting a second for the chats). */
  private said = false;

  constructor(
    private readonly source: DueSource,
    private readonly options: DueGateOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.lookEveryMs = options.lookEveryMs ?? LOOK_EVERY_MS;
    this.clock = options.clock ?? systemClock;
  }

  nextDueAt(): Date | null {
    return this.source.nextDueAt();
  }

  /** Fires what is due, unless the gate is shut: then nothing, until it opens. */
  runDue(now: Date): number {
    const next = this.source.nextDueAt();
    if (next === null || next > now) return 0;
    if (!this.options.open()) {
      this.holdBack(false);
      return 0;
    }
    const until = this.cutoff(now);
    if (next > until) {
      this.holdBack(true); // the chats are read up to a moment before it: a second or two
      return 0;
    }
    if (this.looking) this.resume(false); // the scheduler asked again before the gate looked
    const fired = this.source.runDue(until);
    const after = this.source.nextDueAt();
    if (after !== null && after <= now) this.holdBack(true); // due, the chats not read past it yet
    return fired;
  }

  onChange(listener: () => void): () => void {
    return this.source.onChange(listener);
  }

  /** Whether work is being held back now. */
  get holding(): boolean {
    return this.looking !== null;
  }

  /** Stops looking (the scheduler stops). */
  stop(): void {
    if (this.looking) clearInterval(this.looking);
    this.looking = null;
  }

  /** The latest due moment that may run at `now`. */
  private cutoff(now: Date): Date {
    const until = this.options.until?.(now);
    return until && until < now ? until : now;
  }

  /** Looks every second whether the held work may run; `quiet`: the gate is open, only not yet. */
  private holdBack(quiet: boolean): void {
    if (this.looking) {
      if (!quiet) this.say();
      return;
    }
    if (!quiet) this.say();
    this.looking = setInterval(() => {
      if (!this.options.open()) return this.say();
      const next = this.source.nextDueAt();
      const now = this.clock.now();
      if (next === null || next > now || next <= this.cutoff(now)) this.resume(true);
    }, this.lookEveryMs);
    this.looking.unref();
  }

  /** Logs the hold once, when it begins. */
  private say(): void {
    if (this.said) return;
    this.said = true;
    const { held } = this.options;
    if (held) this.logger.warn(held.facts?.() ?? {}, held.message);
  }

  private resume(reconcile: boolean): void {
    this.stop();
    if (this.said && this.options.resumed) this.logger.info(this.options.resumed);
    this.said = false;
    if (reconcile) this.options.onResume();
  }
}
