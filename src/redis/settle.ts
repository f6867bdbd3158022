import type { Worker } from 'bullmq';

/** How long a stopping BullMQ part lets its worker finish the job in hand (and a queue close). */
export const CLOSE_TIMEOUT_MS = 10_000;
/** The same, while Redis is away: nothing there to wait for. */
export const CLOSE_TIMEOUT_REDIS_DOWN_MS = 1_000;

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
