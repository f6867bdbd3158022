import type { InboundBatch } from '../../src/delivery/port/index.ts';

/** How long the first webhook request of a burst waits for others to share its commit. */
export const WEBHOOK_WINDOW_MS = 5;

export interface WebhookBatchOptions {
  /** The group commit the requests share (the adapter's one InboundBatch). */
  batch: InboundBatch;
  /** How long a batch stays open for more requests (default WEBHOOK_WINDOW_MS). */
  windowMs?: number;
}

/** The requests that share one commit. */
interface Round {
  handling: Promise<boolean>[];
  committed: Promise<boolean>;
  settle: (ok: boolean) => void;
  timer?: NodeJS.Timeout;
}

/**
 * Group commit for webhook requests: the updates Telegram posts within a few milliseconds of the
 * first one are applied in one engine batch (each its own savepoint) and committed together.
 * `add` resolves only after the commit that holds its update, so the HTTP answer — Telegram's
 * acknowledgement — never comes before the update is durable; false means "answer non-2xx" (the
 * commit or the handling failed), and Telegram sends the update again.
 *
 * While a batch commits, new requests wait and then open the next one.
 *
 * @example
 * const webhookBatch = new WebhookBatch({ batch });
 * const ok = await webhookBatch.add(update.update_id, () => bot.handleUpdate(update));
 * res.writeHead(ok ? 200 : 500).end();
 */
export class WebhookBatch {
  private current: Round | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: WebhookBatchOptions) {}

  /**
   * Handles update `id` with `work` inside the open batch (opening one when needed); resolves
   * after the batch's commit: true when the work succeeded and the commit holds it.
   */
  async add(id: number, work: () => Promise<void>): Promise<boolean> {
    while (this.closing) await this.closing;
    const round = this.current ?? this.open(id);
    const handled = work().then(
      () => true,
      () => false,
    );
    round.handling.push(handled);
    const committed = await round.committed;
    return committed && (await handled);
  }

  /** Commits the open batch now (at stop), after the work in hand; resolves when done. */
  async flush(): Promise<void> {
    while (this.closing) await this.closing;
    if (this.current) await this.close(this.current);
  }

  private open(id: number): Round {
    let settle: (ok: boolean) => void = () => {};
    const committed = new Promise<boolean>((resolve) => (settle = resolve));
    const round: Round = { handling: [], committed, settle };
    this.current = round;
    this.options.batch.begin(id);
    round.timer = setTimeout(
      () => void this.close(round),
      this.options.windowMs ?? WEBHOOK_WINDOW_MS,
    );
    return round;
  }

  private close(round: Round): Promise<void> {
    if (this.current !== round) return this.closing ?? Promise.resolve();
    clearTimeout(round.timer);
    const closing = (async () => {
      // Requests that came in before the close are finished first; later ones wait (see add).
      await Promise.all(round.handling);
      this.current = null;
      const ok = this.options.batch.commit();
      this.closing = null;
      round.settle(ok);
    })();
    this.closing = closing;
    return closing;
  }
}
