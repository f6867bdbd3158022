/**
 * The bot the path benchmarks (Telegram, WhatsApp) drive through their adapter: as `mmb start`
 * wires it, on a fresh file database (WAL, synchronous=FULL) with one team a chat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineHost } from '../src/app/adapter-host.ts';
import { systemClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { Dispatcher } from '../src/delivery/dispatcher.ts';
import { Engine } from '../src/engine/engine.ts';
import { requestView } from '../src/rules/request-view.ts';
import { TimerScheduler } from '../src/scheduling/timer-scheduler.ts';
import { BotConfigSchema } from '../src/store/bot-config.ts';
import { openDatabase } from '../src/store/database.ts';
import { localDateOf } from '../src/text/time.ts';

/** A running bench bot: what an adapter needs, the figures it is judged by, and its end. */
export interface PathBot {
  engine: Engine;
  dispatcher: Dispatcher;
  scheduler: TimerScheduler;
  host: EngineHost;
  /** Requests approved so far. */
  approved(): number;
  /** Replies not delivered yet. */
  unsent(): number;
  /** Stops the scheduler and the dispatcher (after the adapter stopped). */
  stop(): Promise<void>;
  /** Closes the database and removes its folder. */
  close(): void;
}

/**
 * Makes the engine, dispatcher (with the request view) and timer scheduler (not started: that
 * comes after the adapter's catch-up, as in `mmb start`) for `chats`, each its own team that
 * started three days ago with a pot no workload empties.
 *
 * @example
 * const bot = startPathBot('telegram', ['telegram:-1001']);
 * try { … new TelegramAdapter({ host: bot.host, … }) … } finally { bot.close(); }
 */
export function startPathBot(name: string, chats: readonly string[]): PathBot {
  const dir = mkdtempSync(join(tmpdir(), `mmb-${name}-bench-`));
  const db = openDatabase(join(dir, 'mmb.sqlite'));
  const close = () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const startDate = localDateOf(new Date(Date.now() - 3 * 86_400_000));
    const engine = new Engine({
      db,
      clock: systemClock,
      config: BotConfigSchema.parse({
        teams: chats.map((chat, c) => ({
          id: `team-${c}`,
          chats: [chat],
          startDate,
          potCents: 100_000_000,
        })),
      }),
    });
    const dispatcher = new Dispatcher(engine.sql, systemClock, silentLogger, requestView);
    engine.onChange(() => void dispatcher.flush());
    const scheduler = new TimerScheduler(engine, systemClock);
    return {
      engine,
      dispatcher,
      scheduler,
      host: new EngineHost({ engine, dispatcher, clock: systemClock }),
      approved: () => engine.sql.number("SELECT count(*) FROM requests WHERE status = 'approved'"),
      unsent: () => engine.sql.number('SELECT count(*) FROM outbox WHERE sent_at IS NULL'),
      async stop() {
        await scheduler.stop();
        await dispatcher.stop();
      },
      close,
    };
  } catch (error) {
    close();
    throw error;
  }
}
