import type { WebhookInfo } from 'grammy/types';
import type { Logger } from '../../src/core/logger.ts';
import type { ConnectionState } from '../../src/delivery/port/index.ts';
import { errorFacts } from './delivery-errors.ts';

/** How often the webhook's state is asked of Telegram (getWebhookInfo). */
export const WEBHOOK_WATCH_MS = 30_000;

export interface WebhookWatchOptions {
  /** Telegram's own view of the webhook (`bot.api.getWebhookInfo`). */
  getInfo: () => Promise<WebhookInfo>;
  /** The adapter's connection state, which the watch reports into. */
  connection: ConnectionState;
  logger: Logger;
  /** The time in ms (the adapter's clock). */
  now: () => number;
  /** Default WEBHOOK_WATCH_MS. */
  everyMs?: number;
}

/**
 * With a webhook Telegram pushes the updates, so a webhook Telegram cannot reach (the proxy down,
 * its certificate expired) is silence: the votes pile up at Telegram and the bot hears nothing.
 * Every half minute this asks Telegram how the webhook fares and reports it as the adapter's
 * connection, so the heartbeat and the due work wait as they do for a polling bot that lost
 * Telegram:
 * - lost while Telegram holds updates it failed to deliver since the last look, or cannot be asked;
 * - up again only once nothing waits there any more (what waited is in, before anything expires).
 * Logged once each way, with Telegram's own reason (it names no message).
 *
 * @example
 * const watch = new WebhookWatch({ getInfo: () => bot.api.getWebhookInfo(), connection, logger, now });
 * watch.start(); // … watch.stop();
 */
export class WebhookWatch {
  private timer: NodeJS.Timeout | null = null;
  private lastLook: number;
  private failing = false;
  private checking: Promise<void> | null = null;

  constructor(private readonly options: WebhookWatchOptions) {
    this.lastLook = options.now();
  }

  /** Looks now and then every `everyMs`. */
  start(): void {
    this.stop();
    const every = this.options.everyMs ?? WEBHOOK_WATCH_MS;
    this.timer = setInterval(() => void this.check(), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look at Telegram's view of the webhook (one at a time). */
  check(): Promise<void> {
    this.checking ??= this.look().finally(() => (this.checking = null));
    return this.checking;
  }

  private async look(): Promise<void> {
    const since = this.lastLook;
    this.lastLook = this.options.now();
    let info: WebhookInfo;
    try {
      info = await this.options.getInfo();
    } catch (error) {
      this.trouble({ ...errorFacts(error) }, 'telegram cannot be asked how its webhook fares');
      return;
    }
    const erredSince = (info.last_error_date ?? 0) * 1000 >= since - 1000;
    if (info.pending_update_count > 0 && (erredSince || this.failing)) {
      this.trouble(
        { pending: info.pending_update_count, reason: info.last_error_message ?? 'unknown' },
        'telegram cannot deliver to the webhook: updates wait there',
      );
      return;
    }
    if (this.failing) {
      this.failing = false;
      this.options.logger.info({}, 'telegram delivers to the webhook again');
    }
    this.options.connection.up();
  }

  private trouble(fields: Record<string, unknown>, message: string): void {
    this.options.connection.lost();
    if (this.failing) return;
    this.failing = true;
    this.options.logger.warn(fields, message);
  }
}
