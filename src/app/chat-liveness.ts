import type { Clock } from '../core/clock.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import type { ChatAdapter } from '../delivery/port/chat-adapter.ts';

/** How long a platform may be disconnected before the bot counts as not connected. */
export const CONNECTION_GRACE_MS = 15_000;

export interface ChatLivenessOptions {
  /** The configured adapters; one without `connection` is always connected (the console). */
  adapters: readonly Pick<ChatAdapter, 'platform' | 'connection'>[];
  clock: Clock;
  logger?: Logger;
  /** Default `CONNECTION_GRACE_MS`: a routine reconnect stays within it. */
  graceMs?: number;
}

/**
 * Whether the bot is connected to its chats: every configured platform's connection works (and
 * its backlog is read), or was lost less than a short grace ago, so a routine reconnect changes
 * nothing. While it is not, the bot writes no heartbeat (`mmb worker` processes hold the due work
 * back) and its own scheduler holds the due work back too: votes may wait unread at the platform,
 * and expiring a request then would decide against votes already cast. Logged once each way.
 *
 * @example
 * const liveness = new ChatLiveness({ adapters, clock, logger });
 * if (liveness.connected()) heartbeat.write();
 */
export class ChatLiveness {
  private readonly logger: Logger;
  private readonly graceMs: number;
  private down = false;

  constructor(private readonly options: ChatLivenessOptions) {
    this.logger = options.logger ?? silentLogger;
    this.graceMs = options.graceMs ?? CONNECTION_GRACE_MS;
  }

  /**
   * Up to when the chats are known read: now while every platform is connected, else the moment
   * the first lost connection went (no grace: a vote may wait at the platform from then on).
   */
  readUpTo(): Date {
    const now = this.options.clock.now();
    let upTo = now;
    for (const adapter of this.options.adapters) {
      const since = adapter.connection?.lostSince();
      if (since != null && since < upTo) upTo = since;
    }
    return upTo;
  }

  /** True unless a platform's connection has been lost for longer than the grace. */
  connected(): boolean {
    const now = this.options.clock.now().getTime();
    const lost = this.options.adapters.filter((adapter) => {
      const since = adapter.connection?.lostSince();
      return since != null && now - since.getTime() >= this.graceMs;
    });
    if (lost.length > 0 && !this.down) {
      this.down = true;
      this.logger.warn(
        { platforms: lost.map((adapter) => adapter.platform), graceSeconds: this.graceMs / 1000 },
        'chat connection lost: the bot heartbeat pauses and the due work waits until it is back',
      );
    } else if (lost.length === 0 && this.down) {
      this.down = false;
      this.logger.info({}, 'chat connection back: the bot heartbeat and the due work resume');
    }
    return lost.length === 0;
  }
}
