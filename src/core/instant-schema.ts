import { z } from 'zod';

/**
 * A moment in a replay or import file: an ISO time with its offset (`Z` or `+01:00`), so a file
 * means the same on every machine whatever its time zone. Read as a `Date`.
 *
 * @example
 * instantSchema.parse('2026-03-02T09:00:00+01:00') // Date 2026-03-02T08:00:00.000Z
 * instantSchema.safeParse('2026-03-02 09:00').success // false: no offset
 */
export const instantSchema = z
  .string()
  .regex(
    /(Z|[+-]\d{2}:?\d{2})$/i,
    'geef de tijd met zijn verschuiving, bv. "2026-03-02T09:00:00+01:00"',
  )
  .refine((text) => !Number.isNaN(Date.parse(text)), 'geen bestaande tijd')
  .transform((text) => new Date(text));
