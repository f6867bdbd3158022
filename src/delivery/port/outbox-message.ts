import type { ReplyPurpose } from './reply-purpose.ts';
import type { RequestView } from './request-view.ts';

/** A file that goes with a message (an export): delivered as a document where the platform can. */
export interface OutboxFile {
  filename: string;
  mediaType: string;
  data: Uint8Array;
}

/**
 * A stored outbox message: a reply the bot owes a chat.
 *
 * @example
 * const message: OutboxMessage = { id: 7, chatId: 'telegram:-1001', text: 'Saldo: € 2.000,00',
 *   replyTo: '42', requestId: null, purpose: 'reply', createdAt: new Date(), attempts: 0, files: [] };
 */
export interface OutboxMessage {
  id: number;
  chatId: string;
  text: string;
  /** The platform's id of the message this answers, or null. */
  replyTo: string | null;
  /** The request the reply is about, or null. */
  requestId: number | null;
  purpose: ReplyPurpose;
  createdAt: Date;
  attempts: number;
  files: OutboxFile[];
}

/**
 * An outbox message as the dispatcher hands it to an adapter: with the view of its request
 * (null when it is about none), computed once for this delivery.
 *
 * @example
 * deliver({ ...message, view: { number: 1, status: 'open', platformMessageId: null, text: '…' } })
 */
export interface DeliveredMessage extends OutboxMessage {
  view: RequestView | null;
}

/**
 * What an adapter says after delivering: the platform's id of the (last) message it sent, so
 * replies to it can be traced and a request message edited later.
 *
 * @example
 * const sent: Delivered = { platformMessageId: '1234' };
 */
export interface Delivered {
  platformMessageId: string | null;
}

/**
 * What an adapter does with one outbox message: send it, or throw a `DeliveryError`.
 *
 * @example
 * const deliver: Deliver = async (message) => ({ platformMessageId: await send(message.text) });
 */
export type Deliver = (message: DeliveredMessage) => Promise<Delivered>;
