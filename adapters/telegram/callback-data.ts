import { InlineKeyboard } from 'grammy';
import type { VoteValue } from '../../src/text/parse-vote.ts';

const VOTE_DATA = /^v:(\d{1,9}):([jn])$/;

/**
 * The callback data of a vote button: small (Telegram allows 64 bytes) and enough to find the
 * request within the chat's team.
 *
 * @example
 * voteData(12, 'ja') // 'v:12:j'
 */
export function voteData(requestNumber: number, vote: VoteValue): string {
  return `v:${requestNumber}:${vote === 'ja' ? 'j' : 'n'}`;
}

/**
 * Reads a vote button's callback data; null for anything else.
 *
 * @example
 * parseVoteData('v:12:n') // { requestNumber: 12, vote: 'nee' }
 * parseVoteData('x')      // null
 */
export function parseVoteData(
  data: string | undefined,
): { requestNumber: number; vote: VoteValue } | null {
  const match = VOTE_DATA.exec(data ?? '');
  if (!match) return null;
  return { requestNumber: Number(match[1]), vote: match[2] === 'j' ? 'ja' : 'nee' };
}

/**
 * The two buttons under a request message: "✅ Ja" and "❌ Nee".
 *
 * @example
 * voteKeyboard(12) // { inline_keyboard: [[{ text: '✅ Ja', callback_data: 'v:12:j' }, …]] }
 */
export function voteKeyboard(requestNumber: number): InlineKeyboard {
  return new InlineKeyboard()
    .text('✅ Ja', voteData(requestNumber, 'ja'))
    .text('❌ Nee', voteData(requestNumber, 'nee'));
}

/** An empty keyboard: editing a message with it takes its buttons away. */
export const NO_BUTTONS = { inline_keyboard: [] };
