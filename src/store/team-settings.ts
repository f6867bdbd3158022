import { isSafe } from 'redos-detector';
import { z } from 'zod';
import { parseDuration } from '../text/duration.ts';

/**
 * A team's own household code format (docs/rules.md rule 2): a regular expression, at most 100
 * characters, that compiles, cannot backtrack catastrophically (checked as the parser's own
 * patterns are, with redos-detector) and matches no name: it must require a digit.
 */
const codePattern = z
  .string()
  .min(1)
  .max(100)
  .superRefine((source, ctx) => {
    let pattern: RegExp;
    try {
      pattern = new RegExp(source);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'householdCodePattern is geen reguliere expressie' });
      return;
    }
    const safety = isSafe(pattern);
    if (!safety.safe)
      ctx.addIssue({
        code: 'custom',
        message:
          'householdCodePattern kan eindeloos terugzoeken (geneste of overlappende herhalingen): schrijf hem zonder, bv. "^[NOZW]\\d{1,4}$"',
      });
    else if (pattern.test('JANSEN') || pattern.test('DORPSSTRAAT'))
      ctx.addIssue({
        code: 'custom',
        message: 'householdCodePattern moet een cijfer eisen: een huishoudcode is nooit een naam',
      });
  });

const duration = (what: string) =>
  z.string().refine((text) => parseDuration(text) !== null, {
    message: `${what}: gebruik een heel getal met m, h of d, bv. "24h" of "30m"`,
  });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'schrijf een datum als JJJJ-MM-DD, bv. "2026-01-05"')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), 'geen bestaande datum');

const cents = (what: string) =>
  z.number().int(`${what} is in hele eurocenten, bv. 200000 voor € 2.000`).min(0).max(100_000_000);

/** The rules of one team: docs/rules.md's defaults, each configurable. */
export const TeamRulesSchema = z.object({
  potCents: cents('potCents').default(200_000),
  householdCapCents: cents('householdCapCents').default(50_000),
  votesNeeded: z.number().int().min(1).max(50).default(3),
  voteWindow: duration('voteWindow').default('24h'),
  reminderBefore: duration('reminderBefore').default('4h'),
  blockOnNee: z.boolean().default(false),
  carryOver: z.boolean().default(false),
  periodMonths: z.number().int().min(1).max(24).default(12),
  startDate: isoDate.optional(),
  overviewWeeks: z.number().int().min(1).max(26).default(6),
  overviewDay: z
    .enum(['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'])
    .default('maandag'),
  overviewTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'schrijf een tijd als HH:mm, bv. "09:00"')
    .default('09:00'),
  nearCapPercent: z.number().int().min(1).max(100).default(80),
  categories: z
    .record(z.string().min(1).max(40), z.array(z.string().min(1).max(60)).max(200))
    .default({}),
  /** The team's household code format, matched against the code in upper case (see CodeFormat). */
  householdCodePattern: codePattern.optional(),
});

/** One team in the configuration file. */
export const TeamConfigSchema = TeamRulesSchema.extend({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/i, 'letters, cijfers, - en _ (hooguit 40), bv. "noord"'),
  name: z.string().min(1).max(80).optional(),
  chats: z.array(z.string().min(1).max(200)),
  coordinators: z.array(z.string().min(1).max(200)).default([]),
}).strict();

export type TeamConfig = z.infer<typeof TeamConfigSchema>;

/** The settings stored for a team: all defaults filled in and the start date fixed. */
export interface TeamSettings {
  potCents: number;
  householdCapCents: number;
  votesNeeded: number;
  voteWindowMs: number;
  reminderBeforeMs: number;
  blockOnNee: boolean;
  carryOver: boolean;
  periodMonths: number;
  startDate: string;
  overviewWeeks: number;
  /** ISO weekday of the overview: 1 is Monday, 7 is Sunday. */
  overviewWeekday: number;
  overviewTime: string;
  nearCapPercent: number;
  /** The team's own keywords, added to the default category table. */
  categories: Record<string, string[]>;
  /** The team's own household code format (a regex source); absent: DEFAULT_CODE_FORMAT. */
  householdCodePattern?: string;
}

const WEEKDAYS = ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];

/** The defaults of settings added after a team was first stored (read back from older rows). */
export const SETTINGS_DEFAULTS: Pick<
  TeamSettings,
  'overviewWeeks' | 'overviewWeekday' | 'overviewTime' | 'nearCapPercent' | 'categories'
> = {
  overviewWeeks: 6,
  overviewWeekday: 1,
  overviewTime: '09:00',
  nearCapPercent: 80,
  categories: {},
};

/**
 * Turns validated team rules into stored settings, with the start date to use when none is set.
 *
 * @example
 * resolveSettings(TeamRulesSchema.parse({}), '2026-03-02').voteWindowMs // 86400000
 */
export function resolveSettings(
  rules: z.infer<typeof TeamRulesSchema>,
  fallbackStartDate: string,
): TeamSettings {
  return {
    potCents: rules.potCents,
    householdCapCents: rules.householdCapCents,
    votesNeeded: rules.votesNeeded,
    voteWindowMs: parseDuration(rules.voteWindow)!,
    reminderBeforeMs: parseDuration(rules.reminderBefore)!,
    blockOnNee: rules.blockOnNee,
    carryOver: rules.carryOver,
    periodMonths: rules.periodMonths,
    startDate: rules.startDate ?? fallbackStartDate,
    overviewWeeks: rules.overviewWeeks,
    overviewWeekday: WEEKDAYS.indexOf(rules.overviewDay) + 1,
    overviewTime: rules.overviewTime,
    nearCapPercent: rules.nearCapPercent,
    categories: rules.categories,
    ...(rules.householdCodePattern === undefined
      ? {}
      : { householdCodePattern: rules.householdCodePattern }),
  };
}
