import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made, as the fake server saw it. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** The error code the fake answered with, or -1 for a dropped connection; absent when it went fine. */
  failed?: number;
}

/** A file that came in through a multipart upload. */
export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

/** A message the bot sent, as it stands now (edits applied). */
export interface BotMessage {
  chatId: number;
  messageId: number;
  text: string;
  replyMarkup: unknown;
  replyTo: number | null;
  /** When it was sent (Unix seconds). */
  date: number;
}

/**
 * An answer the fake gives instead of the real one: a Bot API error, a dropped connection, or a
 * stalled one (the call is answered as usual, but only after `stallMs`: a black-holed network).
 */
export type Failure =
  | { error_code: number; description: string; parameters?: Record<string, unknown> }
  | 'network'
  | { stallMs: number };

/** A Telegram user in the tests. */
export interface FakeUser {
  id: number;
  first_name: string;
  is_bot?: boolean;
}

type Update = Record<string, unknown> & { update_id: number };

/** The update types Telegram leaves out when `allowed_updates` is empty. */
const NOT_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

class ApiFailure extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

/**
 * A fake Telegram Bot API server that speaks real HTTP on a loopback port, for grammY's own
 * client (`new Bot(token, { client: { apiRoot: fake.apiRoot } })`). It keeps an update queue
 * with Telegram's `getUpdates` semantics (offset confirms, long polling waits, `allowed_updates`
 * persists and filters), stores the messages the bot sends and edits, records every call, and
 * can answer the next calls of a method with an error (a 429 with `retry_after`, a 403, …).
 *
 * @example
 * const fake = await FakeBotApi.start();
 * fake.message({ chat: -1001, from: anna, text: '/saldo' });
 * await fake.waitFor(() => fake.sent(-1001).length > 0, 'the saldo reply');
 * await fake.close();
 */
export class FakeBotApi {
  readonly token = '123456:TEST-token-for-the-fake-bot-api';
  readonly botUser = { id: 999000, is_bot: true, first_name: 'MMB', username: 'mmb_test_bot' };
  /** What getMe says about privacy mode (false: the bot sees only commands and replies). */
  canReadAllGroupMessages = true;
  /** The bot's status per chat for getChatMember (default 'member'). */
  readonly botStatus = new Map<number, string>();
  /** Where the fake takes the time for updates without a date from. */
  clock: () => Date = () => new Date();
  calls: RecordedCall[] = [];
  /** How many calls of each method came in (failed ones included): cheap to read in a loop. */
  readonly counts = new Map<string, number>();
  readonly messages = new Map<string, BotMessage>();
  readonly answers: { id: string; text: string | undefined }[] = [];
  readonly commands: { scope: unknown; commands: unknown }[] = [];
  readonly documents: { chatId: number; file: UploadedFile; caption: string | undefined }[] = [];
  webhook: { url: string; secret: string | undefined } | null = null;
  /** What getWebhookInfo reports: updates Telegram holds for the webhook, and its last failure. */
  webhookPending = 0;
  webhookLastError: { date: number; message: string } | null = null;
  /** Every update ever queued; those at or after `confirmed` are still pending. */
  private log: Update[] = [];
  private confirmed = 0;
  private nextUpdateId = 1;
  private allowed: Set<string> | null = null;
  private readonly nextMessageId = new Map<number, number>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly migrated = new Map<number, number>();
  private readonly slowChats = new Map<number, number>();
  private readonly waiters = new Set<() => void>();
  private readonly watchers = new Set<() => void>();
  private callbackCounter = 0;
  private closing = false;

  private constructor(private readonly server: Server) {}

