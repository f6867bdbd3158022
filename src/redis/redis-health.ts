import { silentLogger, type Logger } from '../core/logger.ts';

/** What a Redis outage means for one part of the process, for the one log line each way. */
export interface RedisPartSays {
  /** While Redis is away, e.g. `the replies wait in the outbox until Redis is back`. */
  down: string;
  /** Once it is back, e.g. `the outbox is delivered through BullMQ again`. */
  back: string;
}

/**
 * One Redis outage, one warning line and one recovery line per process: the BullMQ scheduler and
 * the BullMQ delivery each notice Redis going away on their own connections, and each keeps its
 * own state, but they report here, which logs `Redis is unreachable` at the first report (with
 * what it means for every registered part) and `Redis is back` once every part that reported it
 * away says it is back. Made once by the composition root and given to both; a part made without
 * one gets its own (as in tests).
 *
 * @example
 * const health = new RedisHealth(logger);
 * health.register('delivery', { down: 'the replies wait in the outbox until Redis is back',
 *   back: 'the outbox is delivered through BullMQ again' });
 * health.down('delivery', error); // logged
 * health.down('scheduler', error); // the same outage: not logged again
 * health.up('delivery'); health.up('scheduler'); // `Redis is back: …`, once
 */
export class RedisHealth {
  private readonly parts = new Map<string, RedisPartSays>();
  private readonly away = new Set<string>();
  private outage = false;

  constructor(private readonly logger: Logger = silentLogger) {}

  /** A part of the process that uses Redis, with what an outage means for it. */
  register(part: string, says: RedisPartSays): void {
    this.parts.set(part, says);
  }

  /** The part stopped: it no longer counts (an outage it reported ends without it). */
  unregister(part: string): void {
    this.parts.delete(part);
    this.away.delete(part);
    if (this.away.size === 0) this.outage = false;
  }

  /** A part found Redis away; the first report of an outage is logged. */
  down(part: string, error: Error): void {
    this.away.add(part);
    if (this.outage) return;
    this.outage = true;
    const says = [...this.parts.values()].map((p) => p.down);
    this.logger.warn(
      { error: (error as NodeJS.ErrnoException).code ?? error.name },
      ['Redis is unreachable: requests and votes go on', ...says].join('; '),
    );
  }

  /** A part reached Redis again; the outage ends (logged) once no part reports it away. */
  up(part: string): void {
    if (!this.away.delete(part) || this.away.size > 0 || !this.outage) return;
    this.outage = false;
    const says = [...this.parts.values()].map((p) => p.back);
    this.logger.info(`Redis is back${says.length > 0 ? `: ${says.join('; ')}` : ''}`);
  }
}
