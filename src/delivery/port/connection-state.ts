import type { Clock } from '../../core/clock.ts';

/**
 * Whether an adapter holds a working connection to its platform and has read what waited there:
 * what the composition root asks before it writes the bot's heartbeat or lets due work run.
 */
export interface ChatConnection {
  /** Since when the connection is lost (or not yet made); null while it works. */
  lostSince(): Date | null;
}

/** A platform without a connection to lose (the console chat). */
export const ALWAYS_CONNECTED: ChatConnection = { lostSince: () => null };

/**
 * An adapter's own connection state, which it reports into: `up()` once it is connected and has
 * read the platform's backlog, `lost()` when polling fails or the socket closes. It starts lost
 * (not connected yet), at its creation time.
 *
 * @example
 * const connection = new ConnectionState(clock);
 * connection.up(); // getUpdates answered, its updates handled
 * connection.lost(); // getUpdates failed
 * connection.lostSince(); // the time of the first lost() since the last up()
 */
export class ConnectionState implements ChatConnection {
  private since: Date | null;

  constructor(private readonly clock: Clock) {
    this.since = clock.now();
  }

  /** Connected, backlog read. */
  up(): void {
    this.since = null;
  }

  /** The connection is gone (a second call keeps the first time). */
  lost(): void {
    this.since ??= this.clock.now();
  }

  lostSince(): Date | null {
    return this.since;
  }
}
