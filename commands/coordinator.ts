import { addCoordinator, listCoordinators, removeCoordinator } from '../src/store/teams.ts';
import { memberRoleCommand } from './member-role.ts';

/** `/coordinator`: an administrator names, removes or lists the team's coordinators. */
export const coordinator = memberRoleCommand({
  name: 'coordinator',
  aliases: ['coördinator'],
  grantedBy: 'admin',
  title: 'coördinator',
  titles: 'coördinatoren',
  summary: 'Coördinatoren benoemen of tonen (beheerder)',
  task: 'coördinatoren benoemen',
  add: addCoordinator,
  remove: removeCoordinator,
  list: listCoordinators,
});
