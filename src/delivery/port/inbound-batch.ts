import type { Logger } from '../../core/logger.ts';
import type { IncomingEvent } from '../../core/incoming.ts';
import type { AdapterHost, Handled } from './adapter-host.ts';
import type { BatchTicket } from './batch-ticket.ts';

/** A batch older than this is committed before the next event (see `limitAge`). */
export const MAX_BATCH_MS = 200;

export interface InboundBatchOptions {
  host: Pick<AdapterHost, 'beginBatch' | 'commitBatch' | 'handle'>;
  logger: Logger;
  /** Named in the log lines (`telegram batch not committed …`). */
  platform: string;
  /** How old a batch may get before the next event commits it (default MAX_BATCH_MS). */
  maxAgeMs?: number;
  /** The time in ms (default Date.now): tests may pass their own. */
  now?: () => number;
}

/**
 * Group commit for inbound events: the events of one platform answer (a getUpdates result, a
 * webhook burst) are applied in one batch — one synced commit instead of one per event, each
 * event still its own savepoint, nothing delivered before the commit. Events are numbered by the
 * platform (Telegram's update_id): when a commit fails, `lostFrom` says from which one to ask
 * again. The adapter must `commit()` before it confirms the events to the platform.
 *
 * Each InboundBatch holds its own ticket (AdapterHost.beginBatch): when several adapters batch at
 * once they share one transaction, and a commit that fails — whoever's it was — makes every
 * batch with events in it report the failure at its own `commit()`, so no adapter confirms what
 * was undone. What must wait for the commit (a button's answer) waits with `whenCommitted`.
 *
 * @example
 * const batch = new InboundBatch({ host, logger, platform: 'telegram' });
 * batch.begin(updates[0].update_id);
 * for (const u of updates) { batch.limitAge(u.update_id); batch.handle(toEvent(u)); }
 * batch.commit(); // then confirm them to the platform
 */
export class InboundBatch {
  /** The first event of the open batch, or null. */
  private from: number | null = null;
  /** The open batch's ticket; null also when none could be opened (events go alone). */
  private ticket: BatchTicket | null = null;
  /** What waits for the open batch's commit (see whenCommitted). */
  private waiting: ((durable: boolean) => void)[] = [];
  private openedAt = 0;
  /** The first event of a batch whose commit failed: ask the platform again from there. */
  private lost: number | null = null;

  constructor(private readonly options: InboundBatchOptions) {}

  /** Whether a batch is open. */
  get open(): boolean {
    return this.from !== null;
  }

  /** The first event of a batch whose commit failed, or null. */
  get lostFrom(): number | null {
    return this.lost;
  }

  /** Forgets a lost batch once the platform was asked again from `from` (its events came back). */
  recovered(from: number): void {
    if (this.lost === from) this.lost = null;
  }

  /** Opens a batch at event `first`. When none can be opened, each event takes its own transaction. */
  begin(first: number): void {
    try {
      this.ticket = this.options.host.beginBatch();
      this.from = first;
      this.openedAt = this.now();
    } catch (error) {
      // e.g. another process holds the write lock: each event then takes its own transaction.
      this.options.logger.warn(
        { error: (error as Error).name },
        `${this.options.platform} batch not opened`,
      );
    }
  }

  /**
   * Applies one event: in the open batch (durable at its commit), or, without one, on its own
   * (durable when this returns). Throws what the host throws.
   */
  handle(event: IncomingEvent): Handled {
    return this.ticket === null
      ? this.options.host.handle(event)
      : this.options.host.handle(event, this.ticket);
  }

  /**
   * Runs `then` once what was handled so far is durable or known lost: after the open batch's
   * commit (`durable` false when it failed: the platform sends the events again), or at once
   * (true) when no batch is open, as each event was then committed on its own.
   */
  whenCommitted(then: (durable: boolean) => void): void {
    if (this.ticket === null) then(true);
    else this.waiting.push(then);
  }

  /**
   * A batch holds the write lock and its replies until it commits: one older than the age limit
   * is committed before event `next` (committing early is always safe), so slow platform calls
   * inside a batch (a button's answer) never keep replies back for long.
   */
  limitAge(next: number): void {
    if (this.from === null || this.from === next) return;
    if (this.now() - this.openedAt < (this.options.maxAgeMs ?? MAX_BATCH_MS)) return;
    this.commit();
    this.begin(next);
  }

  /**
   * Commits the open batch; when that fails, its events are marked to be asked for again. Never
   * throws: returns false when the commit failed (its events are undone, the platform must send
   * them again), true otherwise (also when no batch was open: each event was committed alone).
   */
  commit(): boolean {
    const from = this.from;
    const ticket = this.ticket;
    const waiting = this.waiting;
    this.from = null;
    this.ticket = null;
    this.waiting = [];
    let durable = true;
    try {
      if (ticket !== null) this.options.host.commitBatch(ticket);
    } catch (error) {
      durable = false;
      if (from !== null) this.lost = Math.min(this.lost ?? from, from);
      this.options.logger.error(
        { error: (error as Error).name, from },
        `${this.options.platform} batch not committed: its updates are read again`,
      );
    }
    for (const then of waiting) {
      try {
        then(durable);
      } catch (error) {
        this.options.logger.error(
          { error: (error as Error).name },
          `${this.options.platform} work after a commit failed`,
        );
      }
    }
    return durable;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
