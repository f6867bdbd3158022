import { existsSync } from 'node:fs';
import { z } from 'zod';
import { MmbError } from '../core/errors.ts';
import {
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
} from '../store/retention.ts';
import { isRedisUrl } from '../redis/redis-url.ts';
import { DEFAULT_QUEUE_PREFIX } from '../redis/queue-names.ts';
import { WEB_ENV } from '../web/web-env.ts';
import { PLATFORMS } from './platforms.ts';

const RETENTION_DAYS_RULE = `a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}, e.g. ${DEFAULT_RETENTION_DAYS}`;

/** Turns a union of fragments into one fragment with all their variables. */
type Merged<U> = (U extends unknown ? (fragment: U) => void : never) extends (
  fragment: infer I,
) => void
  ? I
  : never;

/** Every platform's variables, in the order of the platform table (src/app/platforms.ts). */
const PLATFORM_ENV = Object.assign({}, ...PLATFORMS.map((platform) => platform.env)) as Merged<
  (typeof PLATFORMS)[number]['env']
>;

/**
 * Every environment variable the bot reads: the core's, then each platform's own fragment (its
 * variables and the checks between them), from the platform table. `.env.example` lists the
 * same, with examples.
 */
export const EnvSchema = z
  .object({
    MMB_DB: z.string().min(1).default('data/mmb.sqlite'),
    MMB_CONFIG: z.string().min(1).optional(),
    MMB_CONSOLE: z.enum(['auto', 'on', 'off']).default('auto'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    MMB_RETENTION_DAYS: z.coerce
      .number({ error: RETENTION_DAYS_RULE })
      .int(RETENTION_DAYS_RULE)
      .min(MIN_RETENTION_DAYS, RETENTION_DAYS_RULE)
      .max(MAX_RETENTION_DAYS, RETENTION_DAYS_RULE)
      .default(DEFAULT_RETENTION_DAYS),
    REDIS_URL: z
      .string()
      .refine(isRedisUrl, 'a Redis URL, redis://host:6379 or rediss://… for TLS')
      .optional(),
    /** `off`: `npm start` runs no due work itself; `mmb worker` processes do (needs REDIS_URL). */
    MMB_DUE: z.enum(['on', 'off']).default('on'),
    MMB_QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, '1 to 40 of A-Z a-z 0-9 _ -, e.g. mmb-noord')
      .default(DEFAULT_QUEUE_PREFIX),
    ...WEB_ENV,
    ...PLATFORM_ENV,
  })
  .superRefine((env, ctx) => {
    for (const platform of PLATFORMS) platform.checkEnv?.(env, ctx);
  });

export type Env = z.infer<typeof EnvSchema>;

/** The default configuration file, used when MMB_CONFIG is not set and the file exists. */
export const DEFAULT_CONFIG_PATH = 'data/teams.json';

/**
 * Reads and checks the environment. A wrong value stops the bot with the variable's name and
 * what is allowed. Empty values count as not set.
 *
 * @example
 * loadEnv({ MMB_DB: 'data/test.sqlite' }).MMB_DB // 'data/test.sqlite'
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(
    Object.keys(EnvSchema.shape)
      .map((key) => [key, source[key]])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${String(issue.path[0])}: ${issue.message}`)
      .join('; ');
    throw new MmbError(
      `The environment is not right: ${problems}.`,
      'See .env.example for every variable and what it allows.',
    );
  }
  return result.data;
}

/** The configuration file to use: MMB_CONFIG, or data/teams.json when it exists, or none. */
export function configPath(env: Env): string | null {
  if (env.MMB_CONFIG) return env.MMB_CONFIG;
  return existsSync(DEFAULT_CONFIG_PATH) ? DEFAULT_CONFIG_PATH : null;
}

/** Loads `.env` into the environment when there is one (variables already set win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
