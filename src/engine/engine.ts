import { findCommand } from '../../commands/index.ts';
import type { BotConfig } from '../store/bot-config.ts';
import type { Clock } from '../core/clock.ts';
import type { EventContext } from '../rules/context.ts';
import { inWriteTransaction, type Db } from '../store/database.ts';
import { eventKey, type IncomingEvent, type IncomingMessage } from '../core/incoming.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { trustedTime } from '../core/trusted-time.ts';
import { onMessage } from './on-message.ts';
import { onButton, onReaction } from './on-reaction.ts';
import { enqueue, type Reply } from '../delivery/outbox.ts';
import { parseMessage } from '../text/parse-message.ts';
import { ensurePeriodOpen, periodAnnouncements } from '../rules/period-opening.ts';
import { unlinkedHint } from '../rules/replies.ts';
import { mergeMember } from '../store/merge-member.ts';
import { countWaitingVotes } from '../rules/request-flow.ts';
import { requestById } from '../store/requests.ts';
import { inboxPurgedThrough } from '../store/purge-marks.ts';
import { lastEventAt, recordApplied, wasApplied } from '../store/inbox.ts';
import { Statements } from '../store/statements.ts';
import { isAdviser, isCoordinator, rememberMember } from '../store/teams.ts';
import type { DueSource } from '../scheduling/due-source.ts';
import { DueTimetable } from './due-timetable.ts';
import { TeamAdmin } from './team-admin.ts';
import { onPrivateMessage } from './private-chat.ts';
import { holdsExportJob } from '../overview/export-job.ts';
import { holdForRendering, renderHeldExports } from './export-rendering.ts';
import type { BatchTicket } from '../delivery/port/batch-ticket.ts';
import { SharedBatch } from './shared-batch.ts';

export interface EngineOptions {
  db: Db;
  clock: Clock;
  config?: BotConfig;
  /** Make every unknown chat a team with the default rules (replay without --config, the demo). */
  autoTeams?: boolean;
  logger?: Logger;
  /** Where the monitor web page is (MMB_PUBLIC_URL), for `/web`'s links; none: `/web` says it is off. */
  webBaseUrl?: string | null;
}

/** What handling one event did. */
export interface Outcome {
  /** False when the event had been applied before (a redelivery): nothing changed. */
  applied: boolean;
  /** How many replies it queued in the outbox. */
  replies: number;
  /** A short answer for the member alone (a button's toast), when the platform has one. */
  toast?: string;
}

/** The event with lone UTF-16 surrogates replaced (SQLite would store them as invalid UTF-8). */
const wellFormed = (event: IncomingEvent): IncomingEvent => ({
  ...event,
  ...(event.senderName === undefined ? {} : { senderName: event.senderName.toWellFormed() }),
  ...(event.kind === 'message' ? { text: event.text.toWellFormed() } : {}),
});

/**
 * The budget engine: applies each inbound event exactly once, in one transaction that holds its
 * effects, its dedupe record and the replies it owes (alone, or batched: beginBatch), and tells
 * its listeners after each commit. What falls due (expiry, reminders, a new budget period, an
 * overview) comes from the database through the `DueTimetable`, so a restart picks it all up;
 * administrators and the chats of teams are the `TeamAdmin`'s. Their public methods here are
 * thin delegations that add the notifying.
 */
export class Engine implements DueSource {
  readonly sql: Statements;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly teams: TeamAdmin;
  private readonly timetable: DueTimetable;
  private readonly listeners = new Set<() => void>();
  /** The group commit the batches share (beginBatch): listeners hear at its commit. */
  private readonly batch: SharedBatch;
  /** An export job may wait in the outbox to be rendered (see export-rendering.ts); at start too. */
  private exportsHeld = true;
  private readonly webBaseUrl: string | null;

  constructor(options: EngineOptions) {
    this.sql = new Statements(options.db);
    this.clock = options.clock;
    this.logger = options.logger ?? silentLogger;
    this.webBaseUrl = options.webBaseUrl ?? null;
    this.teams = new TeamAdmin(this.sql, this.clock, options.autoTeams ?? false);
    this.timetable = new DueTimetable(this.sql, () => ({
      admins: this.teams.admins,
      advisers: this.teams.advisers,
    }));
    this.batch = new SharedBatch(options.db, {
      afterCommit: (committed) => {
        if (committed) this.renderExports();
        this.notify();
      },
      undone: () => this.timetable.forget(), // the batch's writes were undone
    });
    if (options.config) this.applyConfig(options.config);
    this.renderExports(); // one a crash left unrendered
  }

