import { visibleTeamsOf, type TeamAccessRoles } from '../rules/team-access.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';

/** Who sees every team: the configuration's administrators and municipality-wide advisers. */
export type WebRoles = TeamAccessRoles;

/**
 * The teams someone may see on the monitor, and why: the one rule of src/rules/team-access.ts,
 * as in the private chat. Read at every request, so a role taken away ends the sessions at once.
 *
 * @example
 * webTeams(sql, 'zoe', roles, teams) // { teams: [zuid], role: 'coördinator' }
 */
export function webTeams(
  sql: Statements,
  memberId: string,
  roles: WebRoles,
  all: readonly Team[],
): { teams: Team[]; role: string } {
  return visibleTeamsOf(sql, memberId, roles, all);
}
