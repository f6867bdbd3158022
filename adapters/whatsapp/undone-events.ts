import type { IncomingEvent } from '../../src/core/incoming.ts';
import type { Logger } from '../../src/core/logger.ts';
import { type AdapterHost, backoffMs } from '../../src/delivery/port/index.ts';

/** How often an undone event is tried again before it is given up (about a minute and a half). */
export const REAPPLY_ATTEMPTS = 7;

export interface UndoneEventsOptions {
  host: Pick<AdapterHost, 'handle'>;
  logger: Logger;
  /** The pause before attempt `attempt + 1` (default: the port's back-off, up to 30 s). */
  delay?: (attempt: number) => number;
}

/**
 * WhatsApp's messages whose commit failed (a busy or full database): Baileys confirmed them to
 * WhatsApp before it handed them over and will not send them again, so they are applied again
 * here, each in its own transaction, in order, with a growing pause, before the next Baileys
 * batch. The engine applies an event once whatever happened before (its dedupe record), so one
 * that did land is a no-op. What still fails after REAPPLY_ATTEMPTS is given up and logged, so a
 * message that always fails (a bug) does not hold every later one back.
 *
 * @example
 * const undone = new UndoneEvents({ host, logger });
 * if (!batch.commit()) await undone.applyAgain(events);
 * undone.stop(); // at shutdown: one last attempt now
 */
export class UndoneEvents {
  private wake: (() => void) | null = null;
  private stopping = false;

  constructor(private readonly options: UndoneEventsOptions) {}

  /** Applies the events again until each has landed or was given up; gives how many landed. */
  async applyAgain(events: readonly IncomingEvent[]): Promise<number> {
    let left = [...events];
    let landed = 0;
    for (let attempt = 0; left.length > 0; attempt++) {
      if (attempt === REAPPLY_ATTEMPTS || (this.stopping && attempt > 0)) {
        this.options.logger.error(
          { lost: left.length, attempts: attempt },
          'whatsapp messages lost: the database did not take them',
        );
        return landed;
      }
      await this.pause(attempt);
      const still: IncomingEvent[] = [];
      for (const event of left) {
        try {
          this.options.host.handle(event);
          landed += 1;
        } catch (error) {
          if (still.length === 0)
            this.options.logger.warn(
              { error: (error as Error).name, attempt: attempt + 1 },
              'whatsapp message not applied yet: trying again',
            );
          still.push(event);
        }
      }
      left = still;
    }
    this.options.logger.info({ applied: landed }, 'whatsapp messages applied after a retry');
    return landed;
  }

  /** Ends the pauses: what is being retried gets one last attempt at once, then is given up. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  private pause(attempt: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const ms = this.options.delay?.(attempt) ?? backoffMs(attempt, 30_000);
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }
}
