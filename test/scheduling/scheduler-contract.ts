import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { DueSource } from '../../src/scheduling/due-source.ts';
import type { Scheduler } from '../../src/scheduling/scheduler.ts';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';

/** Real time moved by an offset: timers and Redis delays run for real, the test jumps ahead. */
export class ShiftedClock implements Clock {
  private offset = 0;

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  /** Jumps so that now() is `to`. */
  set(to: Date): void {
    this.offset = to.getTime() - Date.now();
  }
}

/**
 * The engine as the schedulers' DueSource, recording when (by the clock) each item fired, and
 * with `poke()`: the test's way of saying "the clock jumped", as a commit would.
 */
export class WatchedSource implements DueSource {
  readonly firings: { at: Date; count: number }[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly engine: Engine,
    private readonly clock: Clock,
  ) {}

  nextDueAt(): Date | null {
    return this.engine.nextDueAt();
  }

  runDue(now: Date): number {
    const count = this.engine.runDue(now);
    if (count > 0) this.firings.push({ at: this.clock.now(), count });
    return count;
  }

  onChange(listener: () => void): () => void {
    const off = this.engine.onChange(listener);
    this.listeners.add(listener);
    return () => {
      off();
      this.listeners.delete(listener);
    };
  }

  poke(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A team as the bot's configuration has it, with a start date that puts slots on known days. */
export const TEAM_CONFIG = {
  teams: [{ id: 'noord', chats: ['noord'], startDate: '2026-01-05', reminderBefore: '4h' }],
};

/** An engine on `db` (in memory by default) and the clock, up to date (like the harness). */
export function makeEngine(clock: Clock, db: Db = openDatabase(':memory:')): Engine {
  const engine = new Engine({ db, clock, config: BotConfigSchema.parse(TEAM_CONFIG) });
  engine.runDue(clock.now());
  return engine;
}

export interface Sent {
  id: number;
  purpose: string;
  requestId: number | null;
}

/** The replies with a purpose among `purposes`, oldest first. */
export function sent(engine: Engine, ...purposes: string[]): Sent[] {
  return engine.sql
    .all<{ id: number; purpose: string; request_id: number | null }>(
      `SELECT id, purpose, request_id FROM outbox WHERE purpose IN (${purposes.map(() => '?').join(', ')}) ORDER BY id`,
      ...purposes,
    )
    .map((row) => ({ id: row.id, purpose: row.purpose, requestId: row.request_id }));
}

let messageNumber = 0;

/** Opens a request now; returns its number and deadline. */
export function openRequest(engine: Engine, clock: Clock): { id: number; deadline: Date } {
  engine.handle({
    kind: 'message',
    chatId: 'noord',
    senderId: 'anna',
    messageId: `m${++messageNumber}`,
    at: clock.now(),
    text: 'pinpas €75 hh 7',
  });
  const row = engine.sql.get<{ id: number; deadline: number }>(
    'SELECT id, deadline_at AS deadline FROM requests ORDER BY id DESC LIMIT 1',
  )!;
  return { id: row.id, deadline: new Date(row.deadline) };
}

/** Waits until `check` holds, polling, up to `ms`. */
export async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('waited in vain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How a scheduler under test is made; `after` cleans up (e.g. Redis keys). */
export interface SchedulerKind {
  name: string;
  make(source: DueSource, clock: Clock): Scheduler;
  after?: () => Promise<void>;
}

const LEAD_MS = 300; // the clock jumps to this long before a due moment; then time runs for real
const HOUR = 3_600_000;

/**
 * The contract every Scheduler passes, on the real engine: the database says what is due, the
 * scheduler only decides when to ask.
 */
export function schedulerContract(kind: SchedulerKind): void {
  describe(`Scheduler contract: ${kind.name}`, () => {
    const running: Scheduler[] = [];
    const start = async (source: DueSource, clock: Clock) => {
      const scheduler = kind.make(source, clock);
      running.push(scheduler);
      await scheduler.start();
      return scheduler;
    };
    /** Jumps to just before `at` and tells the scheduler (as a commit would). */
    const jumpBefore = (clock: ShiftedClock, source: WatchedSource, at: Date) => {
      clock.set(new Date(at.getTime() - LEAD_MS));
      source.poke();
    };

    afterEach(async () => {
      for (const scheduler of running.splice(0)) await scheduler.stop();
      await kind.after?.();
    });

    it('fires a deadline once, at its time (not before)', async () => {
      const clock = new ShiftedClock();
      clock.set(new Date('2026-03-03T10:00:00+01:00'));
      const engine = makeEngine(clock);
      const source = new WatchedSource(engine, clock);
      const request = openRequest(engine, clock);
      await start(source, clock);
      jumpBefore(clock, source, request.deadline);
      await pause(LEAD_MS / 2);
      expect(sent(engine, 'expired')).toHaveLength(0);
      await until(() => sent(engine, 'expired').length > 0);
      await pause(400); // any second firing would come now
      expect(sent(engine, 'expired')).toHaveLength(1);
      const firing = source.firings.at(-1)!;
      expect(firing.at.getTime()).toBeGreaterThanOrEqual(request.deadline.getTime());
      expect(firing.at.getTime() - request.deadline.getTime()).toBeLessThan(1_500);
    });

    it('sends the reminder before the deadline, then the expiry', async () => {
      const clock = new ShiftedClock();
      clock.set(new Date('2026-03-03T10:00:00+01:00'));
      const engine = makeEngine(clock);
      const source = new WatchedSource(engine, clock);
      const request = openRequest(engine, clock);
      await start(source, clock);
      const reminderAt = new Date(request.deadline.getTime() - 4 * HOUR);
      jumpBefore(clock, source, reminderAt);
      await until(() => sent(engine, 'reminder').length > 0);
      expect(source.firings.at(-1)!.at.getTime()).toBeGreaterThanOrEqual(reminderAt.getTime());
      expect(sent(engine, 'expired')).toHaveLength(0);
      jumpBefore(clock, source, request.deadline);
      await until(() => sent(engine, 'expired').length > 0);
      const [reminder, expired] = sent(engine, 'reminder', 'expired');
      expect([reminder!.purpose, expired!.purpose]).toEqual(['reminder', 'expired']);
      expect(sent(engine, 'reminder')).toHaveLength(1);
    });

    it('fires nothing for a cancelled request', async () => {
      const clock = new ShiftedClock();
      clock.set(new Date('2026-03-03T10:00:00+01:00'));
      const engine = makeEngine(clock);
      const source = new WatchedSource(engine, clock);
      const request = openRequest(engine, clock);
      await start(source, clock);
      engine.handle({
        kind: 'message',
        chatId: 'noord',
        senderId: 'anna',
        messageId: `cancel-${request.id}`,
        at: clock.now(),
        text: `/annuleer ${request.id}`,
      });
      expect(engine.sql.get<{ s: string }>('SELECT status AS s FROM requests')!.s).toBe(
        'cancelled',
      );
      jumpBefore(clock, source, request.deadline);
      await pause(LEAD_MS + 700);
      expect(sent(engine, 'reminder', 'expired')).toHaveLength(0);
      expect(source.firings).toHaveLength(0);
    });

    // Slots of a team started Monday 5 January 2026, every six weeks at 09:00 Amsterdam time.
    const slots = [
      ['the March DST change (CEST)', '2026-03-30T07:00:00Z'],
      ['the October DST change (CET)', '2026-10-26T08:00:00Z'],
      ['the year boundary', '2027-01-18T08:00:00Z'],
    ] as const;
    for (const [label, iso] of slots) {
      it(`posts the overview at Monday 09:00 Amsterdam across ${label}, once`, async () => {
        const slot = new Date(iso);
        const clock = new ShiftedClock();
        clock.set(new Date(slot.getTime() - 60_000));
        const engine = makeEngine(clock); // catches up on earlier slots
        const before = sent(engine, 'overview').length;
        const source = new WatchedSource(engine, clock);
        expect(engine.nextDueAt()?.toISOString()).toBe(slot.toISOString());
        await start(source, clock);
        jumpBefore(clock, source, slot);
        await pause(LEAD_MS / 2);
        expect(sent(engine, 'overview')).toHaveLength(before);
        await until(() => sent(engine, 'overview').length > before);
        await pause(400);
        expect(sent(engine, 'overview')).toHaveLength(before + 1);
        const firing = source.firings.at(-1)!;
        expect(firing.at.getTime()).toBeGreaterThanOrEqual(slot.getTime());
        expect(firing.at.getTime() - slot.getTime()).toBeLessThan(1_500);
      });
    }

    it('after a restart fires what was missed, once each, in time order', async () => {
      const clock = new ShiftedClock();
      clock.set(new Date('2026-03-03T10:00:00+01:00'));
      const engine = makeEngine(clock);
      const first = openRequest(engine, clock);
      clock.set(new Date(clock.now().getTime() + HOUR));
      const second = openRequest(engine, clock);
      const source = new WatchedSource(engine, clock);
      const scheduler = await start(source, clock);
      await scheduler.stop();
      running.splice(running.indexOf(scheduler), 1);
      // Down for two days: both reminders and both deadlines pass.
      clock.set(new Date(second.deadline.getTime() + 48 * HOUR));
      const restarted = new WatchedSource(engine, clock);
      await start(restarted, clock);
      await until(() => sent(engine, 'expired').length === 2);
      await pause(400);
      const order = sent(engine, 'reminder', 'expired').map((r) => `${r.purpose}#${r.requestId}`);
      expect(order).toEqual([
        `reminder#${first.id}`,
        `reminder#${second.id}`,
        `expired#${first.id}`,
        `expired#${second.id}`,
      ]);
    });
  });
}
