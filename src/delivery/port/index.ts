/**
 * The adapter port: everything a chat platform's adapter (adapters/) may use of the core, and
 * nothing else (`npm run check:layers` lets adapters import the port only through this file).
 * An adapter implements ChatAdapter, reaches the core only through the AdapterHost it is given,
 * and delivers what the dispatcher hands it; the rest are shared helpers every adapter needs.
 */

// What an adapter is, and what it may ask of the core.
export type { ChatAdapter } from './chat-adapter.ts';
export type { AdapterHost, Handled, MenuCommand } from './adapter-host.ts';
export type { AdapterStore, AdapterStoreEntry } from './adapter-store.ts';
export type { BatchTicket } from './batch-ticket.ts';

// Inbound: events of one read share a commit.
export { InboundBatch, MAX_BATCH_MS, type InboundBatchOptions } from './inbound-batch.ts';

// Outbound: what the dispatcher hands an adapter to deliver, and how it answers.
export type {
  Deliver,
  Delivered,
  DeliveredMessage,
  OutboxFile,
  OutboxMessage,
} from './outbox-message.ts';
export { DeliveryError } from './delivery-error.ts';
export {
  REPLY_PURPOSES,
  toReplyPurpose,
  type NoticePurpose,
  type ReplyPurpose,
} from './reply-purpose.ts';
export type { RequestView } from './request-view.ts';

// Shared helpers: per-chat send limits, retry waits, long texts, the connection's state.
export { ChatRateLimiter, type RateLimits } from './chat-rate-limiter.ts';
export { backoffMs } from './backoff.ts';
export { splitText } from './split-text.ts';
export { ALWAYS_CONNECTED, ConnectionState, type ChatConnection } from './connection-state.ts';
