/** Where the bot gets the time from. Injected everywhere, so tests and replay run on virtual time. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that only moves when told to: used by replay and tests.
 *
 * @example
 * const clock = new VirtualClock(new Date('2026-03-02T08:00:00Z'))
 * clock.set(new Date('2026-03-03T08:00:00Z'))
 */
export class VirtualClock implements Clock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current.getTime());
  }

  set(to: Date): void {
    this.current = new Date(to.getTime());
  }
}
