import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, BotError, GrammyError, HttpError, type Transformer } from 'grammy';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../src/core/clock.ts';
import { MmbError } from '../../src/core/errors.ts';
import type { Logger } from '../../src/core/logger.ts';
import {
  type AdapterHost,
  backoffMs,
  type ChatAdapter,
  ChatRateLimiter,
  ConnectionState,
  type Deliver,
  InboundBatch,
  type RateLimits,
} from '../../src/delivery/port/index.ts';
import { TELEGRAM, telegramId } from './chat-ids.ts';
import { commandMenus } from './command-menu.ts';
import { errorFacts } from './delivery-errors.ts';
import { TelegramDelivery, type DocumentToSend } from './telegram-delivery.ts';
import { isTelegramGroup, TELEGRAM_LIMITS } from './telegram-limits.ts';
import {
  toIncomingButton,
  toIncomingMessage,
  toIncomingReaction,
  type TelegramCallbackQuery,
  type TelegramMessage,
  type TelegramReaction,
} from './to-incoming.ts';
import { checkVisibility } from './visibility-check.ts';
import { WebhookBatch } from './webhook-batch.ts';
import { readWebhookRequest } from './webhook-request.ts';
import { WebhookServer } from './webhook-server.ts';
import { WebhookWatch } from './webhook-watch.ts';
import { pollWatch } from './poll-watch.ts';

