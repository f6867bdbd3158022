import { text, type ChatCommand } from '../src/rules/command.ts';
import { resolveSettings, TeamRulesSchema } from '../src/store/team-settings.ts';
import { findTeam, findTeamForChat, linkChat, saveTeam } from '../src/store/teams.ts';
import { localDateOf } from '../src/text/time.ts';

const TEAM_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/i;

/**
 * `/koppel <team>`: an administrator links this group to a team. A team that does not exist yet
 * is created with the default rules, starting today. The link is stored and survives restarts.
 */
export const koppel: ChatCommand = {
  scope: 'chat',
  name: 'koppel',
  usage: '/koppel <team>',
  summary: 'Deze groep aan een team koppelen (beheerder)',
  role: 'admin',
  task: 'een groep koppelen',
  run(ctx, args) {
    const teamId = args.trim().toLowerCase();
    if (!TEAM_ID.test(teamId)) {
      return text(
        'Noem het team met letters, cijfers of een streepje, bijvoorbeeld: /koppel noord',
      );
    }
    const current = findTeamForChat(ctx.sql, ctx.chatId);
    if (current?.id === teamId) return text(`Deze groep hoort al bij team ${current.name}.`);
    let team = findTeam(ctx.sql, teamId);
    const created = !team;
    if (!team) {
      team = {
        id: teamId,
        name: teamId,
        settings: resolveSettings(TeamRulesSchema.parse({}), localDateOf(ctx.at)),
        source: 'chat',
      };
      saveTeam(ctx.sql, team, ctx.at);
    }
    linkChat(ctx.sql, ctx.chatId, team.id, ctx.senderId, ctx.at);
    const moved = current ? ` (was team ${current.name})` : '';
    const fresh = created ? ' Het team is nieuw en begint vandaag met de standaardregels.' : '';
    return text(
      `🔗 Deze groep hoort nu bij team ${team.name}${moved}.${fresh} Typ /help om te zien wat ik kan.`,
    );
  },
};
