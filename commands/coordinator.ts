import { text, type TeamCommand } from '../src/command.ts';
import { joinNames } from '../src/replies.ts';
import { addCoordinator, listCoordinators, memberName, removeCoordinator } from '../src/teams.ts';

/**
 * `/coordinator`: an administrator names a coordinator (as a reply to one of their messages, or
 * by member id), takes one away (`/coordinator weg …`), or lists them (no argument).
 */
export const coordinator: TeamCommand = {
  scope: 'team',
  name: 'coordinator',
  aliases: ['coördinator'],
  usage: '/coordinator [weg] <lid>',
  summary: 'Coördinatoren benoemen of tonen (beheerder)',
  role: 'admin',
  task: 'coördinatoren benoemen',
  run(ctx, args) {
    const words = args.trim().split(/\s+/).filter(Boolean);
    const remove = words[0]?.toLowerCase() === 'weg';
    if (remove) words.shift();
    let member = words[0] ?? null;
    if (!member && ctx.replyTo) {
      member =
        ctx.sql.get<{ sender_id: string }>(
          'SELECT sender_id FROM inbox WHERE chat_id = ? AND message_id = ?',
          ctx.chatId,
          ctx.replyTo,
        )?.sender_id ?? null;
    }
    if (!member) {
      const names = listCoordinators(ctx.sql, ctx.team.id).map((id) => memberName(ctx.sql, id));
      return text(
        names.length
          ? `Coördinatoren van ${ctx.team.name}: ${joinNames(names, 'en')}. Benoemen: reageer op een bericht van iemand met /coordinator.`
          : `${ctx.team.name} heeft nog geen coördinator. Benoemen: reageer op een bericht van iemand met /coordinator.`,
      );
    }
    const name = memberName(ctx.sql, member);
    if (remove) {
      return text(
        removeCoordinator(ctx.sql, ctx.team.id, member)
          ? `${name} is geen coördinator meer van ${ctx.team.name}.`
          : `${name} was geen coördinator van ${ctx.team.name}.`,
      );
    }
    return text(
      addCoordinator(ctx.sql, ctx.team.id, member, ctx.senderId, ctx.at)
        ? `👤 ${name} is nu coördinator van ${ctx.team.name}.`
        : `${name} is al coördinator van ${ctx.team.name}.`,
    );
  },
};
