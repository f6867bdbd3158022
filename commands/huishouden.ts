import { householdUsage } from '../src/store/budget.ts';
import { text, type TeamCommand } from '../src/rules/command.ts';
import { readHouseholdCode } from '../src/text/household.ts';
import { formatCents as euro } from '../src/text/money.ts';
import { refuse } from '../src/rules/replies.ts';

/** `/huishouden <code>`: what a household was granted and can still get this period. */
export const huishouden: TeamCommand = {
  scope: 'team',
  name: 'huishouden',
  aliases: ['hh'],
  usage: '/huishouden <code>',
  summary: 'Wat een huishouden deze periode kreeg en nog kan krijgen',
  role: 'member',
  run(ctx, args) {
    // The code as requests store it (`012` is `12`), so the figures are that household's.
    const reading = readHouseholdCode(args);
    if (!reading.ok && reading.problem === 'ambiguous-code')
      return text(refuse.ambiguousHousehold(args.trim().slice(0, 30), '/huishouden 12'));
    if (!reading.ok) return text('Noem de huishoudcode, bijvoorbeeld: /huishouden 12');
    const code = reading.code;
    const cap = ctx.team.settings.householdCapCents;
    const usage = householdUsage(ctx.sql, ctx.team.id, code, ctx.period.start);
    const open = usage.openCents > 0 ? ` · open ${euro(usage.openCents)}` : '';
    return text(
      `🏠 Huishouden ${code} deze periode: toegekend ${euro(usage.grantedCents)}${open} · ` +
        `kan nog ${euro(Math.max(cap - usage.usedCents, 0))} krijgen (maximaal ${euro(cap)}).`,
    );
  },
};
