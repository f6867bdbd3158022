import { householdUsage } from '../src/budget.ts';
import { text, type TeamCommand } from '../src/command.ts';
import { normalizeHousehold } from '../src/household.ts';
import { formatCents as euro } from '../src/money.ts';

/** `/huishouden <code>`: what a household was granted and can still get this period. */
export const huishouden: TeamCommand = {
  scope: 'team',
  name: 'huishouden',
  aliases: ['hh'],
  usage: '/huishouden <code>',
  summary: 'Wat een huishouden deze periode kreeg en nog kan krijgen',
  role: 'member',
  run(ctx, args) {
    const code = normalizeHousehold(args);
    if (!code) return text('Noem de huishoudcode, bijvoorbeeld: /huishouden 12');
    const cap = ctx.team.settings.householdCapCents;
    const usage = householdUsage(ctx.sql, ctx.team.id, code, ctx.period.start);
    const open = usage.openCents > 0 ? ` · open ${euro(usage.openCents)}` : '';
    return text(
      `🏠 Huishouden ${code} deze periode: toegekend ${euro(usage.grantedCents)}${open} · ` +
        `kan nog ${euro(Math.max(cap - usage.usedCents, 0))} krijgen (maximaal ${euro(cap)}).`,
    );
  },
};
