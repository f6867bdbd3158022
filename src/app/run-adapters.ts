import type { OutboxDelivery } from '../delivery/outbox-delivery.ts';
import type { ChatAdapter } from '../delivery/port/chat-adapter.ts';

/** What may fall due once the adapters have read their backlog (the scheduler). */
export interface DueStarter {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts every configured adapter the same way: each gets its platform's route in the dispatcher
 * and prepares; then every adapter reads its backlog; then the scheduler starts; then each
 * adapter starts receiving. Returns how to stop them again (in reverse), then the scheduler.
 *
 * The rule of this loop: every adapter has read its backlog before anything may fall due, so a
 * vote that waited while the bot was down counts before its request expires.
 *
 * @example
 * const stop = await startAdapters([consoleChat, telegram], { dispatcher, scheduler });
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
  },
): Promise<() => Promise<void>> {
  const { dispatcher, scheduler } = core;
  for (const adapter of adapters) {
    dispatcher.register(adapter.platform, adapter.deliver);
    await adapter.prepare();
  }
  for (const adapter of adapters) await adapter.catchUp();
  // Every adapter has read its backlog by now: only then may anything fall due.
  await scheduler.start();
  core.afterCatchUp?.();
  for (const adapter of adapters) await adapter.start();
  return async () => {
    for (const adapter of [...adapters].reverse()) {
      await adapter.stop();
      dispatcher.unregister(adapter.platform);
    }
    await scheduler.stop();
  };
}