  /** Takes in a (new) configuration: administrators, teams, their chats and coordinators. */
  applyConfig(config: BotConfig): void {
    this.timetable.forget(); // settings may have changed
    this.teams.applyConfig(config);
    this.notify();
  }

  /** Calls `listener` after every commit that queued replies or changed what is due. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    if (this.batch.open) return; // its commit tells them, once what they would read is durable
    for (const listener of this.listeners) listener();
  }

  /** Whether the batches' shared transaction is open (see beginBatch): it is not durable yet. */
  get inBatch(): boolean {
    return this.batch.open;
  }

  /**
   * Opens a batch and returns its ticket: the events handled with it (`handle(event, ticket)`)
   * share one write transaction (`BEGIN IMMEDIATE`) and so one synced commit (group commit), each
   * still its own atomic unit, a SAVEPOINT (effects, dedupe record and replies together; a failing
   * event undoes only itself). Each batch of each adapter has its own ticket; they all share the
   * one transaction that is open (see SharedBatch). Until its commit nothing of it is durable: the
   * listeners (the dispatcher) are not called, and the dispatcher delivers nothing while the
   * connection is in a transaction. The caller must `commitBatch(ticket)` before it confirms the
   * events to the platform. Throws when no transaction can be opened (the lock is taken).
   *
   * @example
   * const ticket = engine.beginBatch();
   * for (const event of polled) engine.handle(event, ticket);
   * engine.commitBatch(ticket); // then confirm them to the platform
   */
  beginBatch(): BatchTicket {
    return this.batch.begin();
  }

  /**
   * Closes a batch: commits the shared transaction (with the events of every batch in it; the
   * others keep batching in a new one) and then tells the listeners. Throws when the commit failed
   * — it is rolled back whole — or when an earlier commit undid events of this ticket: its events
   * must be delivered again — also when the connection was closed meanwhile (close() discarded it).
   *
   * @example
   * engine.commitBatch(ticket); // throws: ask the platform again from the batch's first event
   */
  commitBatch(ticket: BatchTicket): void {
    this.batch.commit(ticket);
  }

  /**
   * Makes every write so far durable: commits the batches' shared transaction when one is open
   * (early, which is safe: the batches keep their tickets). For writes made outside the engine on
   * its connection that a caller relies on at once (an adapter's session keys). Throws when that
   * commit failed; the batches whose events it undid report it at their commit.
   *
   * @example
   * state.write(entries); engine.makeDurable(); // the session keys are on disk now
   */
  makeDurable(): void {
    this.batch.settle();
  }

  /**
   * Applies one inbound event exactly once. A redelivered event (same platform id) changes nothing.
   * With an open batch's `ticket`: a savepoint of the shared transaction, durable at its commit.
   * Without one it is durable when this returns (the caller may confirm it): in its own
   * transaction, or — while other batches hold the shared transaction open — as a savepoint of it
   * and then that transaction is committed (early, which is safe; a failure throws here and marks
   * the batches whose events it undid).
   *
   * @example
   * engine.handle({ kind: 'message', chatId: 'console:groep', senderId: 'console:anna',
   *   messageId: '1', at: new Date(), text: 'grofvuil €33 voor huishouden 12' })
   * // { applied: true, replies: 1 }
   */
  handle(event: IncomingEvent, ticket?: BatchTicket): Outcome {
    const batched = ticket !== undefined && this.batch.join(ticket);
    let outcome: Outcome;
    try {
      outcome = inWriteTransaction(this.sql.db, () => this.apply(wellFormed(event)));
    } catch (error) {
      this.timetable.forget(); // what it wrote was undone: what falls due is read again
      throw error;
    }
    if (!batched) this.batch.settle(); // durable before the caller confirms it
    if (outcome.applied) {
      this.renderExports();
      this.logger.debug({ kind: event.kind, replies: outcome.replies }, 'event applied');
      this.notify();
    } else {
      this.logger.debug({ kind: event.kind }, 'event already applied');
    }
    return outcome;
  }

