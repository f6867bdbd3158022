import { inWriteTransaction } from '../store/database.ts';
import { holdsExportJob } from '../overview/export-job.ts';
import { holdForRendering } from './export-rendering.ts';
import { nextSubscriptionDue, type PrivateChatRoles } from './private-chat.ts';
import { expireRequest, remindRequest } from '../rules/deadlines.ts';
import type { DueReply } from '../rules/due-reply.ts';
import { enqueue } from '../delivery/outbox.ts';
import {
  ensurePeriodOpen,
  nextPeriodOpening,
  periodAnnouncements,
} from '../rules/period-opening.ts';
import { computeOverview } from '../overview/overview.ts';
import { cycleByNumber, overviewSlot } from '../overview/overview-slots.ts';
import { lastStoredCycle, saveOverview } from '../overview/overview-store.ts';
import { overviewText } from '../overview/overview-text.ts';
import { currentDataVersion } from '../store/data-version.ts';
import { dueVersion } from '../store/due-version.ts';
import { nextRequestDue } from '../store/requests.ts';
import type { Statements } from '../store/statements.ts';
import { chatsOfTeam, listTeams, type Team } from '../store/teams.ts';

interface DueItem {
  at: Date;
  run: (at: Date, now: Date) => DueReply[];
}

/** The due-write counters and `data_version` an answer was read under. */
interface Stamp {
  request: number;
  team: number;
  data: number;
}
type Stamped<T> = Stamp & { item: T };

const sameStamp = (a: Stamp, b: Stamp) =>
  a.request === b.request && a.team === b.team && a.data === b.data;

/**
 * The timetable of due work, read from the database: a request's deadline or reminder, a team's
 * new budget period, a six-weekly overview. Says what falls due next and fires what is due, each
 * item in its own transaction. It tells nobody (the engine does, after `runDue`).
 */
export class DueTimetable {
  /**
   * The answer of `nextDue`, and the team-level part of it, remembered under this process's
   * due-write counters (touchDue) and SQLite's `data_version` (another connection committed): an
   * event that wrote nothing due-related asks no query but `data_version`, and a new or decided
   * request does not read every team again.
   */
  private cache: Stamped<DueItem | null> | null = null;
  private teamCache: Stamped<DueItem | null> | null = null;

  constructor(
    private readonly sql: Statements,
    /** Who may see which teams, for the subscriptions (the configuration's named ids). */
    private readonly roles: () => PrivateChatRoles = () => ({
      admins: new Set(),
      advisers: new Set(),
    }),
  ) {}

  /** Forgets what it remembered: teams' settings or roles may have changed, or a write was undone. */
  forget(): void {
    this.cache = null;
    this.teamCache = null;
  }

  /** The earliest moment something falls due (a deadline, a reminder, a new period), or null. */
  nextDueAt(): Date | null {
    return this.nextDue()?.at ?? null;
  }

  /**
   * Fires everything that fell due up to `now`, one item at a time in time order, each in its own
   * transaction and judged at its own due time. Returns how many items it fired.
   */
  runDue(now: Date): number {
    let fired = 0;
    for (let next = this.nextDue(); next && next.at <= now; next = this.nextDue()) {
      const item = next;
      try {
        inWriteTransaction(this.sql.db, () => {
          for (const due of item.run(item.at, now)) {
            const id = enqueue(this.sql, due.chatId, due.reply, item.at);
            if (holdsExportJob(due.reply.files)) holdForRendering(this.sql, id); // rendered after the commit
          }
        });
      } finally {
        // A fired item is done, whatever it wrote (or undid): read again what comes next. The
        // teams' items are read again only when it was one of theirs (or a team write says so).
        this.cache = null;
        if (item === this.teamCache?.item) this.teamCache = null;
      }
      fired += 1;
    }
    return fired;
  }

  private nextDue(): DueItem | null {
    const stamp = {
      request: dueVersion(this.sql.db, 'request'),
      team: dueVersion(this.sql.db, 'team'),
      data: currentDataVersion(this.sql),
    };
    const cache = this.cache;
    if (cache && sameStamp(cache, stamp)) return cache.item;
    const teamCache = this.teamCache;
    const teamItem =
      teamCache && teamCache.team === stamp.team && teamCache.data === stamp.data
        ? teamCache.item
        : this.nextTeamDue();
    this.teamCache = { ...stamp, item: teamItem };
    const item = this.readNextDue(teamItem);
    this.cache = { ...stamp, item };
    return item;
  }

  private readNextDue(teamItem: DueItem | null): DueItem | null {
    let best = teamItem;
    const request = nextRequestDue(this.sql);
    if (request && (!best || request.at <= best.at)) {
      best = {
        at: request.at,
        run: (at) =>
          request.what === 'expire'
            ? expireRequest(this.sql, request.requestId, at)
            : remindRequest(this.sql, request.requestId, at),
      };
    }
    // A subscription comes after the overviews posted at the same moment (strictly earlier only).
    const subscription = nextSubscriptionDue(this.sql, this.roles());
    if (subscription && (!best || subscription.at < best.at)) best = subscription;
    return best;
  }

  /** The earliest team-level item (a new period, an overview). */
  private nextTeamDue(): DueItem | null {
    let best: DueItem | null = null;
    for (const team of listTeams(this.sql)) {
      const at = nextPeriodOpening(this.sql, team);
      if (!best || at < best.at)
        best = { at, run: (when, now) => this.openPeriod(team, when, now) };
      const cycle = lastStoredCycle(this.sql, team.id) + 1;
      const slot = overviewSlot(team.settings, cycle);
      if (slot < best.at)
        best = { at: slot, run: (when, now) => this.postOverview(team, cycle, when, now) };
    }
    return best;
  }

  /**
   * Makes and stores the overview of a finished cycle. After an outage only the newest missed
   * cycle is posted; the others are stored, so an export of them still gives their figures.
   */
  private postOverview(team: Team, number: number, at: Date, now: Date): DueReply[] {
    const cycle = cycleByNumber(team.settings, number);
    const overview = computeOverview(
      this.sql,
      team,
      { from: cycle.from, to: cycle.to, cycle: number },
      at,
    );
    const post = overviewSlot(team.settings, number + 1) > now;
    saveOverview(this.sql, overview, post);
    if (!post) return [];
    const text = overviewText(overview);
    return chatsOfTeam(this.sql, team.id).map((chatId) => ({
      chatId,
      reply: { text, purpose: 'overview' },
    }));
  }

  private openPeriod(team: Team, at: Date, now: Date): DueReply[] {
    const { period, renewed } = ensurePeriodOpen(this.sql, team, at);
    // After a long outage only the period that holds "now" is announced, not every missed one.
    return renewed && period && now < period.end ? periodAnnouncements(this.sql, team) : [];
  }
}
