import { dirname, join } from 'node:path';
import { waitingCount } from '../store/outbox.ts';
import { ConsoleChat } from '../../adapters/console/console-chat.ts';
import type { ChatAdapter } from '../delivery/port/chat-adapter.ts';
import { requestView } from '../rules/request-view.ts';
import { EngineHost } from './adapter-host.ts';
import { CONSOLE_CHAT, DEMO_ADMIN, ensureDemoTeam } from './demo-team.ts';
import { startAdapters, StartInterrupted } from './run-adapters.ts';
import { stopSignals, STOP_DEADLINE_MS } from './stop-signals.ts';
import { openBotDatabase } from '../store/bot-lock.ts';
import { EMPTY_CONFIG, loadBotConfig } from '../store/bot-config.ts';
import { systemClock } from '../core/clock.ts';
import { onDatabaseProblem, type Db } from '../store/database.ts';
import type { DatabaseError } from '../store/database-errors.ts';
import { Dispatcher } from '../delivery/dispatcher.ts';
import { deliverSoon, type OutboxDelivery } from '../delivery/outbox-delivery.ts';
import { Statements } from '../store/statements.ts';
import { Engine } from '../engine/engine.ts';
import { commandPaths, type Env } from './env.ts';
import { PLATFORMS, type Claim } from './platforms.ts';
import { webBaseUrl } from '../web/web-env.ts';
import { MmbError } from '../core/errors.ts';
import { consoleLogFile, createLogger, logFileDestination } from '../core/logger.ts';
import { DailyPurge } from '../store/retention.ts';
import {
  BotHeartbeat,
  HEARTBEAT_EVERY_MS,
  markBotCatchingUp,
  READ_LAG_MS,
} from '../store/bot-heartbeat.ts';
import { DueGate } from '../scheduling/due-gate.ts';
import { TimerScheduler } from '../scheduling/timer-scheduler.ts';
import { ChatLiveness } from './chat-liveness.ts';
import type { Scheduler } from '../scheduling/scheduler.ts';
import type { DueSource } from '../scheduling/due-source.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { RedisHealth } from '../redis/redis-health.ts';

/**
 * With REDIS_URL the due work runs on BullMQ; without it on the embedded timer. With
 * `MMB_DUE=off` this process only adds the jobs (its commits get theirs at once) and `mmb worker`
 * processes run them; that needs REDIS_URL (`requireRedisForDueOff`). BullMQ and ioredis are
 * loaded only when REDIS_URL is set: a bot without Redis never carries them in memory.
 */
export async function chooseScheduler(
  env: Pick<Env, 'REDIS_URL' | 'MMB_QUEUE_PREFIX'> & Partial<Pick<Env, 'MMB_DUE'>>,
  due: DueSource,
  clock: Clock,
  logger: Logger,
  health?: RedisHealth,
): Promise<Scheduler> {
  if (!env.REDIS_URL) return new TimerScheduler(due, clock, logger);
  const { BullmqScheduler } = await import('../redis/bullmq-scheduler.ts');
  return new BullmqScheduler(due, {
    url: env.REDIS_URL,
    prefix: env.MMB_QUEUE_PREFIX,
    clock,
    logger,
    role: env.MMB_DUE === 'off' ? 'producer' : 'both',
    ...(health ? { health } : {}),
  });
}

/**
 * With REDIS_URL the outbox is delivered through a BullMQ queue per platform (this process runs
 * the workers of the platforms it connects to); without it by the embedded dispatcher. `health`:
 * the process's one Redis reporter, shared with the scheduler (one log line per outage).
 */
export async function chooseDelivery(
  env: Pick<Env, 'REDIS_URL' | 'MMB_QUEUE_PREFIX'>,
  sql: Statements,
  clock: Clock,
  logger: Logger,
  health?: RedisHealth,
): Promise<OutboxDelivery> {
  if (!env.REDIS_URL) return new Dispatcher(sql, clock, logger, requestView);
  const { BullmqDelivery } = await import('../redis/bullmq-delivery.ts');
  return new BullmqDelivery({
    url: env.REDIS_URL,
    prefix: env.MMB_QUEUE_PREFIX,
    sql,
    clock,
    logger,
    viewOf: requestView,
    ...(health ? { health } : {}),
  });
}

/** `MMB_DUE=off` without REDIS_URL would leave deadlines to nobody: refused at start (exit 2). */
export function requireRedisForDueOff(env: Pick<Env, 'REDIS_URL' | 'MMB_DUE'>): void {
  if (env.MMB_DUE === 'off' && !env.REDIS_URL)
    throw new MmbError(
      'MMB_DUE=off laat termijnen, herinneringen en overzichten over aan `mmb worker`, en die heeft REDIS_URL nodig.',
      'Zet REDIS_URL (en start `npx mmb worker`), of zet MMB_DUE=on.',
    );
}

