import type { WAMessage } from '@whiskeysockets/baileys';
import { cleanText } from '../../src/text/clean-text.ts';
import { maskPersonalData } from '../../src/text/privacy/index.ts';
import { textOf } from './to-incoming.ts';

/**
 * What the bot may quote of a member's message (rule 11): Baileys copies the quoted message into
 * the bot's own message (`contextInfo.quotedMessage`), so the bot keeps and quotes a copy that
 * holds only the text, masked as the engine stores it (`maskPersonalData(cleanText(text))`), as
 * a plain `conversation`. No caption's image, no thumbnail, no quote inside the quote: nothing
 * the bot sends repeats what it masked. The key stays, so a reply still points at the message
 * and a ✅ still lands on it.
 *
 * @example
 * quotableCopy({ key, message: { conversation: 'bsn 111222333 hh 4' } }, now).message
 * // → { conversation: 'bsn [BSN] hh 4' }
 */
export function quotableCopy(message: WAMessage, now: Date): WAMessage {
  const text = textOf(message.message)?.text ?? '';
  return {
    key: message.key,
    ...(message.messageTimestamp !== undefined
      ? { messageTimestamp: message.messageTimestamp }
      : {}),
    message: { conversation: maskPersonalData(cleanText(text), now).text },
  };
}
