import type { Statements } from '../store/statements.ts';
import { isAdviser, isCoordinator, type Team } from '../store/teams.ts';

/** Who sees every team: the configuration's administrators and municipality-wide advisers. */
export interface WebRoles {
  admins: ReadonlySet<string>;
  advisers: ReadonlySet<string>;
}

/**
 * The teams someone may see on the monitor, and why: the same rule as the private chat
 * (src/engine/private-chat.ts visibleTeams): administrators and municipality-wide advisers every
 * team, team advisers and coordinators their own, anyone else none. Read at every request, so a
 * role taken away ends the sessions at once.
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
  if (roles.advisers.has(memberId))
    return { teams: [...all], role: 'communicatieadviseur voor alle teams' };
  if (roles.admins.has(memberId)) return { teams: [...all], role: 'beheerder van de bot' };
  const advised = all.filter((team) => isAdviser(sql, team.id, memberId));
  const coordinated = all.filter((team) => isCoordinator(sql, team.id, memberId));
  const teams = all.filter((team) => advised.includes(team) || coordinated.includes(team));
  const role =
    advised.length && coordinated.length
      ? 'communicatieadviseur en coördinator'
      : advised.length
        ? 'communicatieadviseur'
        : 'coördinator';
  return { teams, role };
}
