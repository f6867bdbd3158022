/** The platform prefix of every Telegram chat and member id. */
export const TELEGRAM = 'telegram';

/**
 * The core's id for a Telegram chat or user.
 *
 * @example
 * telegramId(-1001234567890) // 'telegram:-1001234567890'
 */
export function telegramId(id: number): string {
  return `${TELEGRAM}:${id}`;
}

/**
 * The Telegram chat id inside a core chat id, or null when it is not a Telegram chat.
 *
 * @example
 * chatNumber('telegram:-1001234567890') // -1001234567890
 * chatNumber('console:groep')           // null
 */
export function chatNumber(chatId: string): number | null {
  const match = /^telegram:(-?\d{1,20})$/.exec(chatId);
  if (!match) return null;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) ? id : null;
}
