import { parseAmountArgument, type AmountProblem } from '../src/money.ts';

/**
 * Splits command arguments that start with an amount: `500`, `€ 500,00 extra van de wijkraad`.
 *
 * @example
 * leadingAmount('€ 28,50 echte kosten') // { ok: true, cents: 2850, rest: 'echte kosten' }
 */
export function leadingAmount(
  args: string,
): { ok: true; cents: number; rest: string } | { ok: false; problem: AmountProblem | 'missing' } {
  const match = /^(€\s*|eur\s+)?(\S+)(?:\s+(euro|eur)\b)?\s*(.*)$/is.exec(args.trim());
  if (!match || !match[2]) return { ok: false, problem: 'missing' };
  const token = `${match[1] ?? ''}${match[2]}`;
  const parsed = parseAmountArgument(token);
  if (!parsed.ok) return parsed;
  return { ok: true, cents: parsed.cents, rest: (match[4] ?? '').trim() };
}

/** The Dutch explanation of a wrong amount argument, with an example command. */
export function amountProblemText(problem: AmountProblem | 'missing', example: string): string {
  if (problem === 'zero') return `Het bedrag moet meer dan € 0,00 zijn. Bijvoorbeeld: ${example}`;
  if (problem === 'too-large') return `Dat bedrag is te groot. Bijvoorbeeld: ${example}`;
  return `Ik kan het bedrag niet lezen. Bijvoorbeeld: ${example}`;
}
