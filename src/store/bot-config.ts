import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { MmbError } from '../core/errors.ts';
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
 *
 * @example
 * loadBotConfig('data/teams.json').teams[0].id // 'noord'
 */
export function loadBotConfig(path: string): BotConfig {
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
  if (!result.success) {
    throw new MmbError(
      `The configuration file ${path} is not right: ${describeIssues(result.error)}.`,
      'See README.md for every field and its default.',
    );
  }
  return result.data;
}
