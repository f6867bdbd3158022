import type { CommandContext } from '../src/rules/command.ts';
import type { Reply } from '../src/delivery/outbox.ts';
import { refuse } from '../src/rules/replies.ts';
import { requestByNumber, type BudgetRequest } from '../src/store/requests.ts';

/**
 * Reads a request number as people type it: `12`, `#12`, `nr 12`.
 *
 * @example
 * parseRequestNumber('#12') // 12
 * parseRequestNumber('twaalf') // null
 */
export function parseRequestNumber(arg: string): number | null {
  const match = /^(?:nr\.?\s*|#\s*)?(\d{1,7})$/i.exec(arg.trim());
  return match ? Number(match[1]) : null;
}

/** The team's request with that number, or the refusal that says it does not exist (yet). */
export function findRequestOrRefuse(
  ctx: CommandContext,
  number: number,
): { request: BudgetRequest } | { refusal: Reply[] } {
  const request = requestByNumber(ctx.sql, ctx.team.id, number);
  // A command delivered late is judged at the time it was typed: a request posted after it did not exist yet.
  if (!request || request.createdAt > ctx.at)
    return { refusal: [{ text: refuse.unknownRequest(number) }] };
  return { request };
}
