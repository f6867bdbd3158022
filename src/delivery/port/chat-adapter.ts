import type { ChatConnection } from './connection-state.ts';
import type { Deliver } from './outbox-message.ts';

/**
 * One chat platform (Telegram, the console chat, later WhatsApp) as the composition root drives
 * it. The life cycle, in src/app/run-adapters.ts: for every adapter the dispatcher routes its
 * platform's chats to `deliver`, then `prepare()`; then `catchUp()` for every adapter; only then
 * may anything fall due (the scheduler starts); then `start()`; at the end `stop()` in reverse.
 *
 * @example
 * const adapters: ChatAdapter[] = [consoleChat, telegram];
 * for (const a of adapters) dispatcher.register(a.platform, a.deliver);
 * for (const a of adapters) await a.prepare();
 * for (const a of adapters) await a.catchUp();
 * await scheduler.start();
 * for (const a of adapters) await a.start();
 *
 * Private chats. A message someone sends the bot one to one (not in a group) is an
 * IncomingMessage with `private: true`; its `chatId` is the id of that private chat on this
 * platform, the one `deliver` sends the answer (and later a subscription's files) to:
 * `telegram:<user id>` (a positive Telegram chat id is a private chat), `console:prive:<name>`,
 * and for WhatsApp its direct chat `whatsapp:<number>`. Reactions and buttons in a private chat
 * are not votes: an adapter drops them. The core decides who gets an answer there.
 */
export interface ChatAdapter {
  /** The prefix of this platform's chat and member ids: `telegram`, `console`, `whatsapp`. */
  readonly platform: string;
  /** Delivers one outbox message into one of this platform's chats (the dispatcher's route). */
  readonly deliver: Deliver;
  /**
   * Connects and learns who the bot is there (a refused token stops the start here). A platform
   * it cannot reach is tried again until `signal` aborts (the process is asked to stop); then it
   * rejects with the signal's reason.
   */
  prepare(signal?: AbortSignal): Promise<void>;
  /**
   * Reads and applies everything that waited while the bot was down, before anything may fall
   * due (a vote cast then counts by its own time). Resolves with how many events it read.
   * `signal` as for `prepare`: what was not read by then waits at the platform for the next start.
   */
  catchUp(signal?: AbortSignal): Promise<number>;
  /** Starts receiving live events. */
  start(): Promise<void>;
  /** Stops receiving and waits for the event in hand; the outbox keeps what was not sent. */
  stop(): Promise<void>;
  /**
   * Whether the platform connection works and its backlog is read (see ConnectionState). The bot
   * writes its heartbeat, and lets due work run, only while every adapter's does (after a short
   * grace). Absent: always connected.
   */
  readonly connection?: ChatConnection;
}