/**
 * The composition root: reads the environment and configuration, opens the database, and wires
 * the engine, the outbox dispatcher, the scheduler and the adapters. Resolves with the exit code
 * when the bot stops (a signal, or the console's input closing).
 */
export async function startBot(): Promise<number> {
  const { env, config: configFile } = commandPaths();
  const config = configFile ? loadBotConfig(configFile.path, { platformIds: true }) : EMPTY_CONFIG;
  // Every platform of the table the environment turns on (src/app/platforms.ts).
  const enabled = PLATFORMS.filter((platform) => platform.enabled(env));
  const platforms: string[] = enabled.map((platform) => platform.name);
  const useConsole =
    env.MMB_CONSOLE === 'on' || (env.MMB_CONSOLE === 'auto' && platforms.length === 0);
  if (!useConsole && platforms.length === 0) {
    throw new MmbError(
      'Er is geen chatplatform ingesteld en MMB_CONSOLE staat uit.',
      'Zet MMB_CONSOLE=on, of stel Telegram of WhatsApp in (zie .env.example).',
    );
  }
  requireRedisForDueOff(env);
  // From here a SIGTERM ends the process in every state, also in the middle of the start.
  let logger: Logger | null = null;
  const stops = stopSignals({
    late: (step) =>
      logger
        ? logger.error({ step }, `bot stop took longer than ${STOP_DEADLINE_MS / 1000} s: exiting`)
        : process.stderr.write(`mmb: stoppen duurde te lang (${step}); ik stop nu.\n`),
  });
  // A wrong or unreachable REDIS_URL stops the bot within seconds, before it opens anything.
  if (env.REDIS_URL) {
    const { closeRedis, connectRedis } = await import('../redis/connection.ts');
    await closeRedis(await connectRedis(env.REDIS_URL, 'queue'));
  }
  if (stops.signal.aborted) {
    stops.dispose();
    return 0; // stopped before anything was opened: nothing is left
  }
  // With the console chat on, the terminal is the chat: the log goes to a file.
  const logFile = useConsole ? consoleLogFile(env.MMB_DB) : null;
  logger = createLogger(env.LOG_LEVEL, logFile ? logFileDestination(logFile) : undefined);
  const clock = systemClock;
  // What a platform must claim before the database (Telegram's webhook port): a port in use
  // stops the start before anything is written.
  const claims = new Map<string, Claim>();
  for (const platform of enabled) {
    const claim = await claimOrRelease(claims, () => platform.claim?.(env));
    if (claim) claims.set(platform.name, claim);
  }
  // One bot per database; only the bot creates one, and says so (a wrong MMB_DB shows at once).
  // In the console chat that line is part of the greeting, so the terminal shows the chat only.
  let createdDatabase: string | null = null;
  const { db, lock } = openOrClose(claims, () =>
    openBotDatabase(env.MMB_DB, {
      label: 'MMB_DB',
      onCreated: (path) => {
        createdDatabase = path;
        if (!useConsole)
          process.stderr.write(
            `mmb: nieuwe, lege database ${path} (MMB_DB): deze bot begint met nieuwe potten. Niet de bedoeling? Stop hem en zet MMB_DB goed.\n`,
          );
      },
    }),
  );
  // Before anything else: until this bot has read its backlog, no `mmb worker` judges a deadline
  // on the heartbeat a killed predecessor left (votes may wait unread at the platform).
  markBotCatchingUp(db);
  const demo = useConsole && !config.teams.some((team) => team.chats.includes(CONSOLE_CHAT));
  const engine = new Engine({
    db,
    clock,
    config: demo ? { ...config, admins: [...config.admins, DEMO_ADMIN] } : config,
    logger,
    webBaseUrl: webBaseUrl(env),
  });
  // The monitor web page (MMB_WEB_PORT; off by default), on its own read-only connection.
  const monitor =
    env.MMB_WEB_PORT === undefined
      ? null
      : await (
          await import('./monitor.ts')
        ).startMonitorFor(
          env,
          demo ? { ...config, admins: [...config.admins, DEMO_ADMIN] } : config,
          env.MMB_WEB_PORT,
          logger,
          clock,
        );
  // With Redis: one outage is one warning and one recovery line, whoever notices it.
  const health = env.REDIS_URL
    ? new (await import('../redis/redis-health.ts')).RedisHealth(logger)
    : undefined;
  const dispatcher = await chooseDelivery(env, engine.sql, clock, logger, health);
  await dispatcher.start();
  engine.onChange(() => deliverSoon(dispatcher, logger));
  const adapters: ChatAdapter[] = [];
  // Connected: every configured platform's connection works (or was lost less than a grace ago).
  const liveness = new ChatLiveness({ adapters, clock, logger });
  // The due work of this process waits while it is not: votes may wait unread at the platform.
  const gate = new DueGate(engine, {
    open: () => liveness.connected(),
    // A moment is judged once the chats are read a little past it: its votes are in.
    until: () => new Date(liveness.readUpTo().getTime() - READ_LAG_MS),
    clock,
    onResume: () => void scheduler.reconcile(),
  });
  const scheduler = await chooseScheduler(env, gate, clock, logger, health);

  const stop = () => stops.stop();
  let exitCode = 0;
  const failed = () => {
    exitCode = 1;
    stop();
  };
  // A full disk or a damaged file: the failed write was rolled back whole; stop with exit 1.
  const broken: { problem?: DatabaseError } = {};
  onDatabaseProblem(db, (problem) => {
    if (broken.problem) return;
    broken.problem = problem;
    logger.fatal({ code: problem.code }, problem.message);
    failed();
  });
  const host = new EngineHost({ engine, dispatcher, clock, logger });
  if (useConsole) {
    if (demo) ensureDemoTeam(engine, clock.now());
    const chat = new ConsoleChat({
      host,
      clock,
      logger,
      input: process.stdin,
      output: process.stdout,
      chatId: CONSOLE_CHAT,
      filesDir: join(dirname(env.MMB_DB), 'exports'),
      logFile,
      newDatabase: createdDatabase,
    });
    // Input closed (Ctrl-D, or the end of piped lines): answer everything read, then stop.
    void chat.ended.then(async () => {
      try {
        await dispatcher.flush();
      } catch (error) {
        logger.error({ error: (error as Error).name }, 'delivery round failed');
      }
      stop();
    });
    adapters.push(chat);
  }
  // A platform's library (grammY, Baileys) is loaded only when that platform is enabled.
  for (const platform of enabled) {
    adapters.push(
      await platform.create(env, {
        host,
        clock,
        logger,
        onFailure: failed,
        claimed: claims.get(platform.name),
      }),
    );
  }
  // Every adapter is prepared and has read its backlog before the scheduler starts (the rule of
  // startAdapters); then each starts receiving.
  const purge = new DailyPurge({ db, clock, days: env.MMB_RETENTION_DAYS, logger });
  let stopAdapters: () => Promise<void> = async () => {};
  /** Per platform, what a stop during the start left for the next start. */
  let left: Record<string, string> | null = null;
  try {
    stopAdapters = await startAdapters(adapters, {
      dispatcher,
      scheduler,
      afterCatchUp: () => purge.start(),
      signal: stops.signal,
    });
  } catch (error) {
    if (!(error instanceof StartInterrupted)) throw error;
    left = error.left;
  }
  // Connected, backlog read: `mmb worker` processes may run the due work (BotPresenceGate); no
  // heartbeat while a platform's connection is lost longer than the grace.
  const heartbeat = new BotHeartbeat(
    db,
    clock,
    logger,
    HEARTBEAT_EVERY_MS,
    () => liveness.connected(),
    () => liveness.readUpTo(),
  );
  if (!left) {
    heartbeat.start();
    await dispatcher.flush();
    // Replies an `mmb worker` (or `mmb outbox --retry`) wrote go out within a second.
    dispatcher.watchOtherWriters();
    logger.info({ console: useConsole, platforms, due: env.MMB_DUE }, 'bot started');
  }

  await stops.stopped;
  heartbeat.stop(); // workers hold back at once
  stops.step('stopping the chat connections');
  await stopAdapters(); // in reverse, then the scheduler
  gate.stop();
  purge.stop();
  stops.step('stopping the delivery');
  await dispatcher.stop(); // the message in hand, then (with Redis) workers, queues, connections
  const unsent = db.open ? waitingReplies(db) : null;
  stops.step('closing the monitor');
  await monitor?.close();
  db.close();
  lock.release();
  if (useConsole) process.stdin.destroy(); // else the console's input keeps the process alive
  // What the next start finds: the replies still to send, and a backlog a stop during the start
  // did not read (it waits at the platform).
  logger.info(
    { unsentReplies: unsent, ...(left ? { notStarted: left } : {}) },
    left ? 'bot stopped during its start' : 'bot stopped',
  );
  stops.dispose();
  if (broken.problem) throw broken.problem; // one line from mmb, exit code 1
  return exitCode;
}

/**
 * Runs one step of the start; when it fails, what the platforms claimed before it is let go again
 * (the webhook's early server closes: nothing listens).
 */
function openOrClose<T>(claims: ReadonlyMap<string, Claim>, open: () => T): T {
  try {
    return open();
  } catch (error) {
    for (const claim of claims.values()) void claim.close();
    throw error;
  }
}

/** A platform's claim; when it fails, the claims of the platforms before it are let go again. */
async function claimOrRelease<T>(
  claims: ReadonlyMap<string, Claim>,
  claim: () => Promise<T> | undefined,
): Promise<T | undefined> {
  try {
    return await claim();
  } catch (error) {
    for (const earlier of claims.values()) void earlier.close();
    throw error;
  }
}

/** How many replies wait in the outbox (neither sent nor given up): the next start sends them. */
function waitingReplies(db: Db): number | null {
  try {
    return waitingCount(new Statements(db));
  } catch {
    return null; // a broken database says so in its own line
  }
}