/** The longest wait between two tries to reach an unreachable Telegram (start, backlog). */
export const RETRY_MAX_MS = 30_000;

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', aborted);
    };
    const aborted = () => {
      done();
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

/** grammY types its signals with an older AbortSignal declaration; at run time it is the same. */
const forGrammy = (signal?: AbortSignal) => signal as unknown as Parameters<Bot['api']['getMe']>[0];

/** What the bot asks Telegram for. `message_reaction` must be named: it is not sent by default. */
export const ALLOWED_UPDATES = [
  'message',
  'edited_message',
  'callback_query',
  'message_reaction',
] as const;

type Update = Parameters<Bot['handleUpdate']>[0];

export interface TelegramWebhook {
  /** The https:// address Telegram posts to (TELEGRAM_WEBHOOK_URL). */
  url: string;
  /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token; other posts are refused. */
  secret: string;
  /** The port to listen on behind the HTTPS proxy (0: any free port, for tests). */
  port: number;
  host?: string;
}

export interface TelegramAdapterOptions {
  token: string;
  /** A self-hosted Bot API server instead of https://api.telegram.org (TELEGRAM_API_ROOT). */
  apiRoot?: string;
  /** What the adapter may ask of the core (src/app/adapter-host.ts). */
  host: AdapterHost;
  clock: Clock;
  logger: Logger;
  /** Receive updates through a webhook instead of long polling. */
  webhook?: TelegramWebhook;
  /** Send limits per chat (default: Telegram's). */
  rateLimits?: RateLimits;
  /** With a webhook: how long a burst's first request waits for others to share its commit (ms). */
  webhookWindowMs?: number;
  /** Seconds a long poll waits for updates (default 30). */
  pollingTimeout?: number;
  /** Called when polling stops by itself (the token was revoked, another instance polls). */
  onFailure?: (error: unknown) => void;
  /**
   * How long past its own `timeout` a getUpdates call may go unanswered before the connection
   * counts as lost (a network that swallows the request; default 15 000 ms).
   */
  stalledPollMs?: number;
  /** With a webhook: how often Telegram is asked how the webhook fares (default 30 s). */
  webhookWatchMs?: number;
  /** With a webhook: its server, already listening (see listenForWebhook); else made at start. */
  webhookServer?: WebhookServer;
}

/**
 * The bot in Telegram groups (and private chats: `private: true`, see the port), through grammY: turns messages, vote buttons and reactions into
 * the core's incoming events, delivers the outbox (see TelegramDelivery), and runs by long
 * polling or a webhook. Bugs in handling an update are caught at one place (`bot.catch`) and
 * logged without message text.
 *
 * A ChatAdapter: started by src/app/run-adapters.ts like every other adapter.
 *
 * @example
 * const telegram = new TelegramAdapter({ token, host, clock, logger });
 * dispatcher.register(telegram.platform, telegram.deliver);
 * await telegram.prepare();
 * await telegram.catchUp();
 * await scheduler.start();
 * await telegram.start();
 */
export class TelegramAdapter implements ChatAdapter {
  readonly platform = TELEGRAM;
  readonly bot: Bot;
  private readonly delivery: TelegramDelivery;
  private readonly logger: Logger;
  private draining = false;
  /** The latest platform time seen in an update (for a button press read from the backlog). */
  private latestPlatformAt = 0;
  private polling: Promise<void> | null = null;
  private webhookServer: WebhookServer | null = null;
  private webhookPort: number | null = null;
  private readonly chatsSeen = new Set<string>();
  /** Group commit of the updates of one getUpdates answer (or of one webhook burst). */
  private readonly batch: InboundBatch;
  /** With a webhook: the requests that share a commit, each answered after it. */
  private webhookBatch: WebhookBatch | null = null;
  /** With a webhook: whether Telegram can deliver to it (the connection's state). */
  private webhookWatch: WebhookWatch | null = null;
  /** Button answers on their way (see answerButton). */
  private readonly answering = new Set<Promise<void>>();
  /**
   * Up while getUpdates answers and its updates are handled (poll-watch.ts), or, with a webhook,
   * while Telegram can deliver to it (webhook-watch.ts).
   */
  readonly connection: ConnectionState;

  constructor(private readonly options: TelegramAdapterOptions) {
    this.logger = options.logger.child({ adapter: 'telegram' });
    this.batch = new InboundBatch({ host: options.host, logger: this.logger, platform: TELEGRAM });
    this.bot = new Bot(options.token, {
      client: options.apiRoot ? { apiRoot: options.apiRoot } : {},
    });
    // 429s are waited out here when short; longer waits and network errors go back to the outbox.
    this.bot.api.config.use(
      autoRetry({ maxDelaySeconds: 30, maxRetryAttempts: 3, rethrowHttpErrors: true }),
    );
    this.bot.api.config.use(this.groupCommit);
    this.connection = new ConnectionState(options.clock);
    this.bot.api.config.use(pollWatch(this.connection, this.options.stalledPollMs));
    this.bot.catch((error) => this.onError(error));
    this.bot.use((ctx, next) => {
      // A webhook batch commits as a whole (see WebhookBatch): its requests wait for that commit.
      if (this.webhookBatch === null) this.batch.limitAge(ctx.update.update_id);
      return next();
    });
    this.bot.on('message', (ctx) => this.onMessage(ctx.message));
    this.bot.on('edited_message', (ctx) => this.onEdited(ctx.editedMessage));
    this.bot.on('callback_query:data', (ctx) => this.onButton(ctx.callbackQuery));
    this.bot.on('message_reaction', (ctx) => this.onReaction(ctx.messageReaction));
    this.delivery = new TelegramDelivery({
      api: this.bot.api,
      limiter: new ChatRateLimiter(
        options.rateLimits ?? TELEGRAM_LIMITS,
        options.clock,
        isTelegramGroup,
      ),
      logger: this.logger,
      onMigrated: (from, to) => this.migrated(from, to),
    });
  }

  /** The dispatcher's route for `telegram:` chats. */
  get deliver(): Deliver {
    return this.delivery.deliver;
  }

  /** The port the webhook server listens on, once started in webhook mode. */
  get listeningPort(): number | null {
    return this.webhookPort;
  }

  /**
   * Learns who the bot is (getMe), registers the command menus and checks what the bot can see
   * in each linked group, telling a group once when privacy mode hides its messages. A Telegram
   * that cannot be reached is tried again (one log line per try, see `retrying`) until it answers
   * or `signal` ends the start.
   */
  async prepare(signal?: AbortSignal): Promise<void> {
    try {
      await this.learnWhoIAm(signal);
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404))
        throw new MmbError(
          `Telegram weigert TELEGRAM_BOT_TOKEN (${error.error_code}).`,
          'Kopieer het token opnieuw bij BotFather (/mybots → API Token), of kijk TELEGRAM_API_ROOT na.',
        );
      throw error;
    }
    await this.registerCommands();
    await checkVisibility({
      api: this.bot.api,
      me: this.bot.botInfo,
      host: this.options.host,
      logger: this.logger,
    });
  }

  /**
   * Reads every update that waited while the bot was down (getUpdates without waiting, with the
   * same allowed_updates), applies each one, and confirms them, until none is left. Call it
   * before the scheduler starts: votes cast during the outage then count before anything expires.
   * Returns how many updates it read. `signal` ends the wait for an unreachable Telegram; what
   * was read and applied by then is confirmed at the next start's first call.
   */
  async catchUp(signal?: AbortSignal): Promise<number> {
    await this.learnWhoIAm(signal);
    // getUpdates is refused while a webhook is set; deleting it keeps the pending updates.
    await this.retrying(() => this.bot.api.deleteWebhook(undefined, forGrammy(signal)), signal);
    this.draining = true;
    let read = 0;
    let offset: number | undefined;
    try {
      for (;;) {
        const updates = await this.retrying(
          () =>
            this.bot.api.getUpdates(
              {
                ...(offset === undefined ? {} : { offset }),
                timeout: 0,
                allowed_updates: [...ALLOWED_UPDATES],
              },
              forGrammy(signal),
            ),
          signal,
        );
        if (updates.length === 0) break; // this call's offset confirmed everything read
        for (const update of updates) {
          await this.handleUpdate(update);
          offset = update.update_id + 1;
          read += 1;
        }
      }
    } finally {
      this.draining = false;
      this.batch.commit(); // a failure inside a batch: keep what was applied
    }
    this.connection.up();
    this.logger.info({ updates: read }, 'telegram backlog read');
    return read;
  }

  /** Starts receiving updates: long polling (grammY's `bot.start()`), or the webhook server. */
  async start(): Promise<void> {
    if (this.options.webhook) return this.startWebhook(this.options.webhook);
    await new Promise<void>((resolve, reject) => {
      this.polling = this.bot
        .start({
          allowed_updates: [...ALLOWED_UPDATES],
          timeout: this.options.pollingTimeout ?? 30,
          onStart: () => resolve(),
        })
        .finally(() => this.batch.commit()) // polling ended (stopped or failed) inside a batch
        .catch((error: unknown) => {
          this.connection.lost();
          this.logger.error({ ...errorFacts(error) }, 'telegram polling stopped');
          reject(
            error instanceof GrammyError && error.error_code === 409
              ? new MmbError(
                  'Een ander programma ontvangt de berichten van deze bot al (409).',
                  'Stop die andere, of haal daar TELEGRAM_WEBHOOK_URL weg.',
                )
              : error,
          );
          this.options.onFailure?.(error);
        });
    });
    this.logger.info({ mode: 'polling' }, 'telegram started');
  }

  /**
   * Stops receiving updates (confirming what was handled) and waits for the update in hand; the
   * outbox keeps what was not sent yet.
   */
  async stop(): Promise<void> {
    this.webhookWatch?.stop();
    this.webhookWatch = null;
    // The server listening since before the start (listenForWebhook) closes too when a stop came first.
    const closing = (this.webhookServer ?? this.options.webhookServer)?.close();
    await this.webhookBatch?.flush(); // the requests in hand get their answer
    const cut = await closing;
    if (cut)
      this.logger.warn(
        { connections: cut },
        'telegram webhook connections cut off at stop: Telegram sends a request in them again',
      );
    this.webhookServer = null;
    if (this.bot.isRunning()) {
      try {
        await this.bot.stop();
      } catch (error) {
        this.logger.warn({ ...errorFacts(error) }, 'telegram offset not confirmed at stop');
      }
    }
    await this.polling;
    this.polling = null;
    this.batch.commit();
    await Promise.all([...this.answering]);
  }

  /**
   * Sends a file (an export, an overview) into a chat as a document.
   *
   * @example
   * await telegram.sendDocument('telegram:-1001', { filename: 'overzicht.csv', data, caption: 'Overzicht Q1' })
   */
  sendDocument(chatId: string, document: DocumentToSend): Promise<string> {
    return this.delivery.sendDocument(chatId, document);
  }

  private async startWebhook(webhook: TelegramWebhook): Promise<void> {
    this.webhookBatch = new WebhookBatch({
      batch: this.batch,
      ...(this.options.webhookWindowMs === undefined
        ? {}
        : { windowMs: this.options.webhookWindowMs }),
    });
    const handle = (req: IncomingMessage, res: ServerResponse) =>
      this.onWebhook(webhook.secret, req, res);
    this.webhookServer =
      this.options.webhookServer ??
      new WebhookServer({
        path: new URL(webhook.url).pathname,
        port: webhook.port,
        ...(webhook.host ? { host: webhook.host } : {}),
      });
    this.webhookServer.serve(handle);
    this.webhookPort = await this.webhookServer.listen();
    await this.bot.api.setWebhook(webhook.url, {
      secret_token: webhook.secret,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
    this.webhookWatch = new WebhookWatch({
      getInfo: () => this.bot.api.getWebhookInfo(),
      connection: this.connection,
      logger: this.logger,
      now: () => this.options.clock.now().getTime(),
      ...(this.options.webhookWatchMs === undefined
        ? {}
        : { everyMs: this.options.webhookWatchMs }),
    });
    this.webhookWatch.start();
    this.logger.info({ mode: 'webhook', port: this.webhookPort }, 'telegram started');
  }

  /**
   * One webhook POST: its update joins the burst's batch, and the answer (Telegram's
   * acknowledgement) goes only after the commit that holds it: 200, or 500 when the commit failed
   * or the request could not be read, so Telegram sends it again. A bug in handling the update is
   * logged and the update done with (200), as in polling.
   */
  private async onWebhook(
    secret: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    try {
      const read = await readWebhookRequest(req, secret);
      if ('refuse' in read) {
        res.writeHead(read.refuse).end();
        return;
      }
      const update = read.update as Update;
      const ok = await this.webhookBatch!.add(update.update_id, () => this.handleUpdate(update));
      res.writeHead(ok ? 200 : 500).end();
    } catch (error) {
      // Its connection closed half-way (a stop cuts stalled requests off): Telegram sends it again.
      if (req.destroyed && !req.complete) {
        this.logger.debug('telegram webhook request closed before it arrived whole');
        return;
      }
      this.logger.warn({ ...errorFacts(error) }, 'telegram webhook request failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  }

  /**
   * Group commit, as a transformer on `getUpdates`: the updates of one answer (long polling or
   * the backlog) are applied in one engine batch — one synced commit instead of one per update,
   * each update still its own savepoint. The batch is committed before the next getUpdates call,
   * the call that confirms them to Telegram: nothing is confirmed before it is durable. Replies
   * wait in the outbox until the commit (the dispatcher holds), and so do the buttons' answers
   * (see onButton).
   *
   * The call `bot.stop()` makes to confirm the offset first waits for the polling loop to finish
   * the updates in hand. When a commit fails, the batch's updates are asked for again.
   */
  private readonly groupCommit: Transformer = async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    if (!this.draining && !this.bot.isRunning() && this.polling) await this.polling;
    this.batch.commit();
    const lostFrom = this.batch.lostFrom;
    const answer = await prev(
      method,
      lostFrom === null ? payload : { ...payload, offset: lostFrom },
      signal,
    );
    if (lostFrom !== null) this.batch.recovered(lostFrom);
    const updates = answer.ok ? (answer.result as Update[]) : [];
    if (updates.length > 0 && (this.draining || this.bot.isRunning()))
      this.batch.begin(updates[0]!.update_id);
    return answer;
  };

  /** getMe, once. (grammY's own `init` retries a network failure silently, up to 20 minutes apart.) */
  private async learnWhoIAm(signal?: AbortSignal): Promise<void> {
    if (!this.bot.isInited())
      this.bot.botInfo = await this.retrying(() => this.bot.api.getMe(forGrammy(signal)), signal);
  }

  /**
   * Calls the Bot API until it answers: network trouble and 5xx are waited out (a 429 by
   * autoRetry), at most RETRY_MAX_MS between tries, each failed try one log line that says when
   * the next one is. `signal` ends the wait at once (it rejects with the signal's reason).
   */
  private async retrying<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const wait = backoffMs(attempt, RETRY_MAX_MS);
      signal?.throwIfAborted();
      try {
        return await call();
      } catch (error) {
        signal?.throwIfAborted();
        const passing =
          error instanceof HttpError || (error instanceof GrammyError && error.error_code >= 500);
        if (!passing) throw error;
        this.logger.warn(
          { ...errorFacts(error), retryInMs: wait },
          `telegram unreachable: next try in ${Math.round(wait / 1000)} s`,
        );
        await abortableSleep(wait, signal);
      }
    }
  }

  /** Applies one update outside grammY's polling loop, with the same error boundary. */
  private async handleUpdate(update: Update): Promise<void> {
    try {
      await this.bot.handleUpdate(update);
    } catch (error) {
      if (error instanceof BotError) this.onError(error);
      else throw error;
    }
  }

  /** The one boundary for bugs in handling an update: logged without text, tokens or codes. */
  private onError(error: BotError): void {
    this.logger.error(
      { update: error.ctx.update.update_id, ...errorFacts(error.error) },
      'telegram update failed',
    );
  }

  private seen(dateSeconds: number): void {
    this.latestPlatformAt = Math.max(this.latestPlatformAt, dateSeconds * 1000);
  }

  private onMessage(message: TelegramMessage): void {
    this.seen(message.date);
    const chatId = telegramId(message.chat.id);
    if (message.migrate_to_chat_id !== undefined) {
      this.migrated(chatId, telegramId(message.migrate_to_chat_id));
      return;
    }
    if (message.migrate_from_chat_id !== undefined) {
      this.migrated(telegramId(message.migrate_from_chat_id), chatId);
      return;
    }
    const event = toIncomingMessage(message, this.bot.botInfo.username);
    if (!event) return;
    if (!event.private && !this.chatsSeen.has(chatId)) {
      this.chatsSeen.add(chatId); // once per chat and run: how an administrator finds the id
      if (!this.options.host.isLinked(chatId))
        this.logger.info(
          { chat: chatId },
          'message in a Telegram chat that is not linked to a team',
        );
    }
    this.batch.handle(event);
  }

  /** An edited message changes nothing; the core answers once per edited request or vote. */
  private onEdited(message: TelegramMessage): void {
    this.seen(message.edit_date ?? message.date);
    const event = toIncomingMessage(message, this.bot.botInfo.username);
    if (!event || (!event.private && !this.options.host.isLinked(event.chatId))) return;
    this.batch.handle({
      ...event,
      edited: true,
      at: new Date((message.edit_date ?? message.date) * 1000),
    });
  }

  private onReaction(reaction: TelegramReaction): void {
    this.seen(reaction.date);
    const event = toIncomingReaction(reaction);
    if (event) this.batch.handle(event);
  }

  /**
   * A button press: applied in the batch, and answered (the toast, "counted") only after the
   * commit that holds it — not awaited, so the batch never waits on the network, and the answers
   * of a batch go out together. When that commit failed the press is not answered at all: Telegram
   * sends the update again and that one is answered.
   */
  private onButton(query: TelegramCallbackQuery): void {
    const event = toIncomingButton(query, this.pressedAt(query));
    const outcome = event ? this.batch.handle(event) : null;
    this.batch.whenCommitted((durable) => {
      if (durable) this.answerButton(query.id, outcome?.toast);
    });
  }

  /** Answers a button press in the background (stop() waits for the answers in flight). */
  private answerButton(queryId: string, toast: string | undefined): void {
    const answering: Promise<void> = this.bot.api
      .answerCallbackQuery(queryId, toast ? { text: toast } : {})
      .then(
        () => undefined,
        (error: unknown) => {
          // A press read from the backlog is too old to answer; the vote itself counted.
          this.logger.debug({ ...errorFacts(error) }, 'callback query not answered');
        },
      )
      .finally(() => this.answering.delete(answering));
    this.answering.add(answering);
  }

  /**
   * When a button was pressed. Telegram gives a press no timestamp. Live, it is now (within a
   * poll's delay). From the backlog, the earliest it can have been: after the request message
   * and after every update Telegram queued before it.
   */
  private pressedAt(query: TelegramCallbackQuery): Date {
    const now = this.options.clock.now().getTime();
    const shown = (query.message?.date ?? 0) * 1000; // the press came after the message it is under
    if (!this.draining) return new Date(Math.max(now, shown));
    return new Date(Math.max(shown, Math.min(now, this.latestPlatformAt)));
  }

  private migrated(fromChatId: string, toChatId: string): void {
    if (!this.options.host.moveChat(fromChatId, toChatId)) return;
    this.logger.warn(
      { from: fromChatId, to: toChatId },
      'telegram group became a supergroup: its link moved; replace the old id in the teams file if it is listed there',
    );
  }

  private async registerCommands(): Promise<void> {
    const { members, everyone } = commandMenus(this.options.host.commands());
    try {
      await this.bot.api.setMyCommands(members, { scope: { type: 'all_group_chats' } });
      await this.bot.api.setMyCommands(everyone, { scope: { type: 'all_chat_administrators' } });
    } catch (error) {
      this.logger.warn({ ...errorFacts(error) }, 'telegram command menu not registered');
    }
  }
}
