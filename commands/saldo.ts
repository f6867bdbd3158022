import { potTotals } from '../src/budget.ts';
import { text, type TeamCommand } from '../src/command.ts';
import { formatCents as euro } from '../src/money.ts';
import { formatDay } from '../src/time.ts';

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
