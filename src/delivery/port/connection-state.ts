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
 * connection.ended(); // logged out: lostSince() is null from now on
 */
export class ConnectionState implements ChatConnection {
  private since: Date | null;
  private over = false;

  constructor(private readonly clock: Clock) {
    this.since = clock.now();
  }

  /** Connected, backlog read. */
  up(): void {
    this.since = null;
  }

  /** The connection is gone (a second call keeps the first time). */
  lost(): void {
    if (!this.over) this.since ??= this.clock.now();
  }

  /**
   * The platform ended the session for good (WhatsApp logged the number out): nothing waits there
   * for this bot any more — a number linked again does not get what was sent meanwhile — so it
   * no longer holds the heartbeat or the due work of every other team back. For good: a later
   * `lost()` changes nothing (the adapter says loudly that it stopped).
   */
  ended(): void {
    this.over = true;
    this.since = null;
  }

  lostSince(): Date | null {
    return this.since;
  }
}
