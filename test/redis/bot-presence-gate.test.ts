import { join } from 'node:path';
import { pinoLines } from '../support/pino-lines.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { BotPresenceGate } from '../../src/redis/bot-presence-gate.ts';
import { BullmqScheduler } from '../../src/redis/bullmq-scheduler.ts';
import {
  BotHeartbeat,
  botCatchingUp,
  botHeartbeatAge,
  HEARTBEAT_STALE_MS,
  markBotCatchingUp,
  READ_LAG_MS,
} from '../../src/store/bot-heartbeat.ts';
import { VirtualClock } from '../../src/core/clock.ts';
import { openDatabase } from '../../src/store/database.ts';
import { deleteKeys, testPrefix, testRedisUrl } from '../support/redis.ts';
import { tempDir } from '../support/temp-dir.ts';
import {
  makeEngine,
  openRequest,
  pause,
  sent,
  ShiftedClock,
  until,
} from '../scheduling/scheduler-contract.ts';

// With MMB_DUE=off an `mmb worker` must not expire a request while the bot is down: the votes
// that would approve it may still wait unread at Telegram. The bot's heartbeat says it is there.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bot and a worker on one database file; the request's deadline has just passed. */
function botAndWorker() {
  const file = join(tempDir('mmb-gate-'), 'mmb.sqlite');
  const clock = new ShiftedClock();
  clock.set(new Date('2026-03-03T10:00:00+01:00'));
  const botDb = openDatabase(file, { access: 'create' });
  const bot = makeEngine(clock, botDb);
  const workerDb = openDatabase(file);
  const worker = makeEngine(clock, workerDb);
  cleanups.push(() => {
    workerDb.close();
    botDb.close();
  });
  const request = openRequest(bot, clock);
  const heartbeat = new BotHeartbeat(botDb, clock, undefined, 100);
  cleanups.push(() => heartbeat.stop());
  return { clock, bot, botDb, worker, workerDb, request, heartbeat };
}

describe('the bot heartbeat', () => {
  it('is fresh while the bot runs, ages when it hangs, and is gone when it stops', () => {
    const { clock, workerDb, heartbeat } = botAndWorker();
    expect(botHeartbeatAge(workerDb, clock.now())).toBeNull();
    heartbeat.start();
    const age = botHeartbeatAge(workerDb, clock.now())!;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(1_000);
    // Seen from a minute later (the bot wrote nothing since): stale.
    expect(botHeartbeatAge(workerDb, new Date(clock.now().getTime() + 60_000))).toBeGreaterThan(
      HEARTBEAT_STALE_MS,
    );
    heartbeat.stop();
    expect(botHeartbeatAge(workerDb, clock.now())).toBeNull();
  });
});

