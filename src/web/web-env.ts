import { z } from 'zod';
import { IN_DUTCH } from '../core/dutch-issues.ts';
import { MmbError } from '../core/errors.ts';

const PORT_RULE = 'een poortnummer van 1 tot en met 65535, bv. 8080';

/**
 * The monitor's variables (issue 21), a fragment of the environment schema (src/app/env.ts). All
 * optional, so a bot without them is exactly as before: no web page, and `/web` says it is off.
 *
 * @example
 * z.object(WEB_ENV).parse({ MMB_WEB_PORT: '8080' }) // { MMB_WEB_PORT: 8080 }
 */
export const WEB_ENV = {
  /** Serve the monitor on this port: inside the bot when set, or `mmb web`'s default. */
  MMB_WEB_PORT: z.coerce
    .number({ error: PORT_RULE })
    .int(PORT_RULE)
    .min(1, PORT_RULE)
    .max(65535, PORT_RULE)
    .optional(),
  /** Where people reach it (the reverse proxy's address): the links `/web` sends start with it. */
  MMB_PUBLIC_URL: z
    .string()
    .regex(
      /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/,
      'een http://- of https://-adres, bv. https://mmb.hengelo.nl',
    )
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** `true`: an anonymous page with the totals per team and round only. */
  MMB_WEB_PUBLIC: z.enum(['true', 'false'], { error: 'true of false' }).optional(),
};

/**
 * Where the monitor is for the links of `/web`: MMB_PUBLIC_URL, or http://localhost:<port> when
 * only MMB_WEB_PORT is set; null when neither (the bot has no monitor).
 *
 * @example
 * webBaseUrl({ MMB_WEB_PORT: 8080 }) // 'http://localhost:8080'
 */
export function webBaseUrl(
  env: { MMB_WEB_PORT?: number | undefined; MMB_PUBLIC_URL?: string | undefined },
  port = env.MMB_WEB_PORT,
): string | null {
  if (env.MMB_PUBLIC_URL) return env.MMB_PUBLIC_URL;
  return port ? `http://localhost:${port}` : null;
}

/**
 * The monitor's variables alone, for a command that reads no other (`mmb replay`'s `/web` links).
 * Empty values count as not set; a wrong one is an error that names it.
 *
 * @example
 * readWebEnv({ MMB_PUBLIC_URL: 'https://mmb.hengelo.nl/' }).MMB_PUBLIC_URL // 'https://mmb.hengelo.nl'
 */
export function readWebEnv(source: NodeJS.ProcessEnv): {
  MMB_WEB_PORT?: number | undefined;
  MMB_PUBLIC_URL?: string | undefined;
} {
  const present = Object.fromEntries(
    Object.keys(WEB_ENV)
      .map((key) => [key, source[key]])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = z.object(WEB_ENV).safeParse(present, IN_DUTCH);
  if (!result.success) {
    const problem = result.error.issues[0]!;
    throw new MmbError(`${String(problem.path[0])}: ${problem.message}.`, 'Zie .env.example.');
  }
  return result.data;
}
