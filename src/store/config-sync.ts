import type { BotConfig } from './bot-config.ts';
import type { Statements } from './statements.ts';
import { resolveSettings } from './team-settings.ts';
import { addCoordinator, findTeam, linkChat, listCoordinators, saveTeam } from './teams.ts';
import { localDateOf } from '../text/time.ts';

/**
 * Writes the configuration file's teams into the database: their rules, their chats and the
 * coordinators it names. Links and coordinators made in chat stay; a coordinator the file no
 * longer names (and that the file had named) is removed. Run inside a write transaction.
 */
export function syncConfig(sql: Statements, config: BotConfig, at: Date): void {
  for (const team of config.teams) {
    const existing = findTeam(sql, team.id);
    const startDate = existing?.settings.startDate ?? localDateOf(at);
    saveTeam(
      sql,
      {
        id: team.id,
        name: team.name ?? team.id,
        settings: resolveSettings(team, startDate),
        source: 'config',
      },
      at,
    );
    for (const chat of team.chats) linkChat(sql, chat, team.id, 'config', at);
    for (const member of team.coordinators) addCoordinator(sql, team.id, member, 'config', at);
    const named = new Set(team.coordinators);
    for (const member of listCoordinators(sql, team.id)) {
      if (named.has(member)) continue;
      sql.run(
        "DELETE FROM coordinators WHERE team_id = ? AND member_id = ? AND named_by = 'config'",
        team.id,
        member,
      );
    }
  }
}
