/**
 * Thrown by an adapter when a message could not be delivered. `retryAfterMs` for a passing
 * problem (a 429, the network); `permanent` when trying again cannot help (the bot was removed);
 * `waiting` when the message was not tried at all because the platform asks the bot to wait (its
 * send budget is used up, the connection is down): that is no failed attempt, so a message can
 * wait for as long as it takes and is never given up for it.
 * The dispatcher keeps the message, and the chat's later messages behind it, until it goes out.
 *
 * @example
 * throw new DeliveryError('rate limit', { retryAfterMs: 1000, waiting: true });
 * throw new DeliveryError('bot was removed', { permanent: true });
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { retryAfterMs?: number; permanent?: boolean; waiting?: boolean } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
