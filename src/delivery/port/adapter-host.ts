import type { IncomingEvent } from '../../core/incoming.ts';
import type { AdapterStore } from './adapter-store.ts';
import type { BatchTicket } from './batch-ticket.ts';
import type { NoticePurpose } from './reply-purpose.ts';

/** What handling one inbound event did, as far as an adapter cares. */
export interface Handled {
  /** False when the event had been applied before (a redelivery): nothing changed. */
  applied: boolean;
  /** A short answer for the member alone (a button's toast), when the platform has one. */
  toast?: string;
}

/** A command as a platform's command menu shows it. */
export interface MenuCommand {
  /** The name typed after the slash, lower case. */
  name: string;
  /** One line on what it does. */
  summary: string;
  /** How to type it, e.g. `/huishouden <code>`. */
  usage: string;
  /** Who may use it. */
  role: 'member' | 'coordinator' | 'adviser' | 'admin';
}

/**
 * Everything an adapter may ask of the core, given to it by the composition root (src/app/). An
 * adapter never reads tables or imports the engine, the dispatcher or the store: it turns what
 * the platform says into incoming events for `handle`, and delivers what the dispatcher hands it.
 *
 * @example
 * const outcome = host.handle({ kind: 'message', chatId: 'telegram:-1001', senderId: 'telegram:11',
 *   messageId: '5', at: new Date(), text: 'ja' });
 * if (outcome.toast) await answerButton(outcome.toast);
 */
export interface AdapterHost {
  /**
   * Applies one inbound event exactly once (a redelivered one changes nothing). With an open
   * batch's ticket it waits for that batch's commit; without one it is durable when this returns
   * (it may commit other adapters' batches early to be so), and throws when it is not.
   */
  handle(event: IncomingEvent, batch?: BatchTicket): Handled;
  /**
   * Opens a batch for this adapter: the events handled with its ticket share one commit, each its
   * own savepoint; nothing of it is delivered before the commit. Other adapters' batches may share
   * that commit (and commit it early). Throws when none can be opened (another writer holds the
   * lock): the events then take a transaction each. Use InboundBatch.
   */
  beginBatch(): BatchTicket;
  /**
   * Commits the batch (with whatever shares its transaction); throws when its events were undone —
   * by this commit or an earlier one that failed — and must be asked for again.
   */
  commitBatch(batch: BatchTicket): void;
  /** Whether a chat is linked to a team. */
  isLinked(chatId: string): boolean;
  /** Moves a chat to a new id (a group that got a new one): its link, requests, waiting replies. */
  moveChat(fromChatId: string, toChatId: string): boolean;
  /**
   * One person seen under two member ids (WhatsApp: a LID, then the phone number): moves what
   * `fromId` holds (votes, requests, roles, name, overview subscription) to `toId` where `toId`
   * has none, so a vote never counts twice. Returns whether anything moved.
   */
  mergeMember(fromId: string, toId: string): boolean;
  /** The linked chats of a platform (`telegram`), e.g. to check what the bot can see there. */
  linkedChats(platform: string): string[];
  /**
   * Queues a notice for a chat once ever (across restarts, keyed by chat and purpose) and has it
   * delivered; returns whether it queued it now.
   */
  noticeOnce(chatId: string, purpose: NoticePurpose, text: string): boolean;
  /** The bot's commands, for a platform's command menu. */
  commands(): readonly MenuCommand[];
  /** Delivers what waits in the outbox now (after input the core did not see, e.g. a failure). */
  deliverNow(): void;
  /**
   * The adapter's own key-value store in the bot's database (`adapter` names it, e.g.
   * `whatsapp`): for state the platform needs kept, such as a session. Backed up with the rest.
   */
  store(adapter: string): AdapterStore;
}
