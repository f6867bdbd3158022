import { BotConfigSchema, type BotConfig } from '../../src/store/bot-config.ts';
import { VirtualClock } from '../../src/core/clock.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { Engine, type Outcome } from '../../src/engine/engine.ts';
import type { IncomingEvent } from '../../src/core/incoming.ts';
import type { BatchTicket } from '../../src/delivery/port/batch-ticket.ts';
import { takeSnapshot } from '../../src/store/snapshot.ts';

/** A reply as the tests see it. */
export interface SeenReply {
  chat: string;
  text: string;
  replyTo: string | null;
  at: Date;
  purpose: string;
}

/**
 * An engine on an in-memory database and a virtual clock, with short ways to talk to it.
 * The clock only moves through `at()`/`advance()`, which fire what falls due on the way.
 */
export class Harness {
  readonly db: Db;
  readonly clock: VirtualClock;
  engine: Engine;
  private messageCounter = 0;
  private seenOutbox = 0;

  constructor(
    config: unknown = {
      admins: ['admin'],
      teams: [{ id: 'noord', chats: ['noord'], coordinators: ['coco'], startDate: '2026-01-05' }],
    },
    start = '2026-03-02T09:00:00+01:00',
    options: { autoTeams?: boolean; db?: Db; webBaseUrl?: string } = {},
  ) {
    this.db = options.db ?? openDatabase(':memory:');
    this.clock = new VirtualClock(new Date(start));
    const parsed: BotConfig = BotConfigSchema.parse(config);
    this.engine = new Engine({
      db: this.db,
      clock: this.clock,
      config: parsed,
      autoTeams: options.autoTeams ?? false,
      ...(options.webBaseUrl ? { webBaseUrl: options.webBaseUrl } : {}),
    });
    this.engine.runDue(this.clock.now()); // the bot is up to date when a test begins
    this.seenOutbox = this.engine.sql.number('SELECT coalesce(max(id), 0) FROM outbox');
  }

  /** Moves the clock forward to `when` (ISO or Date), firing everything due on the way. */
  at(when: string | Date): this {
    const target = new Date(when);
    for (let due = this.engine.nextDueAt(); due && due <= target; due = this.engine.nextDueAt()) {
      this.clock.set(due);
      this.engine.runDue(due);
    }
    if (target > this.clock.now()) this.clock.set(target);
    return this;
  }

  /** Moves the clock forward by minutes. */
  advance(minutes: number): this {
    return this.at(new Date(this.clock.now().getTime() + minutes * 60_000));
  }

  /** A message from `from` in `chat` now (or at `options.at`, for late delivery). Returns its id. */
  say(
    from: string,
    text: string,
    options: { chat?: string; replyTo?: string; id?: string; at?: Date; batch?: BatchTicket } = {},
  ): string {
    const id = options.id ?? `m${++this.messageCounter}`;
    this.last = this.engine.handle(
      {
        kind: 'message',
        chatId: options.chat ?? 'noord',
        senderId: from,
        messageId: id,
        at: options.at ?? this.clock.now(),
        text,
        replyTo: options.replyTo ?? null,
      },
      options.batch,
    );
    return id;
  }

  /** A reaction from `from` on message `to`. */
  react(
    from: string,
    to: string,
    emoji: string | null,
    options: { chat?: string; at?: Date } = {},
  ): Outcome {
    const at = options.at ?? this.clock.now();
    this.last = this.engine.handle({
      kind: 'reaction',
      chatId: options.chat ?? 'noord',
      senderId: from,
      eventId: `r${++this.messageCounter}`,
      targetMessageId: to,
      emoji,
      at,
    });
    return this.last;
  }

  /** A vote button press. */
  press(
    from: string,
    requestNumber: number,
    vote: 'ja' | 'nee',
    options: { chat?: string } = {},
  ): Outcome {
    const at = this.clock.now();
    this.last = this.engine.handle({
      kind: 'button',
      chatId: options.chat ?? 'noord',
      senderId: from,
      eventId: `b${++this.messageCounter}`,
      requestNumber,
      vote,
      at,
    });
    return this.last;
  }

  /** Applies a raw event. */
  handle(event: IncomingEvent): Outcome {
    this.last = this.engine.handle(event);
    return this.last;
  }

  last: Outcome | null = null;

  /** The replies queued since the previous call. */
  replies(): SeenReply[] {
    const rows = this.engine.sql.all<{
      id: number;
      chat_id: string;
      text: string;
      reply_to: string | null;
      created_at: number;
      purpose: string;
    }>(
      'SELECT id, chat_id, text, reply_to, created_at, purpose FROM outbox WHERE id > ? ORDER BY id',
      this.seenOutbox,
    );
    if (rows.length) this.seenOutbox = rows[rows.length - 1]!.id;
    return rows.map((r) => ({
      chat: r.chat_id,
      text: r.text,
      replyTo: r.reply_to,
      at: new Date(r.created_at),
      purpose: r.purpose,
    }));
  }

  /** The texts of the replies since the previous call. */
  texts(): string[] {
    return this.replies().map((r) => r.text);
  }

  /** The whole state, as `mmb state --json` prints it. */
  state() {
    return takeSnapshot(this.engine.sql);
  }

  /** A team's pot figures. */
  team(id = 'noord') {
    const team = this.state().teams.find((t) => t.id === id);
    if (!team) throw new Error(`no team ${id}`);
    return team;
  }

  /** A request by number. */
  request(number: number, team = 'noord') {
    const request = this.state().requests.find((r) => r.number === number && r.team === team);
    if (!request) throw new Error(`no request #${number} in ${team}`);
    return request;
  }
}