  /**
   * The event at the time it counts at (docs/rules.md rule 14): a time a sender's device set is
   * replaced by `trustedTime` (the moment the bot received it; for a backlog event its own time
   * within the window since the chat's last event), and nothing counts later than the bot's clock,
   * so no budget period opens, and no reply waits, on a clock other than the bot's own.
   */
  private trusted(event: IncomingEvent): IncomingEvent {
    const now = this.clock.now();
    if (event.deviceTime) {
      const lastSeen = event.deviceTime === 'backlog' ? lastEventAt(this.sql, event.chatId) : null;
      const at = trustedTime({
        platformAt: event.at,
        receivedAt: now,
        lastSeenInChat: lastSeen === null || lastSeen === undefined ? null : new Date(lastSeen),
        backlog: event.deviceTime === 'backlog',
      });
      return { ...event, at };
    }
    return event.at.getTime() > now.getTime() ? { ...event, at: now } : event;
  }

  private apply(platformEvent: IncomingEvent): Outcome {
    const key = eventKey(platformEvent);
    const event = this.trusted(platformEvent);
    // At or before the purge mark: its dedupe key may be purged (retention.ts), so it counts as applied.
    if (event.at.getTime() <= inboxPurgedThrough(this.sql) || wasApplied(this.sql, key))
      return { applied: false, replies: 0 };
    const messageId = event.kind === 'message' ? event.messageId : null;
    recordApplied(this.sql, {
      key,
      chatId: event.chatId,
      messageId,
      senderId: event.senderId,
      at: event.at,
    });
    const admins = this.teams.admins;
    if (event.kind === 'message' && event.private) {
      const roles = { admins, advisers: this.teams.advisers, webBaseUrl: this.webBaseUrl };
      return this.queue(event, messageId, onPrivateMessage(this.sql, event, roles, key));
    }
    rememberMember(this.sql, event.senderId, event.senderName, event.at);
    const team = this.teams.teamFor(event);
    const isAdmin = admins.has(event.senderId);
    if (!team)
      return this.queue(
        event,
        messageId,
        event.kind === 'message' && isAdmin ? this.onUnlinked(event) : [],
      );
    const { period, renewed } = ensurePeriodOpen(this.sql, team, event.at);
    if (renewed) {
      for (const due of periodAnnouncements(this.sql, team))
        enqueue(this.sql, due.chatId, due.reply, period!.start);
    }
    const sql = this.sql;
    // The roles are read only when a rule asks (a command), once per event.
    let coordinator: boolean | undefined;
    let adviser: boolean | undefined;
    const ctx: EventContext = {
      sql,
      team,
      chatId: event.chatId,
      senderId: event.senderId,
      ...(event.senderPending ? { senderPending: true } : {}),
      messageId,
      replyTo: event.kind === 'message' ? (event.replyTo ?? null) : null,
      mentions: event.kind === 'message' ? (event.mentions ?? []) : [],
      at: event.at,
      isAdmin,
      get isCoordinator() {
        return (coordinator ??= isCoordinator(sql, team.id, event.senderId));
      },
      get isAdviser() {
        return (adviser ??= isAdviser(sql, team.id, event.senderId));
      },
    };
    if (event.kind === 'message')
      return this.queue(event, messageId, onMessage(ctx, period, event, admins));
    if (event.kind === 'reaction') return this.queue(event, messageId, onReaction(ctx, event));
    if (!period)
      return this.queue(event, messageId, [], 'Het budget van dit team is nog niet gestart.');
    const pressed = onButton(ctx, event);
    return this.queue(event, messageId, pressed.replies, pressed.toast);
  }

  /** Queues an event's replies in the outbox (in its transaction): what handling it did. */
  private queue(
    event: IncomingEvent,
    messageId: string | null,
    replies: Reply[],
    toast?: string,
  ): Outcome {
    for (const reply of replies) {
      const id = enqueue(this.sql, event.chatId, reply, event.at, messageId);
      if (holdsExportJob(reply.files)) {
        holdForRendering(this.sql, id); // until its files are rendered, after the commit
        this.exportsHeld = true;
      }
    }
    return { applied: true, replies: replies.length, ...(toast ? { toast } : {}) };
  }

