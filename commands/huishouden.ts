import { householdUsage } from '../src/store/budget.ts';
import { text, type TeamCommand } from '../src/rules/command.ts';
import { codeFormatOf, findHousehold } from '../src/text/household.ts';
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
    // The code as requests store it (`012` is `12`), read by the one validator chat and the
    // imports use (rule 2): one household, in the team's code format, never a name.
    const reading = findHousehold(`hh ${args}`, codeFormatOf(ctx.team.settings));
    if (reading !== null && !reading.ok && reading.problem === 'ambiguous-code')
      return text(refuse.ambiguousHousehold(args.trim().slice(0, 30), '/huishouden 12'));
    if (reading !== null && !reading.ok && reading.problem === 'several-codes')
      return text(
        'Dat zijn meer huishoudens. Vraag er één per keer op, bijvoorbeeld: /huishouden 12',
      );
    if (reading !== null && !reading.ok && reading.problem !== 'missing-code')
      return text(
        'Dat is geen huishoudcode: een code is een nummer, hooguit met een korte letter ervoor of erna (zoals 12, N12 of 12a), nooit een naam of straat. Bijvoorbeeld: /huishouden 12',
      );
    if (reading === null || !reading.ok)
      return text('Noem de huishoudcode, bijvoorbeeld: /huishouden 12');
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
