import type { Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import type { ConnectionState } from '../../src/delivery/port/index.ts';

/** How long past its own timeout a getUpdates call may go unanswered (default). */
export const STALLED_POLL_MS = 15_000;

/**
 * The connection state of a polling bot, as the outermost API transformer on `getUpdates`: a
 * failed call (network, 5xx, 409, a 429 while the Bot API server restarts) is a lost connection.
 * An answer is up again when it is empty, else once its updates are handled: when grammY (or
 * catchUp) asks for the next ones, before that call's commit (which runs synchronously after
 * this). After a failure the next call does not wait (timeout 0), so a recovered connection
 * shows at once. A call unanswered `stalledPollMs` past its own timeout is a lost connection too
 * (until it answers).
 *
 * @example
 * bot.api.config.use(pollWatch(connection)); // after the transformers that must run inside it
 */
export function pollWatch(
  connection: ConnectionState,
  stalledPollMs: number = STALLED_POLL_MS,
): Transformer {
  /** The last answer carried updates: up once they are handled (at the next call). */
  let handlingAnswer = false;
  return async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    if (handlingAnswer) connection.up();
    handlingAnswer = false;
    const recovering = connection.lostSince() !== null;
    const timeout = recovering ? 0 : ((payload as { timeout?: number }).timeout ?? 0);
    const stalled = setTimeout(() => connection.lost(), timeout * 1000 + stalledPollMs);
    stalled.unref();
    let answer: Awaited<ReturnType<typeof prev>>;
    try {
      answer = await prev(method, recovering ? { ...payload, timeout } : payload, signal);
    } catch (error) {
      if (!signal?.aborted) connection.lost(); // aborted: the polling stops
      throw error;
    } finally {
      clearTimeout(stalled);
    }
    if (!answer.ok) connection.lost();
    else if ((answer.result as Update[]).length === 0) connection.up();
    else handlingAnswer = true;
    return answer;
  };
}