  /**
   * Renders the exports that events queued, after their commit and outside any transaction, so
   * the slow part (the PDF) never holds the write lock; they are in the outbox before the
   * listeners hear of the commit. Never throws: what failed stays held in the outbox and is
   * rendered at the next start.
   */
  private renderExports(): void {
    if (!this.exportsHeld || this.sql.db.inTransaction || !this.sql.db.open) return;
    this.exportsHeld = false;
    try {
      const rendered = renderHeldExports(this.sql, this.logger);
      if (rendered > 0) this.logger.debug({ rendered }, 'exports rendered');
    } catch (error) {
      this.logger.error({ error: (error as Error).name }, 'storing a rendered export failed');
    }
  }

  /** In a chat without a team, administrators get /koppel and /help, and a hint for anything else. */
  private onUnlinked(message: IncomingMessage): Reply[] {
    const parsed = parseMessage(message.text);
    if (parsed.kind !== 'command') return [];
    const command = findCommand(parsed.name, 'group');
    if (command?.scope !== 'chat') return [{ text: unlinkedHint() }];
    return command.run(
      {
        sql: this.sql,
        team: null,
        chatId: message.chatId,
        senderId: message.senderId,
        messageId: message.messageId,
        replyTo: message.replyTo ?? null,
        at: message.at,
        isAdmin: true,
        isCoordinator: false,
        isAdviser: false,
        admins: this.teams.admins,
      },
      parsed.args,
    );
  }

  /** The earliest moment something falls due (a deadline, a reminder, a new period), or null. */
  nextDueAt(): Date | null {
    return this.timetable.nextDueAt();
  }

  /**
   * Fires everything that fell due up to `now`, one item at a time in time order, each in its own
   * transaction and judged at its own due time. Returns how many items it fired.
   */
  runDue(now: Date = this.clock.now()): number {
    const fired = this.timetable.runDue(now);
    if (fired > 0) {
      this.batch.settle(); // fired inside an open batch: made durable like any write of no batch
      this.exportsHeld = true; // a subscription's files
      this.renderExports();
      this.logger.debug({ fired }, 'due items fired');
      this.notify();
    }
    return fired;
  }

  /** Whether a chat is linked to a team. */
  isLinked(chatId: string): boolean {
    return this.teams.isLinked(chatId);
  }

  /**
   * Moves a chat to a new id in one transaction: its team link, its requests and the replies not
   * sent yet (a Telegram group that became a supergroup). Returns whether anything moved.
   *
   * @example
   * engine.moveChat('telegram:-123', 'telegram:-100123') // true
   */
  moveChat(fromChatId: string, toChatId: string): boolean {
    const moved = this.teams.moveChat(fromChatId, toChatId);
    if (moved) {
      this.batch.settle(); // durable before the adapter acts on it
      this.logger.info({ from: fromChatId, to: toChatId }, 'chat moved');
      this.notify();
    }
    return moved;
  }

  /**
   * One person under two member ids (a WhatsApp LID before the phone number was known): moves
   * `fromId`'s votes, requests, roles, name and overview subscription to `toId` where `toId` has
   * none, in one transaction, durable when it returns (see handle without a ticket). `toId` is
   * the resolved identity: the votes that waited for it count now, once (not the requester's own,
   * not a second one), and a request they bring to enough "ja" is approved, its confirmation in
   * the same transaction (docs/rules.md rule 15). Returns whether anything moved.
   *
   * @example
   * engine.mergeMember('whatsapp:1234@lid', 'whatsapp:31612345678') // true
   */
  mergeMember(fromId: string, toId: string): boolean {
    const moved = inWriteTransaction(this.sql.db, () => {
      const merged = mergeMember(this.sql, fromId, toId);
      const at = this.clock.now();
      for (const id of new Set(merged.counted)) {
        const request = requestById(this.sql, id);
        if (!request) continue;
        for (const reply of countWaitingVotes(this.sql, request, at))
          enqueue(this.sql, request.chatId, reply, at);
      }
      return merged.moved;
    });
    if (moved) {
      this.batch.settle(); // durable before the adapter acts on it
      this.timetable.forget(); // a deadline's tally may have changed
      this.notify();
    }
    return moved;
  }
}
