import { existsSync } from 'node:fs';
import { systemClock, type Clock } from '../core/clock.ts';
import { MmbError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { BotConfig } from '../store/bot-config.ts';
import { teamsAsConfigured } from '../store/configured-teams.ts';
import { webBaseUrl } from '../web/web-env.ts';
import { startMonitor, type Monitor } from '../web/web-server.ts';
import { sessionsFileFor } from '../web/web-session-store.ts';
import type { Env } from './env.ts';

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
      `MMB_DB: de database ${env.MMB_DB} bestaat (nog) niet: de monitor leest het databasebestand van de bot.`,
      'Start eerst eenmaal de bot, of wijs MMB_DB naar zijn database.',
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
