/** BullMQ's rate limiter for a queue: at most `max` jobs in any `duration` ms. */
export interface QueueLimit {
  max: number;
  duration: number;
}

/**
 * The pace of each platform's delivery queue, for the whole platform (the adapters still pace
 * each chat themselves and say `DeliveryError.waiting` when a chat must wait):
 * - Telegram: about 30 messages a second over all chats (the Bot API's broadcast limit).
 * - WhatsApp: one a second on average with a burst of 8, the number's pace of
 *   `WHATSAPP_PACING.number` in adapters/whatsapp/whatsapp-delivery.ts.
 * - The console chat (and any other platform): no limit.
 *
 * @example
 * deliveryLimit('telegram') // { max: 30, duration: 1000 }
 * deliveryLimit('console')  // undefined
 */
export function deliveryLimit(platform: string): QueueLimit | undefined {
  switch (platform) {
    case 'telegram':
      return { max: 30, duration: 1_000 };
    case 'whatsapp':
      return { max: 8, duration: 8_000 };
    default:
      return undefined;
  }
}