describe('BotPresenceGate', () => {
  it('a worker with a stale heartbeat expires nothing; once the bot beats again it expires once', async () => {
    const { clock, bot, botDb, worker, workerDb, request, heartbeat } = botAndWorker();
    // The bot's heartbeat says the time the request came in: it has hung (or died) since.
    const hung = new BotHeartbeat(botDb, new VirtualClock(clock.now()), undefined, 100);
    cleanups.push(() => hung.stop());
    hung.start();
    clock.set(new Date(request.deadline.getTime() + HEARTBEAT_STALE_MS + 1_000));
    const { lines, logger } = pinoLines();
    let resumed = 0;
    const gate = new BotPresenceGate(worker, {
      botSeenAgo: () => botHeartbeatAge(workerDb, clock.now()),
      staleAfterMs: HEARTBEAT_STALE_MS,
      onResume: () => {
        resumed += 1;
        gate.runDue(clock.now());
      },
      logger,
      lookEveryMs: 50,
    });
    cleanups.push(() => gate.stop());
    expect(gate.runDue(clock.now())).toBe(0);
    expect(gate.runDue(clock.now())).toBe(0);
    await pause(200);
    expect(gate.holding).toBe(true);
    expect(sent(bot, 'expired')).toHaveLength(0);
    expect(bot.sql.get<{ s: string }>('SELECT status AS s FROM requests')!.s).toBe('open');
    expect(lines.map((l) => l.msg)).toEqual([
      'no bot process is connected to the chats (mmb start): the due work waits until it is back',
    ]);

    hung.stop();
    heartbeat.start(); // the bot is back (it read its backlog first)
    await until(() => sent(bot, 'expired').length > 0);
    await pause(200);
    expect(resumed).toBe(1);
    expect(gate.holding).toBe(false);
    expect(sent(bot, 'expired')).toHaveLength(1);
    expect(lines.map((l) => l.msg)).toEqual([
      'no bot process is connected to the chats (mmb start): the due work waits until it is back',
      'the bot process is back: the due work runs',
    ]);
  });

  it('a bot killed just before a deadline holds it back although its last beat is fresh; the "ja" it reads after the deadline approves', async () => {
    const { clock, bot, botDb, worker, workerDb, request } = botAndWorker();
    // The bot's last beat: it had read the chats up to 1 s before the deadline, then it died.
    const dead = new BotHeartbeat(
      botDb,
      new VirtualClock(new Date(request.deadline.getTime() - 1_000)),
    );
    dead.start();
    dead.stop = () => {}; // killed: nothing removes its row
    clock.set(new Date(request.deadline.getTime() + 500)); // the beat is 1.5 s old: "alive"
    expect(botHeartbeatAge(workerDb, clock.now())).toBeLessThan(HEARTBEAT_STALE_MS);
    const { lines, logger } = pinoLines();
    const gate = new BotPresenceGate(worker, {
      botSeenAgo: () => botHeartbeatAge(workerDb, clock.now()),
      staleAfterMs: HEARTBEAT_STALE_MS,
      readLagMs: READ_LAG_MS,
      catchingUp: () => botCatchingUp(workerDb),
      onResume: () => void gate.runDue(clock.now()),
      logger,
      lookEveryMs: 20,
      clock,
    });
    cleanups.push(() => gate.stop());
    // The reminder (due hours before, read long since) fires; the deadline waits.
    expect(gate.runDue(clock.now())).toBe(1);
    expect(sent(bot, 'reminder')).toHaveLength(1);
    expect(bot.sql.get<{ s: string }>('SELECT status AS s FROM requests')!.s).toBe('open');
    expect(lines).toEqual([]); // alive, only not read far enough yet: no warning

    // The bot restarts: catching up, then it reads the third "ja", cast 2 s before the deadline.
    markBotCatchingUp(botDb);
    await pause(60);
    expect(lines.map((l) => l.msg)).toEqual([
      'no bot process is connected to the chats (mmb start): the due work waits until it is back',
    ]);
    expect(lines[0]).toMatchObject({ catchingUp: true });
    for (const [i, voter] of ['bas', 'carla', 'dirk'].entries())
      bot.handle({
        kind: 'message',
        chatId: 'noord',
        senderId: voter,
        messageId: `late-${i}`,
        at: new Date(request.deadline.getTime() - 2_000),
        text: 'ja #1',
      });
    expect(sent(bot, 'approved')).toHaveLength(1);
    const live = new BotHeartbeat(botDb, clock, undefined, 20);
    cleanups.push(() => live.stop());
    clock.set(new Date(request.deadline.getTime() + 3_000));
    live.start(); // backlog read: the chats are read up to now
    await until(() => !gate.holding);
    expect(sent(bot, 'expired')).toHaveLength(0);
    expect(bot.sql.get<{ s: string }>('SELECT status AS s FROM requests')!.s).toBe('approved');
  });

  it('a vote cast after the deadline still does not count once the held deadline is judged', async () => {
    const { clock, bot, botDb, worker, workerDb, request } = botAndWorker();
    markBotCatchingUp(botDb);
    clock.set(new Date(request.deadline.getTime() + 10_000));
    const gate = new BotPresenceGate(worker, {
      botSeenAgo: () => botHeartbeatAge(workerDb, clock.now()),
      staleAfterMs: HEARTBEAT_STALE_MS,
      readLagMs: READ_LAG_MS,
      onResume: () => void gate.runDue(clock.now()),
      lookEveryMs: 20,
      clock,
    });
    cleanups.push(() => gate.stop());
    expect(gate.runDue(clock.now())).toBe(0);
    // Read while catching up: two in time, the third a second after the deadline.
    for (const [i, voter] of ['bas', 'carla', 'dirk'].entries())
      bot.handle({
        kind: 'message',
        chatId: 'noord',
        senderId: voter,
        messageId: `late-${i}`,
        at: new Date(request.deadline.getTime() + (i === 2 ? 1_000 : -5_000)),
        text: 'ja #1',
      });
    const live = new BotHeartbeat(botDb, clock, undefined, 20);
    cleanups.push(() => live.stop());
    live.start();
    await until(() => sent(bot, 'expired').length > 0);
    expect(bot.sql.get<{ s: string }>('SELECT status AS s FROM requests')!.s).toBe('expired');
    expect(sent(bot, 'approved')).toHaveLength(0);
  });

  it('a fresh heartbeat lets due work through at once; nothing due is no reason to wait', () => {
    const { clock, bot, worker, workerDb, request, heartbeat } = botAndWorker();
    const gate = new BotPresenceGate(worker, {
      botSeenAgo: () => botHeartbeatAge(workerDb, clock.now()),
      staleAfterMs: HEARTBEAT_STALE_MS,
      onResume: () => {},
    });
    cleanups.push(() => gate.stop());
    // No bot at all, but nothing is due yet: not held back, nothing logged.
    expect(gate.runDue(clock.now())).toBe(0);
    expect(gate.holding).toBe(false);
    clock.set(new Date(request.deadline.getTime() + 1_000));
    heartbeat.start();
    expect(gate.runDue(clock.now())).toBe(2); // the reminder and the expiry
    expect(sent(bot, 'expired')).toHaveLength(1);
    expect(gate.holding).toBe(false);
  });

  it('on BullMQ (as mmb worker wires it): held while the bot is away, fired once when it is back', async () => {
    const { clock, bot, worker, workerDb, request, heartbeat } = botAndWorker();
    const prefix = testPrefix();
    cleanups.push(async () => {
      await deleteKeys(testRedisUrl(), prefix);
    });
    const gate: BotPresenceGate = new BotPresenceGate(worker, {
      botSeenAgo: () => botHeartbeatAge(workerDb, clock.now()),
      staleAfterMs: HEARTBEAT_STALE_MS,
      onResume: () => void scheduler.reconcile(),
      lookEveryMs: 100,
    });
    const scheduler = new BullmqScheduler(gate, {
      url: testRedisUrl(),
      prefix,
      clock,
      reconcileEveryMs: 60_000,
    });
    cleanups.push(() => scheduler.stop());
    cleanups.push(() => gate.stop());
    clock.set(new Date(request.deadline.getTime() + 1_000)); // overdue, no bot ever beat
    await scheduler.start(); // its reconciliation meets the overdue deadline
    await pause(600);
    expect(gate.holding).toBe(true);
    expect(sent(bot, 'reminder', 'expired')).toHaveLength(0);
    heartbeat.start();
    await until(() => sent(bot, 'expired').length > 0);
    await pause(500);
    expect(sent(bot, 'reminder')).toHaveLength(1);
    expect(sent(bot, 'expired')).toHaveLength(1);
  });
});
