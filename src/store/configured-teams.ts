import type { BotConfig } from './bot-config.ts';
import type { Statements } from './statements.ts';
import { resolveSettings } from './team-settings.ts';
import { listTeams, type Team } from './teams.ts';

/**
 * The teams as the bot sees them at start: the database's teams, with the name and rules the
 * configuration file gives them now (like the bot's start-up does, but without writing).
 */
export function teamsAsConfigured(sql: Statements, config: BotConfig): Team[] {
  const configured = new Map(config.teams.map((team) => [team.id, team]));
  return listTeams(sql).map((team) => {
    const fromConfig = configured.get(team.id);
    if (!fromConfig) return team;
    return {
      ...team,
      name: fromConfig.name ?? fromConfig.id,
      settings: resolveSettings(fromConfig, team.settings.startDate),
    };
  });
}
