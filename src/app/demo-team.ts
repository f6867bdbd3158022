import { inWriteTransaction } from '../store/database.ts';
import type { Engine } from '../engine/engine.ts';
import { resolveSettings, TeamRulesSchema } from '../store/team-settings.ts';
import { addCoordinator, findTeam, linkChat, rememberMember, saveTeam } from '../store/teams.ts';
import { localDateOf } from '../text/time.ts';

/** The chat id of the console chat. */
export const CONSOLE_CHAT = 'console:groep';
/** Who is coordinator and administrator in the demo. */
export const DEMO_COORDINATOR = 'console:coordinator';
export const DEMO_ADMIN = 'console:beheerder';

/**
 * Links the console chat to a demo team with the default rules (and `coordinator` as its
 * coordinator) when the configuration did not link it to a team of its own.
 */
export function ensureDemoTeam(engine: Engine, at: Date): void {
  if (engine.isLinked(CONSOLE_CHAT)) return;
  inWriteTransaction(engine.sql.db, () => {
    if (!findTeam(engine.sql, 'demo')) {
      saveTeam(
        engine.sql,
        {
          id: 'demo',
          name: 'Demo',
          settings: resolveSettings(TeamRulesSchema.parse({}), localDateOf(at)),
          source: 'auto',
        },
        at,
      );
    }
    linkChat(engine.sql, CONSOLE_CHAT, 'demo', null, at);
    addCoordinator(engine.sql, 'demo', DEMO_COORDINATOR, 'demo', at);
    rememberMember(engine.sql, DEMO_COORDINATOR, 'coordinator', at);
  });
}
