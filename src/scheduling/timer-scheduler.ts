import type { Clock } from '../core/clock.ts';
import type { DueSource } from './due-source.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { Scheduler } from './scheduler.ts';

const MAX_SLEEP_MS = 60 * 60_000; // wake at least hourly, so a changed system clock is noticed

/**
 * The embedded scheduler: one timer, set to the next due item the database knows of (the
 * `DueSource`, in the bot the engine), and reset whenever the source reports a commit.
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

  private fire(): void {
    if (!this.running) return;
    try {
      this.due.runDue(this.clock.now());
    } catch (error) {
      this.logger.error({ error: (error as Error).name }, 'firing due items failed');
    }
    this.arm();
  }

  private arm(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const next = this.due.nextDueAt();
    const wait = next ? next.getTime() - this.clock.now().getTime() : MAX_SLEEP_MS;
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.min(wait, MAX_SLEEP_MS)));
  }
}
