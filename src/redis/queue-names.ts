/** The default key prefix (`MMB_QUEUE_PREFIX`): several bots share a Redis with their own. */
export const DEFAULT_QUEUE_PREFIX = 'mmb';

/** The queue of due work: one delayed job for the next moment something falls due. */
export const DUE_QUEUE = 'due';

/** The name of a due job (BullMQ's job name; the id says when). */
export const DUE_JOB = 'run-due';

/**
 * The id of the job that runs what falls due at `at`: deterministic, so every process (and every
 * reconciliation) that sees the same database adds the same job, and adding it twice is harmless.
 * Never all digits and never a `:` (BullMQ refuses both).
 *
 * @example
 * dueJobId(new Date('2026-03-03T08:00:00.250Z')) // 'due-20260303T080000250Z'
 */
export function dueJobId(at: Date): string {
  return `due-${at.toISOString().replace(/[-:.]/g, '')}`;
}

/** The name of a delivery job (BullMQ's job name; the id says which outbox row). */
export const DELIVER_JOB = 'deliver';

/**
 * The delivery queue of a platform: one per platform, so each platform's worker runs in the
 * process that holds its connection, at its own pace.
 *
 * @example
 * deliveryQueue('telegram') // 'deliver-telegram'
 */
export function deliveryQueue(platform: string): string {
  return `deliver-${platform}`;
}

/**
 * The id of the job that delivers outbox row `outboxId`: deterministic, so adding it twice (a
 * flush and a reconciliation) is harmless. Never all digits and never a `:`.
 *
 * @example
 * deliveryJobId(42) // 'outbox-42'
 */
export function deliveryJobId(outboxId: number): string {
  return `outbox-${outboxId}`;
}
