import { DeliveryError } from './port/delivery-error.ts';
import type { Delivered, DeliveredMessage, Deliver } from './port/outbox-message.ts';

/**
 * How long one platform call (an adapter's `deliver`) may take before it counts as a failed
 * attempt. Above the Telegram adapter's own retries of a 429 (auto-retry: 3 × at most 30 s), so
 * only a call that hangs (a stalled connection, a platform that never answers) reaches it.
 */
export const DELIVERY_CALL_TIMEOUT_MS = 120_000;

/** The error a call that took too long fails with (a counted attempt, tried again after back-off). */
export class DeliveryTimeout extends DeliveryError {
  constructor(ms: number) {
    super(`the platform did not answer within ${Math.round(ms / 1000)} s`);
    this.name = 'DeliveryTimeout';
  }
}

/**
 * Calls `deliver`, but gives up waiting after `timeoutMs`: then it rejects with a
 * `DeliveryTimeout`, which the delivery records as a failed attempt and tries again later.
 *
 * "Maybe sent": a call that timed out may still reach the chat (the platform got it, its answer
 * did not come back). We choose to send it again rather than risk losing it: the outbox is
 * at-least-once, and a reply that arrives twice is a nuisance, a reply that never arrives is a
 * decision nobody hears of. The late answer is ignored: the row stays unsent until a retry is
 * confirmed. The timeout lies far above a normal call, so only a call that hangs meets it.
 *
 * @example
 * const { platformMessageId } = await deliverWithin(telegram.deliver, message, 120_000);
 */
export function deliverWithin(
  deliver: Deliver,
  message: DeliveredMessage,
  timeoutMs: number = DELIVERY_CALL_TIMEOUT_MS,
): Promise<Delivered> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryTimeout(timeoutMs)), timeoutMs);
    timer.unref();
  });
  const call = deliver(message);
  call.catch(() => {}); // a call that fails after its timeout is no unhandled rejection
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}
