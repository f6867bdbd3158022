import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { systemClock, type Clock } from '../core/clock.ts';
import { MmbError } from '../core/errors.ts';
import { createLogger, type Logger } from '../core/logger.ts';
import { EMPTY_CONFIG, loadBotConfig, type BotConfig } from '../store/bot-config.ts';
import { webBaseUrl } from '../web/web-env.ts';
import { startMonitor, type Monitor } from '../web/web-server.ts';
import { sessionsFileFor } from '../web/web-sessions.ts';
import { configPath, loadDotEnv, loadEnv, type Env } from '../app/env.ts';
import { teamsAsConfigured } from '../store/configured-teams.ts';

export const WEB_USAGE = `gebruik: mmb web [--port N]
  De monitor: een webpagina met de cijfers van de teams, voor communicatieadviseurs en
  coördinatoren (inloggen met /web in het privégesprek met de bot).
  --port N   de poort (standaard MMB_WEB_PORT, anders 8080)
Leest MMB_DB (alleen lezen) en MMB_CONFIG zoals de bot; MMB_PUBLIC_URL is het adres van buiten,
MMB_WEB_PUBLIC=true zet een openbare pagina met alleen totalen aan.`;

/**
 * Starts the monitor for a bot's database: the same in `mmb web` and inside the bot (MMB_WEB_PORT).
 * The database must exist (the bot makes it); it is only read.
 */
export async function startMonitorFor(
  env: Env,
  config: BotConfig,
  port: number,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<Monitor> {
  if (env.MMB_DB === ':memory:' || !existsSync(env.MMB_DB)) {
    throw new MmbError(
      `MMB_DB: the database ${env.MMB_DB} does not exist (yet): the monitor reads the bot's database file.`,
      'Start the bot once first, or point MMB_DB at its database.',
    );
  }
  return startMonitor(
    {
      databasePath: env.MMB_DB,
      sessionsPath: sessionsFileFor(env.MMB_DB),
      teams: (sql) => teamsAsConfigured(sql, config),
      roles: { admins: new Set(config.admins), advisers: new Set(config.advisers) },
      clock,
      logger,
      publicUrl: webBaseUrl(env, port)!,
      publicPage: env.MMB_WEB_PUBLIC === 'true',
    },
    port,
  );
}

/**
 * `mmb web [--port N]`: the monitor as its own process, until a signal stops it. Returns the exit
 * code: 0 stopped, 2 wrong input.
 *
 * @example
 * await runWeb(['--port', '8080']) // serves http://localhost:8080 until Ctrl-C
 */
export async function runWeb(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(WEB_USAGE);
    return 0;
  }
  loadDotEnv();
  const env = loadEnv();
  let port = env.MMB_WEB_PORT ?? 8080;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535)
      throw new MmbError(
        `--port "${values.port}" is not a port.`,
        'Give a number from 1 to 65535.',
      );
    port = Number(values.port);
  }
  const file = configPath(env);
  const config = file ? loadBotConfig(file) : EMPTY_CONFIG;
  const logger = createLogger(env.LOG_LEVEL);
  const monitor = await startMonitorFor(env, config, port, logger);
  console.error(`mmb web: de monitor staat op ${webBaseUrl(env, monitor.port)} (Ctrl-C stopt hem)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await monitor.close();
  return 0;
}
