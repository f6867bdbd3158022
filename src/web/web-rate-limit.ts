/**
 * At most `limit` sign-in attempts per address in a sliding window: guessing links is pointless
 * anyway (256 random bits), but this keeps anyone from hammering the database with tries. Kept in
 * memory; addresses whose window passed are forgotten on the way.
 *
 * @example
 * const limit = new RateLimit(10, 600_000)
 * limit.allow('192.0.2.1', now) // true, ten times; then false until the window moves on
 */
export class RateLimit {
  private readonly seen = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  allow(address: string, now: Date): boolean {
    const since = now.getTime() - this.windowMs;
    if (this.seen.size > 10_000) {
      for (const [key, times] of this.seen) if ((times.at(-1) ?? 0) <= since) this.seen.delete(key);
    }
    const times = (this.seen.get(address) ?? []).filter((t) => t > since);
    if (times.length >= this.limit) {
      this.seen.set(address, times);
      return false;
    }
    times.push(now.getTime());
    this.seen.set(address, times);
    return true;
  }
}
