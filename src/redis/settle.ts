import type { Worker } from 'bullmq';

/**
 * How long a stopping BullMQ part lets its worker finish the job in hand (and a queue close):
 * short enough that a stopped process ends within 10 s (see src/app/stop-signals.ts).
 */
export const CLOSE_TIMEOUT_MS = 5_000;
/** The same, while Redis is away: nothing there to wait for. */
export const CLOSE_TIMEOUT_REDIS_DOWN_MS = 1_000;

/**
 * How long a stopping part waits for a close: briefly when Redis is away (noticed, or its
 * connection not ready now: the part may not have heard of the outage yet), else CLOSE_TIMEOUT_MS.
 *
 * @example
 * closePatience(true, 'ready') // 1000
 * closePatience(false, 'reconnecting') // 1000
 */
export function closePatience(redisDown: boolean, status: string | undefined): number {
  return redisDown || (status !== undefined && status !== 'ready')
    ? CLOSE_TIMEOUT_REDIS_DOWN_MS
    : CLOSE_TIMEOUT_MS;
}

/**
 * Whether `promise` settled within `ms` (a failure counts as settled): how a shutdown gives a
 * close call its time without hanging on it.
 *
 * @example
 * await within(queue.close(), 10_000) // true when closed in time, false when it hung
 */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes a BullMQ worker: the job in hand finishes within `patience` ms, else it is closed by force.
 *
 * @example
 * await closeWorker(worker, 10_000)
 */
export async function closeWorker(worker: Worker, patience: number): Promise<void> {
  if (!(await within(worker.close(), patience))) await within(worker.close(true), 1_000);
}

/**
 * Resolves after `ms` milliseconds.
 *
 * @example
 * await sleep(50)
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
