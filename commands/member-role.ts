import { text, type Role, type TeamCommand } from '../src/rules/command.ts';
import { joinNames } from '../src/rules/replies.ts';
import { senderOfMessage } from '../src/store/inbox.ts';
import type { Statements } from '../src/store/statements.ts';
import { memberName } from '../src/store/teams.ts';
import { namedMember } from './member-argument.ts';

/** How one team role is stored, and what it is called in Dutch. */
export interface MemberRole {
  name: string;
  aliases: readonly string[];
  /** Who may hand the role out. */
  grantedBy: Role;
  /** "coördinator", "communicatieadviseur". */
  title: string;
  titles: string;
  summary: string;
  task: string;
  add(sql: Statements, teamId: string, memberId: string, by: string, at: Date): boolean;
  remove(sql: Statements, teamId: string, memberId: string): boolean;
  list(sql: Statements, teamId: string): string[];
}

/**
 * A command that names someone to a team role (as a reply to one of their messages, or by member
 * id), takes it away (`… weg <lid>`), or lists who has it (no argument).
 */
export function memberRoleCommand(role: MemberRole): TeamCommand {
  return {
    scope: 'team',
    name: role.name,
    aliases: role.aliases,
    usage: `/${role.name} [weg] <lid>`,
    summary: role.summary,
    role: role.grantedBy,
    task: role.task,
    run(ctx, args) {
      const words = args.trim().split(/\s+/).filter(Boolean);
      const remove = words[0]?.toLowerCase() === 'weg';
      if (remove) words.shift();
      let member: string | null = null;
      if (ctx.replyTo) {
        // The message's dedupe record (src/store/inbox.ts), or its edit's.
        member = senderOfMessage(ctx.sql, ctx.chatId, ctx.replyTo);
      }
      if (words.length > 0) {
        // A name or mention; a reply to their message always works (rule 12).
        const named = namedMember(ctx, words, role.name);
        if (named.ok) member = named.memberId;
        else if (!member) return text(named.reason);
      }
      const how = `Benoemen: reageer op een bericht van iemand met /${role.name}.`;
      if (!member) {
        const names = role.list(ctx.sql, ctx.team.id).map((id) => memberName(ctx.sql, id));
        return text(
          names.length
            ? `${capital(role.titles)} van ${ctx.team.name}: ${joinNames(names, 'en')}. ${how}`
            : `${ctx.team.name} heeft nog geen ${role.title}. ${how}`,
        );
      }
      const name = memberName(ctx.sql, member);
      if (remove) {
        return text(
          role.remove(ctx.sql, ctx.team.id, member)
            ? `${name} is geen ${role.title} meer van ${ctx.team.name}.`
            : `${name} was geen ${role.title} van ${ctx.team.name}.`,
        );
      }
      return text(
        role.add(ctx.sql, ctx.team.id, member, ctx.senderId, ctx.at)
          ? `👤 ${name} is nu ${role.title} van ${ctx.team.name}.`
          : `${name} is al ${role.title} van ${ctx.team.name}.`,
      );
    },
  };
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
