import type { VoteValue } from '../text/parse-vote.ts';

/**
 * What every adapter turns a platform event into. `at` is the platform's own timestamp; where a
 * sender's device set it (`deviceTime`), the engine dates the event by `trustedTime` instead.
 */
interface EventBase {
  /** The chat, with its platform: `telegram:-100123…`, `whatsapp:1203…@g.us`, `console:groep`. */
  chatId: string;
  /** The member, with their platform: `telegram:42`, `whatsapp:31612345678@s.whatsapp.net`. */
  senderId: string;
  senderName?: string;
  /**
   * When the member did it by the platform (Telegram's server `date`, a replay line's time), or,
   * with `deviceTime`, the time the sender's phone claims (WhatsApp's `messageTimestamp`).
   */
  at: Date;
  /**
   * The sender's device set `at` (docs/rules.md rule 14), so the engine does not trust it: a live
   * event counts at the moment the bot received it, a backlog event (it waited while the bot was
   * away: WhatsApp's offline catch-up, `append`) at `at` only when that lies between the last event
   * seen from the chat and now (src/core/trusted-time.ts). Absent: `at` is the platform's own.
   */
  deviceTime?: 'live' | 'backlog';
  /**
   * The platform named the sender by an identity the adapter cannot tie to a person yet (a
   * WhatsApp LID whose phone number is not known): a vote of theirs is recorded but waits, and
   * counts once the identity is resolved (`Engine.mergeMember`, docs/rules.md rule 15).
   */
  senderPending?: boolean;
}

/** A text message in a chat. `messageId` is the platform's id, unique within the chat. */
export interface IncomingMessage extends EventBase {
  kind: 'message';
  messageId: string;
  text: string;
  replyTo?: string | null;
  /**
   * The member edited an earlier message: `messageId` is that message's id and `text` its new
   * text. An edit changes nothing; the bot answers once per edited request or vote.
   */
  edited?: boolean;
  /**
   * The message came in the private (one-to-one) chat of its sender with the bot, not in a group:
   * `chatId` is that private chat (on Telegram `telegram:<user id>`). Only people with a role get
   * answers there (src/engine/private-chat.ts).
   */
  private?: boolean;
  /**
   * The platform marks the message as forwarded (WhatsApp `contextInfo.isForwarded`, Telegram
   * `forward_origin`): it never opens a request or counts as a vote (docs/rules.md rule 16).
   */
  forwarded?: boolean;
  /** A bot sent it: it never opens a request, counts as a vote or runs a command (rule 16). */
  fromBot?: boolean;
  /**
   * The people the message names with a mention that carries their member id (Telegram's
   * `text_mention` entity, a WhatsApp @-mention): `text` is the mention as it stands in the text.
   * `/adviseur` and `/coordinator` resolve a named member by it.
   */
  mentions?: readonly Mention[];
}

/** A member named in a message by a mention that carries their id. */
export interface Mention {
  memberId: string;
  /** The mentioned text as it stands in the message (`@Nina`, `Nina de Boer`). */
  text: string;
}

/** A reaction put on (or, with `emoji: null`, taken off) a message. */
export interface IncomingReaction extends EventBase {
  kind: 'reaction';
  /** A key that is the same when the platform delivers this reaction again. */
  eventId: string;
  targetMessageId: string;
  emoji: string | null;
}

/** A vote button pressed under a request message (Telegram). */
export interface IncomingButton extends EventBase {
  kind: 'button';
  eventId: string;
  requestNumber: number;
  vote: VoteValue;
}

export type IncomingEvent = IncomingMessage | IncomingReaction | IncomingButton;

/**
 * The key under which an event is recorded as applied: a redelivered event has the same key.
 *
 * @example
 * eventKey({ kind: 'message', chatId: 'telegram:-1001', messageId: '77', … }) // 'm|telegram:-1001|77'
 * eventKey({ kind: 'message', edited: true, chatId: 'telegram:-1001', messageId: '77', … }) // 'e|telegram:-1001|77'
 */
export function eventKey(event: IncomingEvent): string {
  // Every edit of one message has the same key: the bot answers the first one only.
  if (event.kind === 'message')
    return `${event.edited ? 'e' : 'm'}|${event.chatId}|${event.messageId}`;
  return `${event.kind === 'reaction' ? 'r' : 'b'}|${event.chatId}|${event.eventId}`;
}
