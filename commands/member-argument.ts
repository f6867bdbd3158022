import type { EventContext } from '../src/rules/context.ts';
import { namedMembersOn } from '../src/store/teams.ts';

/** Who a role command names, or why it cannot tell (in Dutch, with what to do instead). */
export type NamedMember = { ok: true; memberId: string } | { ok: false; reason: string };

/** A member id of a chat platform: `telegram:123`, `whatsapp:31612345678`, `whatsapp:1234@lid`. */
const PLATFORM_ID = /^(?:telegram|whatsapp):[\w.@-]+$/;
/** A chat of a chat platform: its members have platform ids, never bare names. */
const PLATFORM_CHAT = /^(?:telegram|whatsapp):/;

const letters = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The member a role command (`/adviseur …`, `/coordinator …`) names with `words` (what follows
 * the command, `weg` taken off), as a member id the bot can match (rule 12: never confirm a role
 * nobody can use). In this order: a mention in the message that carries an id (Telegram's
 * `text_mention`); in a chat without a platform (`mmb replay`, the console) the word itself, as
 * its member ids are plain words; a member id as the platform writes it (`telegram:123`); the
 * name that exactly one member of that platform the bot has seen goes by (the members table).
 * Anything else — an `@username` (Telegram does not say whose it is), a name nobody or several
 * go by — is refused with how to do it: answer one of their messages with the command.
 *
 * @example
 * namedMember(ctx, ['@nina'], 'adviseur')
 * // → { ok: true, memberId: 'telegram:55' } when Nina (telegram:55) wrote in the group before
 * namedMember(ctx, ['Nina'], 'adviseur')
 * // → { ok: false, reason: 'Ik ken niemand die "Nina" heet in deze groep. Antwoord met /adviseur op een bericht van die persoon.' }
 */
export function namedMember(ctx: EventContext, words: string[], command: string): NamedMember {
  const typed = words.join(' ').trim();
  const how = `Antwoord met /${command} op een bericht van die persoon.`;
  const wanted = letters(typed);
  const mention = (ctx.mentions ?? []).find((m) => letters(m.text) === wanted);
  if (mention) return { ok: true, memberId: mention.memberId };
  if (!PLATFORM_CHAT.test(ctx.chatId)) return { ok: true, memberId: words[0]! };
  if (PLATFORM_ID.test(typed)) return { ok: true, memberId: typed };
  const platform = ctx.chatId.slice(0, ctx.chatId.indexOf(':') + 1);
  const seen = namedMembersOn(ctx.sql, platform);
  const matches = seen.filter((m) => letters(m.displayName) === wanted);
  if (matches.length === 1) return { ok: true, memberId: matches[0]!.id };
  if (matches.length > 1)
    return {
      ok: false,
      reason: `Er zijn ${matches.length} mensen die "${typed}" heten, dus ik weet niet wie je bedoelt. ${how}`,
    };
  return {
    ok: false,
    reason: `Ik ken niemand die "${typed}" heet in deze groep, dus dat zou niet werken. ${how}`,
  };
}
