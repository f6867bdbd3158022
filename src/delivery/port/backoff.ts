/**
 * How long to wait before attempt `attempt + 1` after `attempt` failures: one second, doubling,
 * at most `maxMs`. The one back-off formula of the outbox and the adapters.
 *
 * @example
 * backoffMs(0, 60_000)  // 1000
 * backoffMs(3, 60_000)  // 8000
 * backoffMs(10, 60_000) // 60000
 */
export function backoffMs(attempt: number, maxMs: number): number {
  return Math.min(1000 * 2 ** Math.min(Math.max(attempt, 0), 30), maxMs);
}
