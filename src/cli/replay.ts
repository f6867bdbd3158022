import type { BotConfig } from '../store/bot-config.ts';
import { VirtualClock } from '../core/clock.ts';
import type { Db } from '../store/database.ts';
import { Dispatcher } from '../delivery/dispatcher.ts';
import { Engine } from '../engine/engine.ts';
import { markSent, nextPendingAt, pendingMessages } from '../delivery/outbox.ts';
import type { OutboxMessage } from '../delivery/port/outbox-message.ts';
import { inRelaxedWriteTransaction } from '../store/database.ts';
import { lastOutboxId, waitingCount } from '../store/outbox.ts';
import type { Statements } from '../store/statements.ts';
import type { IncomingEvent } from '../core/incoming.ts';
import type { ReplayLine } from './replay-input.ts';
import { takeSnapshot, type Snapshot } from '../store/snapshot.ts';
import { readWebEnv, webBaseUrl } from '../web/web-env.ts';

/** A reply the bot gave during a replay. */
export interface ReplayReply {
  at: string;
  chat: string;
  text: string;
  replyTo: string | null;
  /** The names of the files that came with the reply (an export), only when there are any. */
  files?: string[];
}

export interface ReplayResult extends Snapshot {
  replies: ReplayReply[];
}

const toEvent = (line: Exclude<ReplayLine, { type: 'clock' }>): IncomingEvent => {
  const base = {
    chatId: line.chat,
    senderId: line.from,
    at: line.at,
    ...(line.name ? { senderName: line.name } : {}),
  };
  if (line.type === 'message') {
    return {
      ...base,
      kind: 'message',
      messageId: line.id,
      text: line.text,
      replyTo: line.replyTo ?? null,
      ...(line.private ? { private: true } : {}),
      ...(line.forwarded ? { forwarded: true } : {}),
      ...(line.bot ? { fromBot: true } : {}),
    };
  }
  if (line.type === 'reaction') {
    return {
      ...base,
      kind: 'reaction',
      eventId: `${line.from}|${line.to}|${line.at.getTime()}|${line.react ?? ''}`,
      targetMessageId: line.to,
      emoji: line.react,
    };
  }
  return {
    ...base,
    kind: 'button',
    eventId: `${line.from}|${line.request}|${line.at.getTime()}|${line.button}`,
    requestNumber: line.request,
    vote: line.button,
  };
};

/** A replay's engine on its virtual clock, and the dispatcher that delivers its outbox. */
export interface ReplayRun {
  clock: VirtualClock;
  engine: Engine;
  dispatcher: Dispatcher;
}

/** The next time on the way that needs the clock to stop: a due item, or an outbox retry. */
function nextStop({ clock, engine }: ReplayRun): Date | null {
  const due = engine.nextDueAt();
  const retry = nextPendingAt(engine.sql);
  const later = retry && retry > clock.now() ? retry : null;
  return due && later ? (due < later ? due : later) : (due ?? later);
}

/**
 * Moves a replay's clock forward to `at` (never back). Everything due on the way fires in time
 * order, and the outbox is delivered at each stop (a delivery that waits for a retry goes out when
 * its time comes), as the scheduler and the dispatcher would.
 *
 * @example
 * await advanceReplayClock({ clock, engine, dispatcher }, new Date('2026-03-03T12:00:00+01:00'));
 */
export async function advanceReplayClock(run: ReplayRun, at: Date): Promise<void> {
  const { clock, engine, dispatcher } = run;
  if (at <= clock.now()) return;
  for (let stop = nextStop(run); stop && stop <= at; stop = nextStop(run)) {
    clock.set(stop);
    engine.runDue(stop);
    await dispatcher.flush();
  }
  clock.set(at);
}

/**
 * Delivers what waits in the outbox the way the Dispatcher does (rounds of the oldest waiting
 * message per chat, in id order; the platform id `bot-<id>`), but without its timers and retry
 * bookkeeping: a replay's delivery never fails, so nothing ever waits for a retry. One query when
 * nothing waits; the marks of a round in one transaction.
 */
function deliverWaiting(
  sql: Statements,
  now: Date,
  deliver: (message: OutboxMessage) => void,
): void {
  for (;;) {
    const round = pendingMessages(sql, now);
    if (round.length === 0) return;
    for (const message of round) deliver(message);
    inRelaxedWriteTransaction(sql.db, () => {
      for (const message of round) markSent(sql, message.id, now, `bot-${message.id}`);
    });
    // Another round only when more waits than this one took (a chat with two replies queued).
    if (waitingCount(sql) === 0) return;
  }
}

/**
 * Runs a recorded conversation through the real engine on a virtual clock. Before each event the
 * clock moves to its time and everything due on the way fires, in time order; an event older than
 * the clock (delivered late) is judged on its own time. The outbox is delivered as it would be.
 */
export async function replay(
  db: Db,
  lines: ReplayLine[],
  options: { config?: BotConfig; until?: Date },
): Promise<ReplayResult> {
  const first = lines[0]?.at ?? options.until ?? new Date(0);
  const clock = new VirtualClock(first);
  // `/web` in a private chat answers with a link when MMB_PUBLIC_URL or MMB_WEB_PORT is set.
  const engine = new Engine({
    db,
    clock,
    config: options.config,
    autoTeams: !options.config,
    webBaseUrl: webBaseUrl(readWebEnv(process.env)),
  });
  const sql = engine.sql;
  const replies: ReplayReply[] = [];
  const startId = lastOutboxId(sql);
  const record = (message: OutboxMessage) => {
    if (message.id > startId) {
      replies.push({
        at: message.createdAt.toISOString(),
        chat: message.chatId,
        text: message.text,
        replyTo: message.replyTo,
        ...(message.files.length ? { files: message.files.map((f) => f.filename) } : {}),
      });
    }
  };
  const deliver = () => deliverWaiting(sql, clock.now(), record);
  // Everything the outbox holds is due by the clock (replies carry their event's time, due items
  // theirs), so only the due timetable stops the clock on its way.
  const moveTo = (at: Date) => {
    if (at <= clock.now()) return;
    for (let stop = engine.nextDueAt(); stop && stop <= at; stop = engine.nextDueAt()) {
      clock.set(stop);
      engine.runDue(stop);
      deliver();
    }
    clock.set(at);
  };
  deliver();
  for (const line of lines) {
    moveTo(line.at);
    // An event seen before changed nothing and queued nothing.
    if (line.type !== 'clock' && engine.handle(toEvent(line)).applied) deliver();
  }
  if (options.until) moveTo(options.until);
  deliver();
  return { replies, ...takeSnapshot(sql) };
}
