import type {
  AnyMessageContent,
  MiscMessageGenerationOptions,
  WAMessage,
} from '@whiskeysockets/baileys';
import type { Logger } from '../../src/core/logger.ts';
import {
  ChatRateLimiter,
  type Delivered,
  type DeliveredMessage,
  DeliveryError,
  type RateLimits,
  type ReplyPurpose,
  splitText,
} from '../../src/delivery/port/index.ts';
import type { RecentMessages } from './socket-caches.ts';
import { isWhatsAppGroup, jidOf } from './whatsapp-ids.ts';

/** The longest text the bot sends in one WhatsApp message. */
export const WHATSAPP_MAX_TEXT = 4096;

/** How fast the bot sends: per group, and for the whole number (one key for all chats). */
export interface WhatsAppPacing {
  chat: RateLimits;
  number: RateLimits;
  /** At most this many ms are added to a wait, at random (default 500). */
  jitterMs?: number;
}

/** A calm pace: WhatsApp bans numbers that send like a bot. */
export const WHATSAPP_PACING: WhatsAppPacing = {
  chat: { perSecond: 0.5, burst: 4, perMinuteInGroup: 20 },
  number: { perSecond: 1, burst: 8, perMinuteInGroup: 60 },
  jitterMs: 500,
};

/** What delivery needs of the socket. */
export interface SendingSocket {
  sendMessage(
    jid: string,
    content: AnyMessageContent,
    options?: MiscMessageGenerationOptions,
  ): Promise<WAMessage | undefined>;
}

export interface WhatsAppDeliveryOptions {
  /** The connected socket, or why there is none. */
  socket: () => SendingSocket | 'connecting' | 'logged-out';
  recent: RecentMessages;
  clock: { now(): Date };
  logger: Logger;
  pacing?: WhatsAppPacing;
  random?: () => number;
}

interface Step {
  content: AnyMessageContent;
  options?: MiscMessageGenerationOptions;
}

const NUMBER = 'whatsapp:number';

/**
 * WhatsApp's `*bold*` where it helps, in the adapter's rendering only: the request named in an
 * outcome or reminder, the title line of an overview or a new period.
 *
 * @example
 * whatsappText('✅ Aanvraag #1 is toegekend: …', 'approved') // '✅ *Aanvraag #1* is toegekend: …'
 */
export function whatsappText(text: string, purpose: ReplyPurpose): string {
  switch (purpose) {
    case 'approved':
    case 'expired':
    case 'cancelled':
    case 'reminder':
      return text.replace(/Aanvraag #\d+/, (name) => `*${name}*`);
    case 'overview':
    case 'period': {
      const [first = '', ...rest] = text.split('\n');
      if (first.trim() === '' || first.includes('*')) return text;
      return [`*${first.trim()}*`, ...rest].join('\n');
    }
    case 'reply':
    case 'privacy':
    case 'request-opened':
    case 'tally':
    case 'export':
    case 'privacy-mode':
      return text;
  }
}

/**
 * Delivers outbox messages into WhatsApp groups: texts quote the message they answer, a counted
 * vote becomes a ✅ reaction on the vote itself, files go as documents, long texts in parts. Paced
 * per group and for the whole number; while paced or disconnected it throws a DeliveryError with
 * the wait, so the outbox keeps the message (and the chat's order) and tries again.
 */
export class WhatsAppDelivery {
  private readonly perChat: ChatRateLimiter;
  private readonly perNumber: ChatRateLimiter;

  constructor(private readonly options: WhatsAppDeliveryOptions) {
    const pacing = options.pacing ?? WHATSAPP_PACING;
    this.perChat = new ChatRateLimiter(pacing.chat, options.clock, isWhatsAppGroup);
    this.perNumber = new ChatRateLimiter(pacing.number, options.clock);
  }

  readonly deliver = async (message: DeliveredMessage): Promise<Delivered> => {
    const jid = jidOf(message.chatId);
    if (!jid) throw new DeliveryError('not a WhatsApp chat', { permanent: true });
    const socket = this.options.socket();
    if (socket === 'logged-out')
      throw new DeliveryError('whatsapp is not linked', {
        retryAfterMs: 10 * 60_000,
        waiting: true,
      });
    if (socket === 'connecting')
      throw new DeliveryError('whatsapp not connected', {
        retryAfterMs: this.jittered(2000),
        waiting: true,
      });
    const steps = this.steps(message);
    const wait = Math.max(
      this.perNumber.take(NUMBER, steps.length),
      this.perChat.take(message.chatId, steps.length),
    );
    if (wait > 0)
      throw new DeliveryError('whatsapp paced', {
        retryAfterMs: this.jittered(wait),
        waiting: true,
      });
    let last: string | null = null;
    for (const step of steps) {
      let sent: WAMessage | undefined;
      try {
        sent = await socket.sendMessage(jid, step.content, step.options);
      } catch (error) {
        this.options.logger.warn({ error: (error as Error).name }, 'whatsapp send failed');
        throw new DeliveryError('whatsapp send failed');
      }
      if (sent) {
        this.options.recent.put(sent);
        last = sent.key.id ?? last;
      }
    }
    return { platformMessageId: last };
  };

  private steps(message: DeliveredMessage): Step[] {
    const quoted = this.options.recent.get(message.replyTo);
    const texts = (): Step[] =>
      splitText(whatsappText(message.text, message.purpose), WHATSAPP_MAX_TEXT).map((text, i) => ({
        content: { text },
        ...(quoted && i === 0 ? { options: { quoted } } : {}),
      }));
    switch (message.purpose) {
      case 'tally':
        // The vote counted: a ✅ on the vote itself instead of a text (the text when it is gone).
        return quoted ? [{ content: { react: { text: '✅', key: quoted.key } } }] : texts();
      case 'export':
        return [
          ...(message.text.trim() === '' ? [] : texts()),
          ...message.files.map((file) => ({
            content: {
              document: Buffer.from(file.data),
              fileName: file.filename,
              mimetype: file.mediaType,
            },
          })),
        ];
      case 'reply':
      case 'privacy':
      case 'request-opened':
      case 'approved':
      case 'expired':
      case 'cancelled':
      case 'reminder':
      case 'period':
      case 'overview':
      case 'privacy-mode':
        return texts();
    }
  }

  private jittered(ms: number): number {
    const jitter = this.options.pacing?.jitterMs ?? WHATSAPP_PACING.jitterMs ?? 0;
    return Math.ceil(ms + (this.options.random ?? Math.random)() * jitter);
  }
}
