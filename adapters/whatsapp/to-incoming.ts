import {
  isJidGroup,
  isJidStatusBroadcast,
  isLidUser,
  isPnUser,
  normalizeMessageContent,
  proto,
  type BaileysEventMap,
  type WAMessage,
  type WAMessageKey,
} from '@whiskeysockets/baileys';

/** One reaction as `messages.reaction` hands it over. */
export type WhatsAppReaction = BaileysEventMap['messages.reaction'][number];

/** What the adapter reads from a WhatsApp message, before the sender's member id is known. */
export type ReadMessage =
  | { kind: 'text'; text: string; replyTo: string | null; forwarded: boolean; mentioned?: string[] }
  | { kind: 'edit'; targetId: string; text: string }
  | {
      kind: 'reaction';
      targetId: string;
      emoji: string | null;
      eventId: string;
      atMs: number | null;
    }
  | { kind: 'undecryptable'; reason: string };

/** Seconds or milliseconds as Baileys gives them (a number, or protobuf's Long). */
const toNumber = (value: number | { toNumber(): number } | null | undefined): number | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'number'
      ? value
      : value.toNumber();

/**
 * When a message was sent, from its own `messageTimestamp` (seconds); null when it has none.
 *
 * @example
 * messageTime({ key, messageTimestamp: 1767225600 }) // 2026-01-01T00:00:00.000Z
 */
export function messageTime(message: WAMessage): Date | null {
  const seconds = toNumber(message.messageTimestamp);
  return seconds === null || seconds <= 0 ? null : new Date(seconds * 1000);
}

/**
 * Whether the bot reads a message's chat at all: groups, and direct chats with a person (the
 * private chat of the port, for communicatieadviseurs); no status broadcast, newsletters or the
 * bot's own messages.
 */
export function isReadableMessage(key: WAMessageKey): key is WAMessageKey & { remoteJid: string } {
  const jid = key.remoteJid;
  if (!jid || key.fromMe === true || isJidStatusBroadcast(jid)) return false;
  return isJidGroup(jid) === true || isDirectChat(jid);
}

/** Whether a jid is a direct chat with a person (a phone number or a LID), not a group. */
export function isDirectChat(jid: string): boolean {
  return isPnUser(jid) === true || isLidUser(jid) === true;
}

/**
 * The text of a message: plain, extended, or a caption, inside the usual wrappers; with the
 * message it replies to and whether WhatsApp marks it forwarded (`contextInfo.isForwarded`).
 */
export function textOf(content: proto.IMessage | null | undefined): {
  text: string;
  replyTo: string | null;
  forwarded: boolean;
  /** The jids of the people the message @-mentions (`contextInfo.mentionedJid`), if any. */
  mentioned?: string[];
} | null {
  const m = normalizeMessageContent(content);
  if (!m) return null;
  const text =
    m.conversation ??
    m.extendedTextMessage?.text ??
    m.imageMessage?.caption ??
    m.videoMessage?.caption ??
    m.documentMessage?.caption;
  if (text === null || text === undefined || text === '') return null;
  const context =
    m.extendedTextMessage?.contextInfo ??
    m.imageMessage?.contextInfo ??
    m.videoMessage?.contextInfo ??
    m.documentMessage?.contextInfo;
  const mentioned = (context?.mentionedJid ?? []).filter((jid) => typeof jid === 'string');
  return {
    text,
    replyTo: context?.stanzaId ?? null,
    forwarded: context?.isForwarded === true,
    ...(mentioned.length > 0 ? { mentioned } : {}),
  };
}

/**
 * What a group message says to the bot: text (with the message it replies to), an edit of an
 * earlier message, a reaction, a message WhatsApp could not decrypt; null for anything else.
 *
 * @example
 * readMessage({ key, message: { conversation: 'ja #1' } })
 * // { kind: 'text', text: 'ja #1', replyTo: null, forwarded: false }
 */
export function readMessage(message: WAMessage): ReadMessage | null {
  if (message.messageStubType === proto.WebMessageInfo.StubType.CIPHERTEXT)
    return { kind: 'undecryptable', reason: message.messageStubParameters?.[0] ?? 'unknown' };
  const m = normalizeMessageContent(message.message);
  if (!m) return null;
  const reaction = m.reactionMessage;
  if (reaction?.key?.id)
    return {
      kind: 'reaction',
      targetId: reaction.key.id,
      emoji: reaction.text || null,
      eventId: message.key.id ?? `${reaction.key.id}|${reaction.text ?? ''}`,
      atMs: toNumber(reaction.senderTimestampMs),
    };
  const protocol = m.protocolMessage;
  if (protocol) {
    if (protocol.type !== proto.Message.ProtocolMessage.Type.MESSAGE_EDIT || !protocol.key?.id)
      return null;
    const edited = textOf(protocol.editedMessage);
    return { kind: 'edit', targetId: protocol.key.id, text: edited?.text ?? '' };
  }
  const text = textOf(m);
  return text ? { kind: 'text', ...text } : null;
}

/**
 * A `messages.reaction` entry as the same reading as a `reactionMessage` in `messages.upsert`
 * (the reaction's own message key id is the event id, so the two dedupe).
 */
export function readReaction(
  entry: WhatsAppReaction,
): Extract<ReadMessage, { kind: 'reaction' }> | null {
  const targetId = entry.key.id;
  if (!targetId) return null;
  const text = entry.reaction.text || null;
  return {
    kind: 'reaction',
    targetId,
    emoji: text,
    eventId:
      entry.reaction.key?.id ??
      `${targetId}|${entry.reaction.key?.participant ?? ''}|${text ?? ''}`,
    atMs: toNumber(entry.reaction.senderTimestampMs),
  };
}
