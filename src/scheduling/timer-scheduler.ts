import type { Clock } from '../core/clock.ts';
import type { DueSource } from './due-source.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { Scheduler } from './scheduler.ts';

const MAX_SLEEP_MS = 60 * 60_000; // wake at least hourly, so a changed system clock is noticed
/** Still overdue after a run (held back by a gate, or the run failed): look again after this. */
const OVERDUE_RETRY_MS = 1_000;

/**
 * The embedded scheduler: one timer, set to the next due item the database knows of (the
 * `DueSource`, in the bot the engine behind a `DueGate`), and reset whenever the source reports a
 * commit. What is still overdue after a run (the gate held it back, or the run failed) is tried
 * again a second later, never in a busy loop.
 *
 * @example
 * const scheduler = new TimerScheduler(engine, clock, logger);
 * await scheduler.start(); // fires what is overdue, then each item as it falls due
 */
export class TimerScheduler implements Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running = false;

  constructor(
    private readonly due: DueSource,
    private readonly clock: Clock,
    private readonly logger: Logger = silentLogger,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.unsubscribe = this.due.onChange(() => this.arm());
    this.fire();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Fires what is overdue now and sets the timer again (a gate opened after holding back). */
  async reconcile(): Promise<void> {
    this.fire();
  }

  private fire(): void {
    if (!this.running) return;
    const now = this.clock.now();
    try {
      this.due.runDue(now);
    } catch (error) {
      this.logger.error({ error: (error as Error).name }, 'firing due items failed');
    }
    this.arm(now);
  }

  /**
   * Sets the timer to the next due moment. After a run at `ranAt`, a moment not later than that
   * was held back (or failed): it is tried again `OVERDUE_RETRY_MS` later.
   */
  private arm(ranAt?: Date): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.due.nextDueAt();
    const wait = next ? next.getTime() - this.clock.now().getTime() : MAX_SLEEP_MS;
    const delay =
      next && ranAt && next <= ranAt ? OVERDUE_RETRY_MS : Math.max(0, Math.min(wait, MAX_SLEEP_MS));
    this.timer = setTimeout(() => this.fire(), delay);
  }
}
