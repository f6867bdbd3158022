import type { Statements } from '../store/statements.ts';
import { isAdviser, isCoordinator, type Team } from '../store/teams.ts';

/** Who sees every team: the configuration's administrators and municipality-wide advisers. */
export interface TeamAccessRoles {
  admins: ReadonlySet<string>;
  advisers: ReadonlySet<string>;
}

/**
 * The teams of `all` someone may see outside the team groups (their private chat with the bot,
 * the monitor web page), and in what role: administrators and municipality-wide advisers every
 * team; team advisers (named with /adviseur) and coordinators their own teams; anyone else none
 * (an empty list). Read from the database at each call, so a role taken away counts at once.
 *
 * @example
 * visibleTeamsOf(sql, 'zoe', roles, listTeams(sql)) // { teams: [zuid], role: 'coördinator' }
 */
export function visibleTeamsOf(
  sql: Statements,
  memberId: string,
  roles: TeamAccessRoles,
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
