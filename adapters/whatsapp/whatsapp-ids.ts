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
