import { z } from 'zod';

/**
 * Parse options that word zod's own messages (`Te klein: …`, `Ongeldige invoer: …`) in Dutch, for
 * files and settings a person at a terminal reads the problems of. Messages a schema gives itself
 * stay as written.
 *
 * @example
 * schema.safeParse(value, IN_DUTCH)
 */
export const IN_DUTCH: z.core.ParseContext<z.core.$ZodIssue> = {
  error: z.locales.nl().localeError,
};
