import { GrammyError, InputFile, type Api } from 'grammy';
import type { Logger } from '../../src/core/logger.ts';
import {
  type ChatRateLimiter,
  type Delivered,
  type DeliveredMessage,
  DeliveryError,
  type RequestView,
  splitText,
} from '../../src/delivery/port/index.ts';
import { NO_BUTTONS, voteKeyboard } from './callback-data.ts';
import { chatNumber, telegramId } from './chat-ids.ts';
import { errorFacts, isNotModified, migratedTo, toDeliveryError } from './delivery-errors.ts';
import { ShownMessages } from './shown-messages.ts';
import { MAX_CAPTION_CHARS, MAX_MESSAGE_CHARS } from './telegram-limits.ts';

/** A file to send into a chat (an export, an overview). */
export interface DocumentToSend {
  filename: string;
  data: Uint8Array;
  caption?: string;
}

export interface TelegramDeliveryOptions {
  api: Api;
  limiter: ChatRateLimiter;
  logger: Logger;
  /** Called when Telegram says a group became a supergroup (the outbox should follow it). */
  onMigrated: (fromChatId: string, toChatId: string) => void;
}

type Keyboard = ReturnType<typeof voteKeyboard> | typeof NO_BUTTONS;

/** How a kind of message is shown in Telegram. */
type Rendering =
  /** A new message; vote buttons under it while the request is open. */
  | 'with-buttons'
  /** The request message edited in place (a new message when it cannot be). */
  | 'edit'
  /** The request message edited to its outcome (buttons gone), then the message sent. */
  | 'edit-then-send'
  /** A new message, then its files as documents. */
  | 'send';

/**
 * How each kind of outbox message is shown. Exhaustive: a new ReplyPurpose does not compile until
 * it is decided here.
 */
function renderingOf(purpose: DeliveredMessage['purpose']): Rendering {
  switch (purpose) {
    case 'request-opened':
      return 'with-buttons';
    case 'tally':
      return 'edit';
    case 'approved':
    case 'expired':
    case 'cancelled':
      return 'edit-then-send';
    case 'reply':
    case 'privacy':
    case 'reminder':
    case 'period':
    case 'overview':
    case 'export':
    case 'privacy-mode':
      return 'send';
    default: {
      const unknown: never = purpose;
      return unknown;
    }
  }
}

/**
 * Delivers outbox messages into Telegram chats: a new request gets the vote buttons, a tally
 * edits the request message in place, a decision is sent and takes the buttons away, files that
 * come with a message (exports) follow it as documents. Keeps each
 * chat under Telegram's limits by refusing with a `DeliveryError` that says how long to wait,
 * so the dispatcher keeps the message and the chat's order.
 */
export class TelegramDelivery {
  /** What the request messages show: an edit to the same is skipped. */
  private readonly shown = new ShownMessages();

  constructor(private readonly options: TelegramDeliveryOptions) {}

  /**
   * The dispatcher's route for `telegram:` chats.
   *
   * @example
   * dispatcher.register('telegram', delivery.deliver)
   */
  readonly deliver = async (message: DeliveredMessage): Promise<Delivered> => {
    const chat = chatNumber(message.chatId);
    if (chat === null) throw new DeliveryError('not a telegram chat', { permanent: true });
    try {
      return await this.deliverTo(chat, message);
    } catch (error) {
      const to = migratedTo(error);
      if (to !== null) {
        this.options.onMigrated(message.chatId, telegramId(to));
        throw new DeliveryError('chat migrated', { retryAfterMs: 0 });
      }
      if (error instanceof DeliveryError) throw error; // our own: the chat's budget is used up
      this.options.logger.debug(
        { chat: message.chatId, outboxId: message.id, ...errorFacts(error) },
        'telegram delivery failed',
      );
      throw toDeliveryError(error);
    }
  };

