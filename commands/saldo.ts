import { potTotals } from '../src/store/budget.ts';
import { text, type TeamCommand } from '../src/rules/command.ts';
import { formatCents as euro } from '../src/text/money.ts';
import { formatDay } from '../src/text/time.ts';

/** `/saldo`: balance, reserved, available and the budget period. */
export const saldo: TeamCommand = {
  scope: 'team',
  name: 'saldo',
  usage: '/saldo',
  summary: 'Saldo, gereserveerd en beschikbaar',
  role: 'member',
  run(ctx) {
    const pot = potTotals(ctx.sql, ctx.team.id);
    const lastDay = new Date(ctx.period.end.getTime() - 1);
    return text(
      `💶 ${ctx.team.name}: saldo ${euro(pot.balanceCents)} · gereserveerd ${euro(pot.reservedCents)} · ` +
        `beschikbaar ${euro(pot.availableCents)}. Periode ${formatDay(ctx.period.start)} t/m ${formatDay(lastDay)}.`,
    );
  },
};
