import { z } from 'zod';

const BOOLEAN_RULE = 'true of false';

/**
 * The WhatsApp adapter's variables (see README, "WhatsApp"): its fragment of the environment
 * schema, composed with the core's in src/app/env.ts. The session itself is not a variable: it is
 * in the database (`npx mmb whatsapp link`).
 *
 * @example
 * z.object({ ...WHATSAPP_ENV }).parse({ WHATSAPP_ENABLED: 'true' }) // { WHATSAPP_ENABLED: true }
 */
export const WHATSAPP_ENV = {
  WHATSAPP_ENABLED: z
    .enum(['true', 'false'], { error: BOOLEAN_RULE })
    .transform((value) => value === 'true')
    .default(false),
};

/** The WhatsApp variables as checked by WHATSAPP_ENV (WHATSAPP_ENABLED is a boolean). */
export type WhatsAppEnv = { [K in keyof typeof WHATSAPP_ENV]: z.infer<(typeof WHATSAPP_ENV)[K]> };
