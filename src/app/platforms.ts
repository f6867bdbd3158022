import type { z } from 'zod';
import {
  checkTelegramEnv,
  TELEGRAM_ENV,
  telegramSettings,
} from '../../adapters/telegram/telegram-env.ts';
import type { WhatsAppAuth } from '../../adapters/whatsapp/whatsapp-adapter.ts';
import { WHATSAPP_ENV } from '../../adapters/whatsapp/whatsapp-env.ts';
import type { Clock } from '../core/clock.ts';
import { MmbError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { AdapterHost } from '../delivery/port/adapter-host.ts';
import type { ChatAdapter } from '../delivery/port/chat-adapter.ts';

/** What every platform's adapter is made with, once the core is wired (src/app/main.ts). */
export interface PlatformWiring {
  host: AdapterHost;
  clock: Clock;
  logger: Logger;
  /** Stops the bot with exit code 1: the platform failed in a way it cannot get over itself. */
  onFailure: () => void;
}

/** Something a platform took before the database opened, let go when the start ends early. */
export interface Claim {
  close(): Promise<unknown>;
}

/** A platform's variables as its fragment of the environment schema checks them. */
export type FragmentValues<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

/**
 * One chat platform the bot can connect to: its fragment of the environment (src/app/env.ts
 * composes them), whether that environment turns it on, and how its adapter is made
 * (src/app/main.ts starts every enabled one). Its library (grammY, Baileys) is loaded only in
 * `claim` and `create`, so a bot without the platform never carries it.
 */
export interface Platform<S extends z.ZodRawShape = z.ZodRawShape> {
  /** The prefix of its chat ids and its route in the dispatcher: `telegram`. */
  readonly name: string;
  /** Its variables, composed with the core's in src/app/env.ts. */
  readonly env: S;
  /** The checks between its variables, on the whole environment. */
  readonly checkEnv?: (env: FragmentValues<S>, ctx: z.RefinementCtx) => void;
  /** Whether the environment turns the platform on. */
  enabled(env: FragmentValues<S>): boolean;
  /**
   * Runs before the database opens: what must fail early fails here, before anything is written
   * (Telegram's webhook port in use). What it returns is handed to `create`, or closed when the
   * start ends before that.
   */
  claim?(env: FragmentValues<S>): Promise<Claim | undefined>;
  /** Makes the platform's adapter; started by src/app/run-adapters.ts like every other. */
  create(
    env: FragmentValues<S>,
    wiring: PlatformWiring & { claimed: Claim | undefined },
  ): Promise<ChatAdapter>;
}

/** Checks an entry against the Platform shape and keeps its fragment's exact type for env.ts. */
const platform = <S extends z.ZodRawShape>(entry: Platform<S>): Platform<S> => entry;

/** Telegram, through grammY: on with TELEGRAM_BOT_TOKEN, by long polling or a webhook. */
const telegram = platform({
  name: 'telegram',
  env: TELEGRAM_ENV,
  checkEnv: checkTelegramEnv,
  enabled: (env) => telegramSettings(env) !== null,
  // The webhook's port before the database: a port in use stops the start before anything is written.
  async claim(env) {
    const webhook = telegramSettings(env)?.webhook;
    if (!webhook) return undefined;
    const { listenForWebhook } = await import('../../adapters/telegram/webhook-server.ts');
    return listenForWebhook({
      path: new URL(webhook.url).pathname,
      port: webhook.port,
      ...(webhook.host ? { host: webhook.host } : {}),
    });
  },
  async create(env, { claimed, ...wiring }) {
    const { TelegramAdapter } = await import('../../adapters/telegram/telegram-adapter.ts');
    const { WebhookServer } = await import('../../adapters/telegram/webhook-server.ts');
    return new TelegramAdapter({
      ...telegramSettings(env)!,
      ...wiring,
      ...(claimed instanceof WebhookServer ? { webhookServer: claimed } : {}),
    });
  },
});

/** WhatsApp, through Baileys: on with WHATSAPP_ENABLED=true, on the number `mmb whatsapp link` linked. */
const whatsapp = platform({
  name: 'whatsapp',
  env: WHATSAPP_ENV,
  enabled: (env) => env.WHATSAPP_ENABLED,
  async create(_env, { host, clock, logger }) {
    const { WhatsAppAdapter } = await import('../../adapters/whatsapp/whatsapp-adapter.ts');
    const { sqliteAuthState, WHATSAPP_STORE } =
      await import('../../adapters/whatsapp/auth-state.ts');
    return new WhatsAppAdapter({
      host,
      clock,
      logger,
      auth: async () => linkedSession(sqliteAuthState(host.store(WHATSAPP_STORE))),
    });
  },
});

/**
 * Every chat platform, in the order the bot starts them. A new platform is one entry here (and
 * its adapter in adapters/): src/app/env.ts reads its variables, src/app/main.ts starts it when
 * enabled, and test/adapters/conformance.test.ts runs the conformance suite over it. The console
 * chat is no entry: it is the terminal (MMB_CONSOLE), on when asked or when no platform is.
 */
export const PLATFORMS = [telegram, whatsapp] as const;

/**
 * The linked WhatsApp number's session from the bot's database. A number that was never linked
 * stops the start with what to do: the bot never shows a QR code itself.
 */
function linkedSession(session: WhatsAppAuth): WhatsAppAuth {
  if (!session.state.creds.me)
    throw new MmbError(
      'WHATSAPP_ENABLED staat aan, maar aan deze database is nog geen WhatsApp-nummer gekoppeld.',
      'Koppel het nummer eenmaal met `npx mmb whatsapp link` en start dan opnieuw.',
    );
  return session;
}
