import { isJidGroup, isLidUser, isPnUser, jidDecode } from '@whiskeysockets/baileys';

/** The prefix of WhatsApp chat and member ids in the core. */
export const WHATSAPP = 'whatsapp';

/**
 * A group's core chat id.
 *
 * @example
 * whatsappChatId('120363000000000001@g.us') // 'whatsapp:120363000000000001@g.us'
 */
export function whatsappChatId(jid: string): string {
  return `${WHATSAPP}:${jid}`;
}

/**
 * The jid a core chat id names, or null when it is not a WhatsApp group.
 *
 * @example
 * groupJidOf('whatsapp:120363000000000001@g.us') // '120363000000000001@g.us'
 * groupJidOf('telegram:-1001')                   // null
 */
export function groupJidOf(chatId: string): string | null {
  if (!chatId.startsWith(`${WHATSAPP}:`)) return null;
  const jid = chatId.slice(WHATSAPP.length + 1);
  return isJidGroup(jid) ? jid : null;
}

/**
 * The jid to send to for a core chat id: a group's jid, or for a private chat (its id is the
 * person's member id) their phone-number or LID jid; null when it is not a WhatsApp chat.
 *
 * @example
 * jidOf('whatsapp:120363000000000001@g.us') // '120363000000000001@g.us'
 * jidOf('whatsapp:31612345678')             // '31612345678@s.whatsapp.net'
 * jidOf('whatsapp:123456789@lid')           // '123456789@lid'
 */
export function jidOf(chatId: string): string | null {
  const group = groupJidOf(chatId);
  if (group) return group;
  if (!chatId.startsWith(`${WHATSAPP}:`)) return null;
  const rest = chatId.slice(WHATSAPP.length + 1);
  if (/^\d{6,20}$/.test(rest)) return `${rest}@s.whatsapp.net`;
  if (/^\d{1,30}@lid$/.test(rest)) return rest;
  return null;
}

/** Whether a core chat id is a WhatsApp group (for the per-minute pace). */
export const isWhatsAppGroup = (chatId: string): boolean => groupJidOf(chatId) !== null;

/**
 * The member id of a phone-number jid (any device): `whatsapp:<digits>`; null for other jids.
 *
 * @example
 * phoneMemberId('31612345678:3@s.whatsapp.net') // 'whatsapp:31612345678'
 */
export function phoneMemberId(jid: string | null | undefined): string | null {
  if (!jid || !isPnUser(jid)) return null;
  const user = jidDecode(jid)?.user;
  return user && /^\d+$/.test(user) ? `${WHATSAPP}:${user}` : null;
}

/**
 * The bare LID (`<digits>@lid`, no device) of a LID jid; null for other jids.
 *
 * @example
 * bareLid('123456789:2@lid') // '123456789@lid'
 */
export function bareLid(jid: string | null | undefined): string | null {
  if (!jid || !isLidUser(jid)) return null;
  const user = jidDecode(jid)?.user;
  return user ? `${user}@lid` : null;
}

/**
 * The member id of a LID whose phone number is not known: `whatsapp:<lid>@lid`.
 *
 * @example
 * lidMemberId('123456789@lid') // 'whatsapp:123456789@lid'
 */
export function lidMemberId(lid: string): string {
  return `${WHATSAPP}:${lid}`;
}
