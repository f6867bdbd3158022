/**
 * Thrown by an adapter when a message could not be delivered. `retryAfterMs` for a passing
 * problem (a 429, the network); `permanent` when trying again cannot help (the bot was removed).
 * The dispatcher keeps the message, and the chat's later messages behind it, until it goes out.
 *
 * @example
 * throw new DeliveryError('rate limit', { retryAfterMs: 1000 });
 * throw new DeliveryError('bot was removed', { permanent: true });
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly options: { retryAfterMs?: number; permanent?: boolean } = {},
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
