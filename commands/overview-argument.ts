import type { OverviewRequest } from '../src/overview/overview-store.ts';
import { startOfLocalDate } from '../src/text/time.ts';

/**
 * Reads which overview someone asks for: nothing (the running cycle), `vorige`, `ronde 3`, or a
 * year (`2026`). Other words (like `met huishoudens`) are left for the caller.
 *
 * @example
 * readOverviewRequest('vorige')       // { request: { kind: 'previous' }, rest: '' }
 * readOverviewRequest('2026 met huishoudens') // { request: { kind: 'range', … }, rest: 'met huishoudens' }
 */
export function readOverviewRequest(
  args: string,
): { request: OverviewRequest; rest: string } | null {
  let rest = args.trim().toLowerCase();
  let request: OverviewRequest = { kind: 'current' };
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(rest);
    if (match)
      rest = (rest.slice(0, match.index) + rest.slice(match.index + match[0].length)).trim();
    return match;
  };
  const year = take(/\b(20\d\d)\b/);
  const cycle = take(/\b(?:ronde|cyclus)\s*(\d{1,3})\b/);
  const previous = take(/\bvorige\b/);
  if ([year, cycle, previous].filter(Boolean).length > 1) return null;
  if (year) {
    const y = Number(year[1]);
    request = {
      kind: 'range',
      from: startOfLocalDate(`${y}-01-01`),
      to: startOfLocalDate(`${y + 1}-01-01`),
    };
  } else if (cycle) {
    request = { kind: 'cycle', cycle: Number(cycle[1]) };
  } else if (previous) {
    request = { kind: 'previous' };
  }
  return { request, rest };
}
