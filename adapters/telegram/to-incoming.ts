import type { Context } from 'grammy';
import type {
  IncomingButton,
  IncomingMessage,
  IncomingReaction,
  Mention,
} from '../../src/core/incoming.ts';
import { voteFromReaction } from '../../src/text/parse-vote.ts';
import { parseVoteData } from './callback-data.ts';
import { telegramId } from './chat-ids.ts';

/** The grammY shapes this file reads. */
export type TelegramMessage = NonNullable<Context['message']>;
export type TelegramReaction = NonNullable<Context['messageReaction']>;
export type TelegramCallbackQuery = NonNullable<Context['callbackQuery']>;

const ADDRESSED = /^\/[\p{L}\p{M}\p{N}_]{1,32}@([A-Za-z0-9_]{1,64})(?![A-Za-z0-9_])/u;

/**
 * Whether a message is a command for another bot in the group (`/saldo@OtherBot`).
 *
 * @example
 * isForOtherBot('/saldo@OtherBot', 'mmb_bot') // true
 * isForOtherBot('/saldo@MMB_bot', 'mmb_bot')  // false
 * isForOtherBot('/saldo', 'mmb_bot')          // false
 */
export function isForOtherBot(text: string, botUsername: string): boolean {
  const match = ADDRESSED.exec(text);
  return match !== null && match[1]!.toLowerCase() !== botUsername.toLowerCase();
}

/**
 * The people a message names with a `text_mention` entity (someone without a username, picked
 * from the list: Telegram gives their id), as member ids; none gives no field at all. A plain
 * `@username` (a `mention` entity) carries no id and is not among them.
 *
 * @example
 * mentionsOf('/adviseur Nina', [{ type: 'text_mention', offset: 10, length: 4, user }])
 * // → { mentions: [{ memberId: 'telegram:55', text: 'Nina' }] }
 */
export function mentionsOf(
  text: string,
  entities: NonNullable<TelegramMessage['entities']>,
): { mentions?: Mention[] } {
  const mentions = entities.flatMap((entity) =>
    entity.type === 'text_mention'
      ? [
          {
            memberId: telegramId(entity.user.id),
            text: text.slice(entity.offset, entity.offset + entity.length),
          },
        ]
      : [],
  );
  return mentions.length > 0 ? { mentions } : {};
}

/**
 * A Telegram message as the core's IncomingMessage; null for what the bot does not read
 * (no text or caption, a bot's message — a bot never requests or votes, rule 16 —, a command for
 * another bot). `at` is Telegram's date (its server's clock, rule 14). A forwarded message
 * (`forward_origin`) is marked `forwarded: true`.
 * A message in a private chat with the bot (chat.type 'private') is marked `private: true`.
 *
 * @example
 * toIncomingMessage(update.message, 'mmb_bot')
 * // { kind: 'message', chatId: 'telegram:-1001', senderId: 'telegram:42', messageId: '77', … }
 */
export function toIncomingMessage(
  message: TelegramMessage,
  botUsername: string,
): IncomingMessage | null {
  const text = message.text ?? message.caption;
  const from = message.from;
  if (text === undefined || !from || from.is_bot) return null;
  if (isForOtherBot(text, botUsername)) return null;
  const reply = message.reply_to_message;
  // In a forum, every message of a topic "replies" to the topic's first message: not a real reply.
  const topicStart =
    message.is_topic_message === true && reply?.message_id === message.message_thread_id;
  return {
    kind: 'message',
    chatId: telegramId(message.chat.id),
    senderId: telegramId(from.id),
    senderName: from.first_name,
    messageId: String(message.message_id),
    at: new Date(message.date * 1000),
    text,
    replyTo: reply && !topicStart ? String(reply.message_id) : null,
    // Forwarded: never a request or a vote (docs/rules.md rule 16).
    ...(message.forward_origin ? { forwarded: true } : {}),
    ...mentionsOf(text, message.entities ?? message.caption_entities ?? []),
    // A private chat's id is the user's own (positive) id: `telegram:<user id>` (see the port).
    ...(message.chat.type === 'private' ? { private: true } : {}),
  };
}

/**
 * A reaction change as the core's IncomingReaction: the 👍/👎 (or ✅/❌) now on the message, or
 * null (`emoji: null`) when the member took their vote reaction off. Null when no vote reaction
 * was there before or after, or the reaction is anonymous.
 *
 * @example
 * toIncomingReaction({ …, old_reaction: [], new_reaction: [{ type: 'emoji', emoji: '👍' }] })
 * // { kind: 'reaction', emoji: '👍', eventId: '42|77|1767225600|👍', … }
 */
export function toIncomingReaction(reaction: TelegramReaction): IncomingReaction | null {
  const user = reaction.user;
  if (!user || user.is_bot || reaction.chat.type === 'private') return null; // votes are in groups
  const emojis = (list: TelegramReaction['new_reaction']): string[] =>
    list.flatMap((r) => (r.type === 'emoji' ? [r.emoji as string] : []));
  const isVote = (emoji: string) => voteFromReaction(emoji) !== null;
  const before = emojis(reaction.old_reaction).filter(isVote);
  const now = emojis(reaction.new_reaction).filter(isVote);
  const emoji = now.find((e) => !before.includes(e)) ?? now[0] ?? null;
  if (emoji === null && before.length === 0) return null;
  return {
    kind: 'reaction',
    chatId: telegramId(reaction.chat.id),
    senderId: telegramId(user.id),
    senderName: user.first_name,
    eventId: `${user.id}|${reaction.message_id}|${reaction.date}|${emoji}`,
    targetMessageId: String(reaction.message_id),
    emoji,
    at: new Date(reaction.date * 1000),
  };
}

/**
 * A vote button press as the core's IncomingButton, deduplicated on the callback query's id;
 * null for other callback data. Telegram gives a press no time of its own: `at` is given.
 *
 * @example
 * toIncomingButton(callbackQuery, new Date()) // { kind: 'button', requestNumber: 12, vote: 'ja', … }
 */
export function toIncomingButton(query: TelegramCallbackQuery, at: Date): IncomingButton | null {
  const vote = parseVoteData(query.data);
  const chat = query.message?.chat;
  if (!vote || !chat || query.from.is_bot) return null;
  return {
    kind: 'button',
    chatId: telegramId(chat.id),
    senderId: telegramId(query.from.id),
    senderName: query.from.first_name,
    eventId: query.id,
    requestNumber: vote.requestNumber,
    vote: vote.vote,
    at,
  };
}
