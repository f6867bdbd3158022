import { silentLogger, type Logger } from '../core/logger.ts';
import type { DueSource } from './due-source.ts';

/** While held back, how often the gate looks whether it may open again. */
const LOOK_EVERY_MS = 1_000;

export interface DueGateOptions {
  /** Whether the due work may run now. */
  open: () => boolean;
  /** The gate opened after it held work back: run what is due now (the scheduler's reconcile). */
  onResume: () => void;
  logger?: Logger;
  /** Logged (warn) once when the gate starts holding work back, with the facts of that moment. */
  held?: { message: string; facts?: () => Record<string, unknown> };
  /** Logged (info) once when it opens again. */
  resumed?: string;
  lookEveryMs?: number;
}

/**
 * A due source that holds all due work back while `open()` says no (the chats cannot be read: a
 * vote may wait unread at the platform, and expiring its request would decide against it).
 * `runDue` then fires nothing; the gate looks every second and, once open, calls `onResume`. All
 * due work waits, not only expiries: it fires in time order. `nextDueAt` stays the source's, so
 * a scheduler keeps its job; it must not retry an overdue moment in a busy loop.
 *
 * @example
 * const gate = new DueGate(engine, {
 *   open: () => liveness.connected(),
 *   onResume: () => void scheduler.reconcile(),
 * });
 * const scheduler = new TimerScheduler(gate, clock);
 */
export class DueGate implements DueSource {
  private readonly logger: Logger;
  private readonly lookEveryMs: number;
  private looking: NodeJS.Timeout | null = null;

  constructor(
    private readonly source: DueSource,
    private readonly options: DueGateOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.lookEveryMs = options.lookEveryMs ?? LOOK_EVERY_MS;
  }

  nextDueAt(): Date | null {
    return this.source.nextDueAt();
  }

  /** Fires what is due, unless the gate is shut: then nothing, until it opens. */
  runDue(now: Date): number {
    const next = this.source.nextDueAt();
    if (next === null || next > now) return 0;
    if (!this.options.open()) {
      this.holdBack();
      return 0;
    }
    if (this.looking) this.resume(false); // the scheduler asked again before the gate looked
    return this.source.runDue(now);
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

  private holdBack(): void {
    if (this.looking) return;
    const { held } = this.options;
    if (held) this.logger.warn(held.facts?.() ?? {}, held.message);
    this.looking = setInterval(() => {
      if (this.options.open()) this.resume(true);
    }, this.lookEveryMs);
    this.looking.unref();
  }

  private resume(reconcile: boolean): void {
    this.stop();
    if (this.options.resumed) this.logger.info(this.options.resumed);
    if (reconcile) this.options.onResume();
  }
}
