import type { OutboxDelivery } from '../delivery/outbox-delivery.ts';
import type { ChatAdapter } from '../delivery/port/chat-adapter.ts';

/** What may fall due once the adapters have read their backlog (the scheduler). */
export interface DueStarter {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The start was ended by a stop (SIGTERM) before every adapter had read its backlog: what was
 * started is stopped again, and `left` says, per platform, what waits for the next start.
 */
export class StartInterrupted extends Error {
  constructor(readonly left: Record<string, string>) {
    super('the bot was stopped during its start');
  }
}

/**
 * Starts every configured adapter the same way: each gets its platform's route in the dispatcher
 * and prepares; then every adapter reads its backlog; then the scheduler starts; then each
 * adapter starts receiving. Returns how to stop them again (in reverse), then the scheduler.
 *
 * The rule of this loop: every adapter has read its backlog before anything may fall due, so a
 * vote that waited while the bot was down counts before its request expires.
 *
 * `signal` (the process was asked to stop) ends the start wherever it is, also while a platform
 * cannot be reached: what was started is stopped again and it rejects with StartInterrupted.
 *
 * @example
 * const stop = await startAdapters([consoleChat, telegram], { dispatcher, scheduler, signal });
 * // …
 * await stop();
 */
export async function startAdapters(
  adapters: readonly ChatAdapter[],
  core: {
    dispatcher: Pick<OutboxDelivery, 'register' | 'unregister'>;
    scheduler: DueStarter;
    /** Runs once the scheduler started, before the adapters start (the daily purge). */
    afterCatchUp?: () => void;
    /** Aborted: the process is asked to stop; the start ends where it is. */
    signal?: AbortSignal;
  },
): Promise<() => Promise<void>> {
  const { dispatcher, scheduler, signal } = core;
  const begun: ChatAdapter[] = [];
  const caughtUp = new Set<ChatAdapter>();
  let schedulerStarted = false;
  const stop = async () => {
    for (const adapter of [...begun].reverse()) {
      await adapter.stop();
      dispatcher.unregister(adapter.platform);
    }
    if (schedulerStarted) await scheduler.stop();
  };
  try {
    for (const adapter of adapters) {
      signal?.throwIfAborted();
      dispatcher.register(adapter.platform, adapter.deliver);
      begun.push(adapter);
      await adapter.prepare(signal);
    }
    for (const adapter of adapters) {
      signal?.throwIfAborted();
      await adapter.catchUp(signal);
      caughtUp.add(adapter);
    }
    signal?.throwIfAborted();
    // Every adapter has read its backlog by now: only then may anything fall due.
    schedulerStarted = true;
    await scheduler.start();
    core.afterCatchUp?.();
    for (const adapter of adapters) await adapter.start();
  } catch (error) {
    if (!signal?.aborted) throw error;
    await stop();
    const left: Record<string, string> = {};
    for (const adapter of adapters)
      if (!caughtUp.has(adapter)) left[adapter.platform] = 'backlog not read: it waits there';
    throw new StartInterrupted(left);
  }
  return stop;
}
