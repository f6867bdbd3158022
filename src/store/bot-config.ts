import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
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
          message: `team id "${team.id}" appears twice`,
        });
      }
      ids.add(team.id);
      for (const chat of team.chats) {
        const other = chats.get(chat);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['teams', index, 'chats'],
            message: `chat "${chat}" is linked to both "${other}" and "${team.id}"`,
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
 * describeIssues(error) // 'teams.0.votesNeeded: Too small: expected number to be >=1'
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
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
      `The configuration file ${path} does not exist.`,
      'Check MMB_CONFIG or --config.',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MmbError(
      `The configuration file ${path} is not valid JSON (${(error as Error).message}).`,
      'See README.md for an example.',
    );
  }
  const result = BotConfigSchema.safeParse(raw);
  const problems = result.success
    ? unworkable(result.data, options.platformIds ?? false)
    : describeIssues(result.error);
  if (problems) {
    throw new MmbError(
      `The configuration file ${path} is not right: ${problems}.`,
      'See README.md for every field and its default.',
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
 * unworkable({ admins: ['9'], advisers: [], teams: [] }, true) // 'admins.0: "9" has no platform prefix, e.g. "telegram:9"'
 */
export function unworkable(config: BotConfig, platformIds: boolean): string {
  const problems: string[] = [];
  const ids = (where: string, list: readonly string[]) =>
    list.forEach((id, index) => {
      if (!platformIds) return;
      if (!PLATFORM_ID.test(id))
        problems.push(
          `${where}.${index}: "${id}" has no platform prefix, e.g. "telegram:${id}" or "whatsapp:${id}"`,
        );
    });
  ids('admins', config.admins);
  ids('advisers', config.advisers);
  config.teams.forEach((team, index) => {
    const window = parseDuration(team.voteWindow) ?? 0;
    const reminder = parseDuration(team.reminderBefore) ?? 0;
    if (window <= 0)
      problems.push(
        `teams.${index}.voteWindow: "${team.voteWindow}" leaves no time to vote; use e.g. "24h"`,
      );
    else if (reminder >= window)
      problems.push(
        `teams.${index}.reminderBefore: "${team.reminderBefore}" is not shorter than voteWindow "${team.voteWindow}"; use a shorter time, or "0" for no reminder`,
      );
    ids(`teams.${index}.chats`, team.chats);
    ids(`teams.${index}.coordinators`, team.coordinators);
  });
  return problems.join('; ');
}
