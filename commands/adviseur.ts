import { addAdviser, listAdvisers, removeAdviser } from '../src/store/teams.ts';
import { memberRoleCommand } from './member-role.ts';

/** `/adviseur`: a coordinator or administrator names a communicatieadviseur (may export). */
export const adviseur = memberRoleCommand({
  name: 'adviseur',
  aliases: ['communicatieadviseur'],
  grantedBy: 'coordinator',
  title: 'communicatieadviseur',
  titles: 'communicatieadviseurs',
  summary: 'Communicatieadviseurs benoemen of tonen (coördinator)',
  task: 'communicatieadviseurs benoemen',
  add: addAdviser,
  remove: removeAdviser,
  list: listAdvisers,
});