  /**
   * Sends a file into a chat as a document (multipart upload); resolves with Telegram's message id.
   * Waits for the chat's send budget; a refusal comes back as a `DeliveryError`.
   *
   * @example
   * await delivery.sendDocument('telegram:-1001', { filename: 'overzicht.csv', data, caption: 'Overzicht' })
   */
  async sendDocument(chatId: string, document: DocumentToSend): Promise<string> {
    const chat = chatNumber(chatId);
    if (chat === null) throw new DeliveryError('not a telegram chat', { permanent: true });
    for (
      let wait = this.options.limiter.take(chatId);
      wait > 0;
      wait = this.options.limiter.take(chatId)
    )
      await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      return await this.upload(chat, document);
    } catch (error) {
      throw toDeliveryError(error);
    }
  }

  private async deliverTo(chat: number, message: DeliveredMessage): Promise<Delivered> {
    const { view } = message;
    const parts = splitText(message.text, MAX_MESSAGE_CHARS).length;
    const rendering = renderingOf(message.purpose);
    if (rendering === 'with-buttons') {
      this.reserve(message.chatId, parts);
      const open = view?.status === 'open';
      const sent = await this.send(chat, message, open ? voteKeyboard(view.number) : undefined);
      if (parts === 1)
        this.shown.remember(chat, sent.platformMessageId, message.text, open ? view.number : null);
      return sent;
    }
    if (rendering === 'edit' && view?.platformMessageId) {
      if (this.showsAlready(chat, view)) return { platformMessageId: view.platformMessageId };
      this.reserve(message.chatId, 1);
      if (await this.editRequest(chat, view)) return { platformMessageId: view.platformMessageId };
      this.reserve(message.chatId, parts); // the request message is gone: say it in a new one
      return this.send(chat, message);
    }
    if (rendering === 'edit-then-send' && view?.platformMessageId) {
      const edit = !this.showsAlready(chat, view);
      this.reserve(message.chatId, (edit ? 1 : 0) + parts);
      if (edit) await this.editRequest(chat, view); // edit first: a retry never sends the decision twice
      return this.send(chat, message);
    }
    const files = message.files ?? [];
    this.reserve(message.chatId, parts + files.length);
    const sent = await this.send(chat, message);
    for (const file of files) await this.upload(chat, file);
    return sent;
  }

  private async upload(chat: number, document: DocumentToSend): Promise<string> {
    const caption = document.caption?.slice(0, MAX_CAPTION_CHARS);
    const sent = await this.options.api.sendDocument(
      chat,
      new InputFile(document.data, document.filename),
      caption ? { caption } : {},
    );
    return String(sent.message_id);
  }

  /** Takes sends from the chat's budget, or asks the dispatcher to come back later. */
  private reserve(chatId: string, cost: number): void {
    const wait = this.options.limiter.take(chatId, cost);
    if (wait > 0) throw new DeliveryError('rate limit', { retryAfterMs: wait, waiting: true });
  }

  /** Whether the request message shows the request as it stands already (no edit needed). */
  private showsAlready(chat: number, view: RequestView): boolean {
    const buttons = view.status === 'open' ? view.number : null;
    const text = view.text.slice(0, MAX_MESSAGE_CHARS);
    return this.shown.shows(chat, view.platformMessageId!, text, buttons);
  }

  /** Edits the request message to show the request as it stands; false when it cannot be edited. */
  private async editRequest(chat: number, view: RequestView): Promise<boolean> {
    const open = view.status === 'open';
    const markup: Keyboard = open ? voteKeyboard(view.number) : NO_BUTTONS;
    const id = view.platformMessageId!;
    const text = view.text.slice(0, MAX_MESSAGE_CHARS);
    const shown = () => this.shown.remember(chat, id, text, open ? view.number : null);
    this.shown.forget(chat, id); // until Telegram says what it shows
    try {
      await this.options.api.editMessageText(chat, Number(id), text, {
        reply_markup: markup,
        link_preview_options: { is_disabled: true },
      });
      shown();
      return true;
    } catch (error) {
      if (isNotModified(error)) {
        shown();
        return true;
      }
      if (error instanceof GrammyError && error.error_code === 400 && migratedTo(error) === null) {
        this.options.logger.debug({ ...errorFacts(error) }, 'request message cannot be edited');
        return false;
      }
      throw error;
    }
  }

  /** Sends a message (in parts when it is too long); returns the id of the last part. */
  private async send(
    chat: number,
    message: DeliveredMessage,
    markup?: Keyboard,
  ): Promise<{ platformMessageId: string }> {
    const parts = splitText(message.text, MAX_MESSAGE_CHARS);
    const replyTo = message.replyTo === null ? NaN : Number(message.replyTo);
    let id = '';
    for (const [index, part] of parts.entries()) {
      const first = index === 0;
      const last = index === parts.length - 1;
      const sent = await this.options.api.sendMessage(chat, part, {
        ...(first && Number.isSafeInteger(replyTo)
          ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
          : {}),
        ...(last && markup ? { reply_markup: markup } : {}),
        link_preview_options: { is_disabled: true },
      });
      id = String(sent.message_id);
    }
    return { platformMessageId: id };
  }
}
