import { z } from 'zod';
import type { TelegramWebhook } from './telegram-adapter.ts';

/**
 * The Telegram adapter's variables (see README, "Telegram"): its fragment of the environment
 * schema, composed with the core's in src/app/env.ts.
 *
 * @example
 * z.object({ ...TELEGRAM_ENV }).superRefine(checkTelegramEnv).parse(process.env)
 */
export const TELEGRAM_ENV = {
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d{1,20}:[A-Za-z0-9_-]{10,200}$/, 'het token dat BotFather gaf, bv. "123456789:AAE…"')
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'een http(s)-adres, bv. "http://localhost:8081"' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  TELEGRAM_WEBHOOK_URL: z
    .url({ protocol: /^https$/, error: 'een https://-adres dat Telegram kan bereiken' })
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16 tot 256 letters, cijfers, _ of -')
    .optional(),
  TELEGRAM_WEBHOOK_PORT: z.coerce
    .number({ error: 'een poortnummer, bv. 8443' })
    .int('een poortnummer, bv. 8443')
    .min(1, 'een poortnummer van 1 tot en met 65535')
    .max(65535, 'een poortnummer van 1 tot en met 65535')
    .optional(),
  /** The one address the webhook server listens on (default 0.0.0.0: every address). */
  TELEGRAM_WEBHOOK_HOST: z
    .union([z.ipv4(), z.ipv6(), z.hostname()], {
      error: 'een adres om op te luisteren, bv. 127.0.0.1 (achter een proxy op dezelfde machine)',
    })
    .optional(),
};

/** The webhook needs a token and a secret; the webhook's own variables need the webhook. */
export function checkTelegramEnv(
  env: { TELEGRAM_BOT_TOKEN?: string; TELEGRAM_WEBHOOK_URL?: string } & Record<string, unknown>,
  ctx: z.RefinementCtx,
): void {
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_BOT_TOKEN)
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_BOT_TOKEN'],
      message: 'nodig als TELEGRAM_WEBHOOK_URL is gezet',
    });
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET)
    ctx.addIssue({
      code: 'custom',
      path: ['TELEGRAM_WEBHOOK_SECRET'],
      message: 'nodig als TELEGRAM_WEBHOOK_URL is gezet (Telegram stuurt het terug in een header)',
    });
  for (const name of [
    'TELEGRAM_WEBHOOK_SECRET',
    'TELEGRAM_WEBHOOK_PORT',
    'TELEGRAM_WEBHOOK_HOST',
  ] as const) {
    if (env[name] !== undefined && !env.TELEGRAM_WEBHOOK_URL)
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: 'alleen gebruikt samen met TELEGRAM_WEBHOOK_URL',
      });
  }
}

/** The port the webhook server listens on when TELEGRAM_WEBHOOK_PORT is not set. */
export const DEFAULT_WEBHOOK_PORT = 8080;

/** The Telegram variables as checked by TELEGRAM_ENV. */
export type TelegramEnv = { [K in keyof typeof TELEGRAM_ENV]?: z.infer<(typeof TELEGRAM_ENV)[K]> };

/** What the Telegram adapter is made with, from the environment. */
export interface TelegramSettings {
  token: string;
  apiRoot?: string;
  webhook?: TelegramWebhook;
}

/**
 * The Telegram adapter's settings from the (checked) environment, or null without a token.
 *
 * @example
 * telegramSettings(loadEnv()) // { token: '123:AA…', webhook: { url: 'https://…', secret: '…', port: 8080 } }
 */
export function telegramSettings(env: TelegramEnv): TelegramSettings | null {
  if (!env.TELEGRAM_BOT_TOKEN) return null;
  return {
    token: env.TELEGRAM_BOT_TOKEN,
    ...(env.TELEGRAM_API_ROOT ? { apiRoot: env.TELEGRAM_API_ROOT } : {}),
    ...(env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET
      ? {
          webhook: {
            url: env.TELEGRAM_WEBHOOK_URL,
            secret: env.TELEGRAM_WEBHOOK_SECRET,
            port: env.TELEGRAM_WEBHOOK_PORT ?? DEFAULT_WEBHOOK_PORT,
            ...(env.TELEGRAM_WEBHOOK_HOST ? { host: env.TELEGRAM_WEBHOOK_HOST } : {}),
          },
        }
      : {}),
  };
}