  /** Starts a fake server on a free loopback port. */
  static async start(): Promise<FakeBotApi> {
    let fake: FakeBotApi | null = null;
    const server = createServer((req, res) => void fake!.onRequest(req, res));
    fake = new FakeBotApi(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** The address to give grammY as `apiRoot`. */
  get apiRoot(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Stops the server, ending held long polls and open connections. */
  async close(): Promise<void> {
    this.closing = true;
    this.wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets the calls, messages and updates (keeps the port): for a second run on the same server. */
  reset(): void {
    this.calls = [];
    this.counts.clear();
    this.messages.clear();
    this.answers.length = 0;
    this.commands.length = 0;
    this.documents.length = 0;
    this.confirmed = this.nextUpdateId;
    this.log = [];
    this.allowed = null;
  }

  // ---- what the tests put in --------------------------------------------------------------

  /** Queues an update (the fake numbers it) and wakes a waiting long poll. Returns its update_id. */
  queue(update: Record<string, unknown>): number {
    const update_id = this.nextUpdateId++;
    this.log.push({ ...update, update_id });
    this.wake();
    return update_id;
  }

  /** Queues a text message from a user. Returns the update and message ids. */
  message(options: {
    chat: number;
    from: FakeUser;
    text?: string;
    replyTo?: number;
    date?: number;
    messageId?: number;
    extra?: Record<string, unknown>;
  }): { updateId: number; messageId: number } {
    const messageId = options.messageId ?? this.newMessageId(options.chat);
    const message: Record<string, unknown> = {
      message_id: messageId,
      date: options.date ?? this.seconds(),
      chat: this.chat(options.chat),
      from: { is_bot: false, ...options.from },
      ...(options.text === undefined ? {} : { text: options.text }),
      ...(options.replyTo === undefined
        ? {}
        : {
            reply_to_message: {
              message_id: options.replyTo,
              date: this.seconds(),
              chat: this.chat(options.chat),
            },
          }),
      ...options.extra,
    };
    return { updateId: this.queue({ message }), messageId };
  }

  /** Queues a vote button press on a bot message. Returns the update and callback query ids. */
  press(options: { chat: number; from: FakeUser; messageId: number; data: string }): {
    updateId: number;
    callbackId: string;
  } {
    const callbackId = `cq${++this.callbackCounter}`;
    const shown = this.messages.get(`${options.chat}/${options.messageId}`);
    const updateId = this.queue({
      callback_query: {
        id: callbackId,
        from: { is_bot: false, ...options.from },
        chat_instance: `ci${options.chat}`,
        data: options.data,
        message: {
          message_id: options.messageId,
          date: shown?.date ?? this.seconds(),
          chat: this.chat(options.chat),
          from: this.botUser,
          text: shown?.text ?? '',
        },
      },
    });
    return { updateId, callbackId };
  }

  /** Queues a reaction change (`emoji: null` takes the reaction off). Returns the update id. */
  react(options: {
    chat: number;
    from: FakeUser;
    messageId: number;
    emoji: string | null;
    old?: string[];
    date?: number;
  }): number {
    const emoji = (list: string[]) => list.map((e) => ({ type: 'emoji', emoji: e }));
    return this.queue({
      message_reaction: {
        chat: this.chat(options.chat),
        message_id: options.messageId,
        user: { is_bot: false, ...options.from },
        date: options.date ?? this.seconds(),
        old_reaction: emoji(options.old ?? []),
        new_reaction: emoji(options.emoji === null ? [] : [options.emoji]),
      },
    });
  }

  /** Queues the content of an earlier update once more, under a new update_id. */
  redeliver(updateId: number): number {
    const update = this.log.find((u) => u.update_id === updateId);
    if (!update) throw new Error(`no update ${updateId}`);
    const { update_id: _, ...content } = update;
    return this.queue(structuredClone(content));
  }

  /** Forgets that updates from `updateId` on were confirmed: as if the bot died before confirming. */
  rewind(updateId: number): void {
    this.confirmed = Math.min(this.confirmed, updateId);
    this.wake();
  }

  /** Answers the next `count` calls of `method` with `failure` instead. */
  failNext(method: string, count: number, failure: Failure): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /**
   * Makes every `sendMessage` to `chat` take `ms` before Telegram handles it. A client that goes
   * away meanwhile (the bot was killed) sent nothing: the call is not recorded and no message
   * appears, as when a request never got through.
   */
  slowChat(chat: number, ms: number): void {
    this.slowChats.set(chat, ms);
  }

  /** Makes a group a supergroup: sending to the old id fails with `migrate_to_chat_id`. */
  migrate(from: number, to: number): void {
    this.migrated.set(from, to);
  }

  // ---- what the tests read ----------------------------------------------------------------

  /** The calls of one method that went through (not the injected failures). */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.failed === undefined);
  }

  /** The texts of the sendMessage calls that went through and hold `part`, in order. */
  sentTexts(part: string): string[] {
    return this.callsOf('sendMessage')
      .map((call) => String(call.params.text))
      .filter((text) => text.includes(part));
  }

  /** The messages the bot has in a chat now, oldest first. */
  sent(chat: number): BotMessage[] {
    return [...this.messages.values()].filter((m) => m.chatId === chat);
  }

  /** The update ids below this one are confirmed (the bot asked for the ones after them). */
  get confirmedOffset(): number {
    return this.confirmed;
  }

  /**
   * Resolves once `predicate` holds, checking after every call the bot makes; rejects after
   * `timeoutMs` saying what it waited for.
   */
  waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        const seen = this.calls
          .filter((c) => c.method !== 'getUpdates')
          .map((c) => c.method + (c.failed ? `(${c.failed})` : ''))
          .join(', ');
        reject(new Error(`timed out waiting for ${what}; calls: ${seen}`));
      }, timeoutMs);
      this.watchers.add(check);
    });
  }

  // ---- the server -------------------------------------------------------------------------

  private seconds(): number {
    return Math.floor(this.clock().getTime() / 1000);
  }

  private chat(id: number): Record<string, unknown> {
    return id < 0
      ? { id, type: 'supergroup', title: 'Team' }
      : { id, type: 'private', first_name: 'Iemand' };
  }

  private newMessageId(chat: number): number {
    const id = this.nextMessageId.get(chat) ?? 1;
    this.nextMessageId.set(chat, id + 1);
    return id;
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private notify(): void {
    for (const check of [...this.watchers]) check();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    let params: Record<string, unknown>;
    try {
      params = await readParams(req);
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: bad body' });
    }
    if (token !== this.token) {
      this.calls.push({ method, params, failed: 401 });
      return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    let failure = this.failures.get(method)?.shift();
    if (failure && typeof failure === 'object' && 'stallMs' in failure) {
      const { stallMs } = failure;
      await new Promise((resolve) => setTimeout(resolve, stallMs));
      failure = undefined;
    }
    const slowMs =
      method === 'sendMessage' ? this.slowChats.get(Number(params.chat_id)) : undefined;
    if (slowMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, slowMs));
      if (req.socket.destroyed || this.closing) return;
    }
    if (failure === 'network') {
      this.calls.push({ method, params, failed: -1 });
      req.socket.destroy();
      this.notify();
      return;
    }
    if (failure) {
      this.calls.push({ method, params, failed: failure.error_code });
      send(res, failure.error_code, { ok: false, ...failure });
      this.notify();
      return;
    }
    const call: RecordedCall = { method, params };
    this.calls.push(call);
    try {
      const result = await this.run(method, params, res);
      if (result === undefined) return; // the client went away during a long poll
      send(res, 200, { ok: true, result });
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      call.failed = error.code;
      send(res, error.code, {
        ok: false,
        error_code: error.code,
        description: error.description,
        ...(error.parameters ? { parameters: error.parameters } : {}),
      });
    }
    this.notify();
  }

  private run(method: string, p: Record<string, unknown>, res: ServerResponse): unknown {
    switch (method) {
      case 'getMe':
        return {
          ...this.botUser,
          can_join_groups: true,
          can_read_all_group_messages: this.canReadAllGroupMessages,
          supports_inline_queries: false,
        };
      case 'getUpdates':
        return this.getUpdates(p, res);
      case 'deleteWebhook':
        this.webhook = null;
        return true;
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.webhookPending,
          ...(this.webhookLastError
            ? {
                last_error_date: this.webhookLastError.date,
                last_error_message: this.webhookLastError.message,
              }
            : {}),
        };
      case 'setWebhook':
        this.webhook = { url: String(p.url), secret: p.secret_token as string | undefined };
        this.setAllowed(p.allowed_updates);
        return true;
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
        return this.edit(p, { text: String(p.text ?? '') });
      case 'editMessageReplyMarkup':
        return this.edit(p, {});
      case 'answerCallbackQuery':
        this.answers.push({ id: String(p.callback_query_id), text: p.text as string | undefined });
        return true;
      case 'setMyCommands':
        this.commands.push({ scope: p.scope, commands: p.commands });
        return true;
      case 'getChatMember':
        return {
          status: this.botStatus.get(Number(p.chat_id)) ?? 'member',
          user: { ...this.botUser },
          ...(this.botStatus.get(Number(p.chat_id)) === 'administrator'
            ? { can_manage_chat: true, can_delete_messages: true }
            : {}),
        };
      case 'sendDocument':
        return this.sendDocument(p);
      default:
        throw new ApiFailure(404, 'Not Found: method not found');
    }
  }

  private setAllowed(value: unknown): void {
    if (!Array.isArray(value)) return; // not given: the earlier setting stays
    this.allowed = value.length === 0 ? null : new Set(value.map(String));
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((k) => k !== 'update_id') ?? '';
    return this.allowed ? this.allowed.has(type) : !NOT_BY_DEFAULT.has(type);
  }

  private pending(limit: number): Update[] {
    return this.log
      .filter((u) => u.update_id >= this.confirmed && this.isAllowed(u))
      .slice(0, limit);
  }

  private getUpdates(p: Record<string, unknown>, res: ServerResponse): Promise<unknown> | unknown {
    if (this.webhook)
      throw new ApiFailure(409, "Conflict: can't use getUpdates method while webhook is active");
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    if (offset > this.confirmed) {
      this.confirmed = offset;
      this.notify();
    }
    this.setAllowed(p.allowed_updates);
    const limit = typeof p.limit === 'number' ? Math.min(Math.max(p.limit, 1), 100) : 100;
    const timeout = typeof p.timeout === 'number' ? p.timeout : 0;
    const ready = this.pending(limit);
    if (ready.length > 0 || timeout <= 0) return ready;
    return new Promise((resolve) => {
      const finish = (value: unknown) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(value);
      };
      const wake = () => {
        const now = this.pending(limit);
        if (now.length > 0 || this.closing) finish(now);
      };
      const timer = setTimeout(() => finish([]), timeout * 1000);
      res.once('close', () => {
        if (!res.writableEnded) finish(undefined);
      });
      this.waiters.add(wake);
    });
  }

  private target(p: Record<string, unknown>): number {
    const chat = Number(p.chat_id);
    const to = this.migrated.get(chat);
    if (to !== undefined)
      throw new ApiFailure(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
        migrate_to_chat_id: to,
      });
    return chat;
  }

  private sendMessage(p: Record<string, unknown>): unknown {
    const chat = this.target(p);
    const text = String(p.text ?? '');
    if (text.length === 0) throw new ApiFailure(400, 'Bad Request: message text is empty');
    if (text.length > 4096) throw new ApiFailure(400, 'Bad Request: message is too long');
    const replyTo = (p.reply_parameters as { message_id?: number } | undefined)?.message_id ?? null;
    const message: BotMessage = {
      chatId: chat,
      messageId: this.newMessageId(chat),
      text,
      replyMarkup: p.reply_markup ?? null,
      replyTo,
      date: this.seconds(),
    };
    this.messages.set(`${chat}/${message.messageId}`, message);
    return this.asTelegram(message);
  }

  private edit(p: Record<string, unknown>, change: { text?: string }): unknown {
    const chat = this.target(p);
    const message = this.messages.get(`${chat}/${Number(p.message_id)}`);
    if (!message) throw new ApiFailure(400, 'Bad Request: message to edit not found');
    const text = change.text ?? message.text;
    const markup = p.reply_markup ?? null;
    if (text === message.text && JSON.stringify(markup) === JSON.stringify(message.replyMarkup)) {
      throw new ApiFailure(
        400,
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    message.text = text;
    message.replyMarkup = markup;
    return this.asTelegram(message);
  }

  private sendDocument(p: Record<string, unknown>): unknown {
    const chat = this.target(p);
    const file = p.document as UploadedFile | string | undefined;
    if (!file || typeof file === 'string')
      throw new ApiFailure(400, 'Bad Request: there is no document in the request');
    const caption = p.caption as string | undefined;
    this.documents.push({ chatId: chat, file, caption });
    const messageId = this.newMessageId(chat);
    return {
      message_id: messageId,
      date: this.seconds(),
      chat: this.chat(chat),
      from: this.botUser,
      document: {
        file_id: `doc${messageId}`,
        file_unique_id: `u${messageId}`,
        file_name: file.filename,
      },
      ...(caption ? { caption } : {}),
    };
  }

  private asTelegram(message: BotMessage): unknown {
    return {
      message_id: message.messageId,
      date: message.date,
      chat: this.chat(message.chatId),
      from: this.botUser,
      text: message.text,
      ...(message.replyMarkup ? { reply_markup: message.replyMarkup } : {}),
    };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

/** Reads a Bot API call's parameters from JSON or multipart/form-data (files become UploadedFile). */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(type)?.[2];
    if (!boundary) throw new Error('multipart without a boundary');
    const fields: Record<string, unknown> = {};
    const files = new Map<string, UploadedFile>();
    for (const part of multipartParts(body, boundary)) {
      if (part.filename === null) fields[part.name] = parseField(part.data.toString('utf8'));
      else files.set(part.name, { filename: part.filename, bytes: new Uint8Array(part.data) });
    }
    for (const [key, value] of Object.entries(fields)) {
      if (typeof value === 'string' && value.startsWith('attach://'))
        fields[key] = files.get(value.slice('attach://'.length)) ?? value;
    }
    return fields;
  }
  if (body.length === 0) return {};
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}

/** Multipart fields are strings; numbers and JSON objects are sent as their JSON text. */
function parseField(value: string): unknown {
  if (/^-?\d+$/.test(value)) return Number(value);
  if (value.startsWith('{') || value.startsWith('[')) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * The parts of a multipart/form-data body, read the way Telegram reads them: header names in any
 * case, with or without a space after the colon, and a filename quoted or not (grammY sends
 * `filename=a.csv`, which stricter parsers refuse).
 */
function multipartParts(
  body: Buffer,
  boundary: string,
): { name: string; filename: string | null; data: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { name: string; filename: string | null; data: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break; // the closing delimiter
    const next = body.indexOf(delimiter, start);
    if (next === -1) throw new Error('multipart without its closing boundary');
    const part = body.subarray(start + 2, next - 2); // without the CRLF after and before the delimiters
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) throw new Error('multipart part without headers');
    const headers = part.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) throw new Error('multipart part without a name');
    const file = /;\s*filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(disposition);
    parts.push({
      name,
      filename: file ? (file[1] ?? file[2] ?? '') : null,
      data: part.subarray(split + 4),
    });
    at = next;
  }
  return parts;
}
