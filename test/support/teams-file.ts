import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localDateOf } from '../../src/text/time.ts';

/** The local date three days ago: a team start whose first period is already running. */
export const threeDaysAgo = (): string => localDateOf(new Date(Date.now() - 3 * 86_400_000));

/**
 * Writes `dir/teams.json` with no administrators and the one team `noord`, its other fields from
 * `team`; returns the file's path (for MMB_CONFIG).
 *
 * @example
 * const teams = writeTeamsFile(dir, { chats: [`telegram:${GROUP}`], startDate: threeDaysAgo() });
 */
export function writeTeamsFile(dir: string, team: Record<string, unknown>): string {
  const file = join(dir, 'teams.json');
  writeFileSync(file, JSON.stringify({ admins: [], teams: [{ id: 'noord', ...team }] }));
  return file;
}
