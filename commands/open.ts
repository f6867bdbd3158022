import { text, type TeamCommand } from '../src/rules/command.ts';
import { formatCents as euro } from '../src/text/money.ts';
import { openRequestsOfTeam } from '../src/store/requests.ts';
import { formatDeadline } from '../src/text/time.ts';
import { tallyVotes } from '../src/store/votes.ts';

/** `/open`: the open requests with their votes so far and deadline. */
export const open: TeamCommand = {
  scope: 'team',
  name: 'open',
  usage: '/open',
  summary: 'Lopende aanvragen en hun stemmen',
  role: 'member',
  run(ctx) {
    const requests = openRequestsOfTeam(ctx.sql, ctx.team.id);
    if (requests.length === 0) return text('Er staan geen aanvragen open.');
    const lines = requests.map((r) => {
      const tally = tallyVotes(ctx.sql, r);
      const no = tally.no.length ? `, ${tally.no.length} nee` : '';
      const about = r.description ? ` ${r.description}` : '';
      return (
        `#${r.number} ${euro(r.amountCents)}${about} (hh ${r.household}): ` +
        `${tally.yes.length} van ${ctx.team.settings.votesNeeded} ja${no}, verloopt ${formatDeadline(r.deadlineAt)}`
      );
    });
    return text(`Open aanvragen:\n${lines.join('\n')}`);
  },
};
