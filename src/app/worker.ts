import { parseArgs } from 'node:util';
import { systemClock } from '../core/clock.ts';
import { MmbError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { Engine } from '../engine/engine.ts';
import { BotPresenceGate } from '../redis/bot-presence-gate.ts';
import { BullmqScheduler } from '../redis/bullmq-scheduler.ts';
import { closeRedis, connectRedis } from '../redis/connection.ts';
import {
  botCatchingUp,
  botHeartbeatAge,
  HEARTBEAT_STALE_MS,
  READ_LAG_MS,
} from '../store/bot-heartbeat.ts';
import { openDatabase, onDatabaseProblem } from '../store/database.ts';
import type { DatabaseError } from '../store/database-errors.ts';
import { commandPaths } from './env.ts';
import { stopSignals, STOP_DEADLINE_MS } from './stop-signals.ts';

/**
 * `mmb worker`: a process with no chat connection that runs the due work (deadlines, reminders,
 * new periods, overviews) on BullMQ, on the bot's database. Several may run beside one bot
 * (`npm start`, best with `MMB_DUE=off`): a job is handled by one of them, and the database
 * decides what is due, so nothing fires twice. The replies go into the outbox; the bot process,
 * which holds the chat connections, delivers them. A worker takes no bot lock and never creates
 * the database (MMB_DB must be the bot's). While no bot process is connected to the chats (its
 * heartbeat in the database is stale) the worker holds the due work back: votes may wait unread
 * at the platform (`BotPresenceGate`). SIGTERM/SIGINT: the job in hand finishes, then the worker,
 * the queue, the Redis connections and the database close, in that order.
 */
export async function runWorker(args: string[]): Promise<number> {
  parseArgs({ args, options: {} }); // no options: a stray one is an error (exit 2)
  const { env } = commandPaths();
  if (!env.REDIS_URL)
    throw new MmbError(
      'mmb worker handelt het werk af via BullMQ en heeft REDIS_URL nodig.',
      'Zet REDIS_URL op de Redis die de bot gebruikt, bv. redis://127.0.0.1:6379.',
    );
  // From here a SIGTERM ends the process in every state, also in the middle of the start.
  const logger = createLogger(env.LOG_LEVEL);
  const stops = stopSignals({
    late: (step) =>
      logger.error({ step }, `worker stop took longer than ${STOP_DEADLINE_MS / 1000} s: exiting`),
  });
  // A wrong or unreachable REDIS_URL stops the worker within seconds, before it opens anything.
  await closeRedis(await connectRedis(env.REDIS_URL, 'queue'));
  if (stops.signal.aborted) {
    stops.dispose();
    return 0;
  }
  const clock = systemClock;
  // The bot's database, as it is: never created here (a wrong MMB_DB is an error at once).
  const db = openDatabase(env.MMB_DB, { access: 'existing', label: 'MMB_DB' });
  const stop = () => stops.stop();
  const broken: { problem?: DatabaseError } = {};
  onDatabaseProblem(db, (problem) => {
    if (broken.problem) return;
    broken.problem = problem;
    logger.fatal({ code: problem.code }, problem.message);
    stop();
  });
  // No configuration: the teams and their rules are what the bot wrote into the database.
  const engine = new Engine({ db, clock, logger });
  const gate = new BotPresenceGate(engine, {
    botSeenAgo: () => botHeartbeatAge(db, clock.now()),
    staleAfterMs: HEARTBEAT_STALE_MS,
    readLagMs: READ_LAG_MS,
    catchingUp: () => botCatchingUp(db),
    clock,
    onResume: () => void scheduler.reconcile(),
    logger,
  });
  const scheduler = new BullmqScheduler(gate, {
    url: env.REDIS_URL,
    prefix: env.MMB_QUEUE_PREFIX,
    clock,
    logger,
  });
  try {
    await scheduler.start();
  } catch (error) {
    gate.stop();
    db.close();
    throw error;
  }
  logger.info({ pid: process.pid, prefix: env.MMB_QUEUE_PREFIX }, 'worker started');
  await stops.stopped;
  gate.stop();
  stops.step('stopping the BullMQ worker');
  await scheduler.stop(); // the job in hand, then worker, queue and connections
  db.close();
  // Nothing is lost: the database knows what is due; the next worker (or bot) runs it.
  logger.info(
    { left: 'due work stays in the database; the next worker or bot reconciles it' },
    'worker stopped',
  );
  stops.dispose();
  if (broken.problem) throw broken.problem;
  return 0;
}
