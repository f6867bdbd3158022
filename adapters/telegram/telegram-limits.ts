import type { RateLimits } from '../../src/delivery/port/index.ts';
import { chatNumber } from './chat-ids.ts';

/** Telegram's published limits: about one message a second in a chat, 20 a minute in a group. */
export const TELEGRAM_LIMITS: RateLimits = { perSecond: 1, burst: 3, perMinuteInGroup: 20 };

/** Telegram's longest message text. */
export const MAX_MESSAGE_CHARS = 4096;

/** Telegram's longest document caption. */
export const MAX_CAPTION_CHARS = 1024;

/**
 * Whether a core chat id is a Telegram group (a negative chat id), where the minute limit applies.
 *
 * @example
 * isTelegramGroup('telegram:-1001') // true
 * isTelegramGroup('telegram:42')    // false
 */
export function isTelegramGroup(chatId: string): boolean {
  const chat = chatNumber(chatId);
  return chat !== null && chat < 0;
}
