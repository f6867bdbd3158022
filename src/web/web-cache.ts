import type { Db } from '../store/database.ts';
import type { Overview } from '../overview/overview.ts';
import { overviewFor, type OverviewRequest } from '../overview/overview-store.ts';
import { cycleAt } from '../overview/overview-slots.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';
import { dataVersion } from '../store/data-version.ts';

/** How a page asks for an overview (as overviewFor, the database and `now` already given). */
export type OverviewOf = (team: Team, request: OverviewRequest) => Overview | null;

/**
 * The overviews the pages showed, kept until the bot writes anything: SQLite's `data_version`
 * changes with every commit of another connection (the bot's), and then everything is forgotten.
 * A page's figures depend on nothing else than the database and which round is running (part of
 * the key), so a page read again shows exactly what overviewFor would say now; only `madeAt`
 * (not on any page) may be older. Downloads never come from here: their files say when they
 * were made.
 *
 * @example
 * const overviewOf = cache.forRequest(sql, now)
 * overviewOf(team, { kind: 'current' }) // computed once per change of the database
 */
export class OverviewCache {
  private version = -1;
  private readonly kept = new Map<string, Overview | null>();

  constructor(
    private readonly db: Db,
    private readonly limit = 5_000,
  ) {}

  /** The overview function for one request, at `now`. */
  forRequest(sql: Statements, now: Date): OverviewOf {
    const version = dataVersion(this.db);
    if (version !== this.version || this.kept.size > this.limit) {
      this.kept.clear();
      this.version = version;
    }
    return (team, request) => {
      const running = cycleAt(team.settings, now)?.number ?? 0;
      const what =
        request.kind === 'range'
          ? `r${request.from.getTime()}-${request.to.getTime()}`
          : request.kind === 'cycle'
            ? `c${request.cycle}`
            : request.kind;
      const key = `${team.id}|${running}|${what}`;
      if (this.kept.has(key)) return this.kept.get(key)!;
      const overview = overviewFor(sql, team, request, now);
      this.kept.set(key, overview);
      return overview;
    };
  }
}
