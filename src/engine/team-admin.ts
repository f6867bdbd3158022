import type { BotConfig } from '../store/bot-config.ts';
import { moveChat } from '../store/chats.ts';
import type { Clock } from '../core/clock.ts';
import { syncConfig } from '../store/config-sync.ts';
import { inWriteTransaction } from '../store/database.ts';
import type { IncomingEvent } from '../core/incoming.ts';
import type { Statements } from '../store/statements.ts';
import { resolveSettings, TeamRulesSchema } from '../store/team-settings.ts';
import { findTeam, findTeamForChat, linkChat, saveTeam, type Team } from '../store/teams.ts';
import { localDateOf } from '../text/time.ts';

/**
 * Team administration: who the administrators are, which chat belongs to which team (from the
 * configuration, and with autoTeams on a new team for every unknown chat), and a chat's move to a
 * new id. The engine asks it for an event's team; it tells nobody of its changes (the engine does).
 */
export class TeamAdmin {
  private adminIds = new Set<string>();
  private adviserIds = new Set<string>();

  constructor(
    private readonly sql: Statements,
    private readonly clock: Clock,
    /** Make every unknown chat a team with the default rules (replay without --config, the demo). */
    private readonly autoTeams: boolean,
  ) {}

  /** The administrators named in the configuration. */
  get admins(): ReadonlySet<string> {
    return this.adminIds;
  }

  /** The municipality-wide communicatieadviseurs named in the configuration (all teams). */
  get advisers(): ReadonlySet<string> {
    return this.adviserIds;
  }

  /** Takes in a (new) configuration: administrators, teams, their chats and coordinators. */
  applyConfig(config: BotConfig): void {
    this.adminIds = new Set(config.admins);
    this.adviserIds = new Set(config.advisers);
    inWriteTransaction(this.sql.db, () => syncConfig(this.sql, config, this.clock.now()));
  }

  /** The team of the event's chat; with autoTeams on, a new one for an unknown chat. Run in the event's transaction. */
  teamFor(event: IncomingEvent): Team | null {
    return findTeamForChat(this.sql, event.chatId) ?? this.autoTeam(event);
  }

  /** Whether a chat is linked to a team. */
  isLinked(chatId: string): boolean {
    return findTeamForChat(this.sql, chatId) !== null;
  }

  /**
   * Moves a chat to a new id in one transaction: its team link, its requests and the replies not
   * sent yet. Returns whether anything moved.
   */
  moveChat(fromChatId: string, toChatId: string): boolean {
    return inWriteTransaction(this.sql.db, () => moveChat(this.sql, fromChatId, toChatId));
  }

  /** With autoTeams on, an unknown chat becomes a team named after it, starting on this day. */
  private autoTeam(event: IncomingEvent): Team | null {
    if (!this.autoTeams) return null;
    const base =
      event.chatId
        .replace(/^[a-z]+:/, '')
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^-+/, '')
        .slice(0, 32) || 'team';
    let id = base;
    for (let n = 2; findTeam(this.sql, id); n += 1) id = `${base}-${n}`;
    const team: Team = {
      id,
      name: event.chatId.replace(/^console:/, '').slice(0, 80),
      settings: resolveSettings(TeamRulesSchema.parse({}), localDateOf(event.at)),
      source: 'auto',
    };
    saveTeam(this.sql, team, event.at);
    linkChat(this.sql, event.chatId, id, null, event.at);
    return team;
  }
}
