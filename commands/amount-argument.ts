import { readLeadingAmount, type AmountProblem } from '../src/text/money.ts';

/**
 * Splits command arguments that start with an amount: `500`, `€ 500,00 extra van de wijkraad`.
 * The amount is read by money.ts (readLeadingAmount): one that is not certain (`€ 1 250`, `20k`,
 * `-50`) is refused with its problem, never guessed (docs/rules.md rule 2).
 *
 * @example
 * leadingAmount('€ 28,50 echte kosten') // { ok: true, cents: 2850, rest: 'echte kosten' }
 * leadingAmount('€ 1 250') // { ok: false, problem: 'ambiguous-amount' }
 */
export function leadingAmount(
  args: string,
): { ok: true; cents: number; rest: string } | { ok: false; problem: AmountProblem | 'missing' } {
  if (args.trim() === '') return { ok: false, problem: 'missing' };
  return readLeadingAmount(args);
}

/**
 * The Dutch explanation of a wrong amount argument, with an example command.
 *
 * @example
 * amountProblemText('negative', '/storten 500')
 * // 'Een bedrag met een minteken kan ik niet boeken: typ het bedrag zonder min. Bijvoorbeeld: /storten 500'
 */
export function amountProblemText(problem: AmountProblem | 'missing', example: string): string {
  if (problem === 'zero') return `Het bedrag moet meer dan € 0,00 zijn. Bijvoorbeeld: ${example}`;
  if (problem === 'too-large') return `Dat bedrag is te groot. Bijvoorbeeld: ${example}`;
  if (problem === 'negative')
    return `Een bedrag met een minteken kan ik niet boeken: typ het bedrag zonder min. Bijvoorbeeld: ${example}`;
  if (problem === 'ambiguous-amount')
    return (
      `Ik weet niet zeker welk bedrag je bedoelt: er staat een spatie, streepje of letter in het getal. ` +
      `Schrijf het als één getal, zoals 1.250 of 12,50. Bijvoorbeeld: ${example}`
    );
  return `Ik kan het bedrag niet lezen. Bijvoorbeeld: ${example}`;
}
