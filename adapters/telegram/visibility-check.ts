import type { Api } from 'grammy';
import type { Logger } from '../../src/core/logger.ts';
import type { AdapterHost, NoticePurpose } from '../../src/delivery/port/index.ts';
import { chatNumber, TELEGRAM } from './chat-ids.ts';
import { errorFacts } from './delivery-errors.ts';

/** The outbox purpose of the notice, so it goes out once per chat, across restarts. */
export const PRIVACY_NOTICE_PURPOSE: NoticePurpose = 'privacy-mode';

/** What the bot says in a linked group where privacy mode hides ordinary messages from it. */
export const PRIVACY_NOTICE =
  '👀 Ik kan in deze groep nu alleen commando’s en antwoorden op mijn eigen berichten lezen: ' +
  'aanvragen en losse ‘ja’-stemmen zie ik niet. Oplossing: maak mij beheerder van deze groep ' +
  '(dan zie ik ook 👍-reacties). Of zet bij @BotFather de privacymodus uit (/setprivacy → Disable) ' +
  'en haal mij daarna uit de groep en voeg mij opnieuw toe.';

export interface VisibilityCheck {
  api: Api;
  me: { id: number; can_read_all_group_messages: boolean };
  host: Pick<AdapterHost, 'linkedChats' | 'noticeOnce'>;
  logger: Logger;
}

/**
 * Checks what the bot can see in each linked Telegram group. When privacy mode hides ordinary
 * group messages (it cannot read all group messages and is no administrator there) it logs so
 * and queues the notice in that group once (the host delivers it). Returns the chats that got a notice now.
 *
 * @example
 * await checkVisibility({ api: bot.api, me: bot.botInfo, host, logger }) // ['telegram:-1001…']
 */
export async function checkVisibility(check: VisibilityCheck): Promise<string[]> {
  const { api, me, host, logger } = check;
  const noticed: string[] = [];
  if (!me.can_read_all_group_messages) {
    logger.info(
      'Telegram privacy mode is on: the bot reads ordinary group messages only where it is an administrator',
    );
  }
  for (const chatId of host.linkedChats(TELEGRAM)) {
    const chat = chatNumber(chatId);
    if (chat === null || chat > 0) continue; // a private chat shows the bot everything
    let status: string;
    try {
      status = (await api.getChatMember(chat, me.id)).status;
    } catch (error) {
      logger.warn(
        { chat: chatId, ...errorFacts(error) },
        'cannot look into a linked Telegram chat',
      );
      continue;
    }
    if (status === 'left' || status === 'kicked') {
      logger.warn({ chat: chatId, status }, 'the bot is not in a linked Telegram chat');
      continue;
    }
    const admin = status === 'administrator' || status === 'creator';
    if (!admin) logger.info({ chat: chatId }, 'not an administrator: reactions are not delivered');
    if (admin || me.can_read_all_group_messages) continue;
    logger.warn(
      { chat: chatId },
      'privacy mode hides ordinary messages in this chat: make the bot an administrator, or /setprivacy → Disable with BotFather and add the bot again',
    );
    if (host.noticeOnce(chatId, PRIVACY_NOTICE_PURPOSE, PRIVACY_NOTICE)) noticed.push(chatId);
  }
  return noticed;
}
