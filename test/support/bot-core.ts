import type { Clock } from '../../src/core/clock.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { Dispatcher } from '../../src/delivery/dispatcher.ts';
import { Engine } from '../../src/engine/engine.ts';
import { requestView } from '../../src/rules/request-view.ts';
import type { DueSource } from '../../src/scheduling/due-source.ts';
import { TimerScheduler } from '../../src/scheduling/timer-scheduler.ts';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';

/** A bot process's core, before any chat adapter: database, engine, dispatcher, scheduler. */
export interface BotCore {
  db: Db;
  engine: Engine;
  dispatcher: Dispatcher;
  scheduler: TimerScheduler;
}

/**
 * Opens `dbPath` and wires the core as src/app/main.ts does: the engine on `config`, a dispatcher
 * flushed on every change, a timer scheduler over `due` (default the engine itself). The adapter
 * rigs add their platform on top.
 */
export function wireBotCore(
  dbPath: string,
  clock: Clock,
  config: unknown,
  due?: (engine: Engine) => DueSource,
): BotCore {
  const db = openDatabase(dbPath);
  const engine = new Engine({ db, clock, config: BotConfigSchema.parse(config) });
  const dispatcher = new Dispatcher(engine.sql, clock, silentLogger, requestView);
  engine.onChange(() => void dispatcher.flush());
  const scheduler = new TimerScheduler(due?.(engine) ?? engine, clock);
  return { db, engine, dispatcher, scheduler };
}
