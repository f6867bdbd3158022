import type { Env } from '../../src/app/env.ts';
import type { TelegramWebhook } from './telegram-adapter.ts';

/** The port the webhook server listens on when TELEGRAM_WEBHOOK_PORT is not set. */
export const DEFAULT_WEBHOOK_PORT = 8080;

/**
 * The Telegram adapter's settings from the (checked) environment, or null without a token.
 *
 * @example
 * telegramSettings(loadEnv()) // { token: '123:AA…', webhook: { url: 'https://…', secret: '…', port: 8080 } }
 */
export function telegramSettings(
  env: Env,
): { token: string; apiRoot?: string; webhook?: TelegramWebhook } | null {
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
          },
        }
      : {}),
  };
}
