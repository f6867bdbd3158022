import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { IN_DUTCH } from '../core/dutch-issues.ts';
import { MmbError } from '../core/errors.ts';
import { parseDuration } from '../text/duration.ts';
import { TeamConfigSchema } from './team-settings.ts';

/** The configuration file (`MMB_CONFIG`, replay's `--config`): administrators and teams. */
export const BotConfigSchema = z
  .object({
    admins: z.array(z.string().min(1).max(200)).default([]),
    /** Municipality-wide communicatieadviseurs: they see every team's overview in a private chat. */
    advisers: z.array(z.string().min(1).max(200)).default([]),
    teams: z.array(TeamConfigSchema).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    const chats = new Map<string, string>();
    config.teams.forEach((team, index) => {
      if (ids.has(team.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['teams', index, 'id'],
          message: `team-id "${team.id}" staat er twee keer in`,
        });
      }
      ids.add(team.id);
      for (const chat of team.chats) {
        const other = chats.get(chat);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['teams', index, 'chats'],
            message: `chat "${chat}" hoort zowel bij "${other}" als bij "${team.id}"`,
          });
        }
        chats.set(chat, team.id);
      }
    });
  });

export type BotConfig = z.infer<typeof BotConfigSchema>;

/** An empty configuration: no administrators, no teams. */
export const EMPTY_CONFIG: BotConfig = { admins: [], advisers: [], teams: [] };

/**
 * Describes zod issues as one line per problem, naming where in the input each one is.
 *
 * @example
 * describeIssues(error) // 'teams.0.votesNeeded: Te klein: verwacht dat number >=1 is'
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(bovenaan)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Reads and validates a configuration file. A wrong file stops the bot with what is wrong and where.
 * With `platformIds` (the running bot) every chat and person id must carry its platform prefix;
 * `mmb replay`, `mmb export` and the imports also read files whose ids are plain names.
 *
 * @example
 * loadBotConfig('data/teams.json').teams[0].id // 'noord'
 * loadBotConfig('data/teams.json', { platformIds: true }) // refuses "chats": ["9"]
 */
export function loadBotConfig(path: string, options: { platformIds?: boolean } = {}): BotConfig {
  if (!existsSync(path)) {
    throw new MmbError(
      `Het configuratiebestand ${path} bestaat niet.`,
      'Kijk MMB_CONFIG of --config na.',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MmbError(
      `Het configuratiebestand ${path} is geen geldige JSON (${(error as Error).message}).`,
      'Zie docs/operating.md, "Configuration", voor een voorbeeld.',
    );
  }
  const result = BotConfigSchema.safeParse(raw, IN_DUTCH);
  const problems = result.success
    ? unworkable(result.data, options.platformIds ?? false)
    : describeIssues(result.error);
  if (problems) {
    throw new MmbError(
      `Het configuratiebestand ${path} klopt niet: ${problems}.`,
      'Zie docs/operating.md, "Configuration", voor elk veld en zijn standaardwaarde.',
    );
  }
  return result.data!;
}

/** A chat or person id as the platforms give it: `telegram:-1001…`, `whatsapp:316…`, `console:anna`. */
const PLATFORM_ID = /^[a-z][a-z0-9-]*:\S/;

/**
 * What makes a well-formed configuration unable to work, as `describeIssues` words it, or '' when
 * nothing does: a vote window of 0 (every request would expire at once), a reminder at or before
 * the start of the window (`reminderBefore` ≥ `voteWindow`; "0" means no reminder), and a chat or
 * person id without its platform prefix (`9` instead of `telegram:9`: the bot would never match
 * it, and would name it to its own members).
 *
 * @example
 * unworkable({ admins: ['9'], advisers: [], teams: [] }, true) // 'admins.0: "9" mist het platform ervoor, bv. "telegram:9" …'
 */
export function unworkable(config: BotConfig, platformIds: boolean): string {
  const problems: string[] = [];
  const ids = (where: string, list: readonly string[]) =>
    list.forEach((id, index) => {
      if (!platformIds) return;
      if (!PLATFORM_ID.test(id))
        problems.push(
          `${where}.${index}: "${id}" mist het platform ervoor, bv. "telegram:${id}" of "whatsapp:${id}"`,
        );
    });
  ids('admins', config.admins);
  ids('advisers', config.advisers);
  config.teams.forEach((team, index) => {
    const window = parseDuration(team.voteWindow) ?? 0;
    const reminder = parseDuration(team.reminderBefore) ?? 0;
    if (window <= 0)
      problems.push(
        `teams.${index}.voteWindow: "${team.voteWindow}" laat geen tijd om te stemmen; gebruik bv. "24h"`,
      );
    else if (reminder >= window)
      problems.push(
        `teams.${index}.reminderBefore: "${team.reminderBefore}" is niet korter dan voteWindow "${team.voteWindow}"; kies een kortere tijd, of "0" voor geen herinnering`,
      );
    ids(`teams.${index}.chats`, team.chats);
    ids(`teams.${index}.coordinators`, team.coordinators);
  });
  return problems.join('; ');
}
