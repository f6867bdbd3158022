import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { parseVoteData, voteData } from '../../../adapters/telegram/callback-data.ts';
import { chatNumber, telegramId } from '../../../adapters/telegram/chat-ids.ts';
import { commandMenus } from '../../../adapters/telegram/command-menu.ts';
import { errorFacts, toDeliveryError } from '../../../adapters/telegram/delivery-errors.ts';
import { telegramSettings } from '../../../adapters/telegram/telegram-env.ts';
import {
  isForOtherBot,
  toIncomingButton,
  toIncomingMessage,
  toIncomingReaction,
  type TelegramCallbackQuery,
  type TelegramMessage,
  type TelegramReaction,
} from '../../../adapters/telegram/to-incoming.ts';
import type { Command } from '../../../src/rules/command.ts';
import { DeliveryError } from '../../../src/delivery/port/delivery-error.ts';
import { loadEnv } from '../../../src/app/env.ts';

const group = { id: -1001, type: 'supergroup', title: 'Team' } as const;
const anna = { id: 11, is_bot: false, first_name: 'Anna' };

const message = (extra: Record<string, unknown>): TelegramMessage =>
  ({ message_id: 77, date: 1_767_225_600, chat: group, from: anna, ...extra }) as TelegramMessage;

describe('Telegram updates as incoming events', () => {
  it('takes a message with its own time, sender, chat and the message it answers', () => {
    expect(
      toIncomingMessage(message({ text: 'ja', reply_to_message: { message_id: 70 } }), 'mmb_bot'),
    ).toEqual({
      kind: 'message',
      chatId: 'telegram:-1001',
      senderId: 'telegram:11',
      senderName: 'Anna',
      messageId: '77',
      at: new Date('2026-01-01T00:00:00Z'),
      text: 'ja',
      replyTo: '70',
    });
    expect(toIncomingMessage(message({ caption: 'bon €33 hh 12' }), 'mmb_bot')?.text).toBe(
      'bon €33 hh 12',
    );
  });

  it('leaves out messages without text, from bots, and commands for another bot', () => {
    expect(toIncomingMessage(message({}), 'mmb_bot')).toBeNull();
    expect(
      toIncomingMessage(message({ text: 'ja', from: { ...anna, is_bot: true } }), 'mmb_bot'),
    ).toBeNull();
    expect(toIncomingMessage(message({ text: '/saldo@OtherBot' }), 'mmb_bot')).toBeNull();
    expect(toIncomingMessage(message({ text: '/saldo@MMB_Bot' }), 'mmb_bot')).not.toBeNull();
    expect(isForOtherBot('/saldo@other_bot extra', 'mmb_bot')).toBe(true);
    expect(isForOtherBot('mail me@other_bot', 'mmb_bot')).toBe(false);
    expect(isForOtherBot('/coördinator@other_bot', 'mmb_bot')).toBe(true);
    expect(isForOtherBot('/coördinator@mmb_bot', 'mmb_bot')).toBe(false);
  });

  it('does not take a forum topic’s first message as the message replied to', () => {
    const inTopic = message({
      text: 'ja',
      is_topic_message: true,
      message_thread_id: 5,
      reply_to_message: { message_id: 5 },
    });
    expect(toIncomingMessage(inTopic, 'mmb_bot')?.replyTo).toBeNull();
  });

  it('reads a reaction change as the vote emoji now on the message, or its withdrawal', () => {
    const reaction = (old: string[], now: string[]): TelegramReaction =>
      ({
        chat: group,
        message_id: 77,
        user: anna,
        date: 1_767_225_600,
        old_reaction: old.map((emoji) => ({ type: 'emoji', emoji })),
        new_reaction: now.map((emoji) => ({ type: 'emoji', emoji })),
      }) as TelegramReaction;
    expect(toIncomingReaction(reaction([], ['👍']))).toMatchObject({
      emoji: '👍',
      targetMessageId: '77',
      eventId: '11|77|1767225600|👍',
      at: new Date('2026-01-01T00:00:00Z'),
    });
    expect(toIncomingReaction(reaction(['👍'], []))?.emoji).toBeNull();
    expect(toIncomingReaction(reaction(['👍'], ['❤']))?.emoji).toBeNull(); // the vote was taken off
    expect(toIncomingReaction(reaction(['👍'], ['👍', '👎']))?.emoji).toBe('👎');
    expect(toIncomingReaction(reaction([], ['❤']))).toBeNull();
    expect(toIncomingReaction({ ...reaction([], ['👍']), user: undefined })).toBeNull();
  });

  it('reads a vote button press with a small callback data', () => {
    const query = {
      id: 'cq1',
      from: anna,
      chat_instance: 'x',
      data: voteData(12, 'nee'),
      message: { message_id: 80, date: 1_767_225_600, chat: group },
    } as TelegramCallbackQuery;
    const at = new Date('2026-01-01T00:01:00Z');
    expect(toIncomingButton(query, at)).toEqual({
      kind: 'button',
      chatId: 'telegram:-1001',
      senderId: 'telegram:11',
      senderName: 'Anna',
      eventId: 'cq1',
      requestNumber: 12,
      vote: 'nee',
      at,
    });
    expect(voteData(123_456_789, 'ja').length).toBeLessThanOrEqual(64);
    expect(parseVoteData('v:1:x')).toBeNull();
    expect(toIncomingButton({ ...query, data: 'iets anders' }, at)).toBeNull();
  });

  it('maps chat ids both ways', () => {
    expect(telegramId(-1001234567890)).toBe('telegram:-1001234567890');
    expect(chatNumber('telegram:-1001234567890')).toBe(-1001234567890);
    expect(chatNumber('whatsapp:1@g.us')).toBeNull();
  });
});

describe('failed Bot API calls as delivery errors', () => {
  const grammy = (error_code: number, description: string, parameters = {}) =>
    new GrammyError(
      'failed',
      { ok: false, error_code, description, parameters },
      'sendMessage',
      {},
    );

  it('waits out a 429, gives up on 403 and 400, retries network errors and 5xx', () => {
    const as = (error: unknown) => (toDeliveryError(error) as DeliveryError).options;
    expect(as(grammy(429, 'Too Many Requests', { retry_after: 7 }))).toEqual({
      retryAfterMs: 7000,
    });
    expect(as(grammy(403, 'Forbidden: bot was kicked from the group chat'))).toEqual({
      permanent: true,
    });
    expect(as(grammy(400, 'Bad Request: chat not found'))).toEqual({ permanent: true });
    expect(as(grammy(502, 'Bad Gateway'))).toEqual({});
    expect(as(new HttpError('Network request failed', new Error('ECONNRESET')))).toEqual({});
    const bug = new TypeError('x is undefined');
    expect(toDeliveryError(bug)).toBe(bug);
  });

  it('logs an error without its message', () => {
    const facts = errorFacts(new Error('grofvuil €33 voor huishouden 12'));
    expect(JSON.stringify(facts)).not.toContain('huishouden');
    expect(errorFacts(grammy(403, 'Forbidden'))).toEqual({ error: 'GrammyError', code: 403 });
  });
});

describe('the parts of the Telegram adapter', () => {
  it('leaves names Telegram would refuse out of the command menu and cuts long descriptions', () => {
    const command = (name: string, summary: string, role: Command['role'] = 'member') =>
      ({ name, summary, usage: `/${name}`, role, scope: 'team', run: () => [] }) as Command;
    const menus = commandMenus([
      command('saldo', 'Saldo'),
      command('Hoofdletter', 'x'),
      command('storten', 'y'.repeat(300), 'coordinator'),
    ]);
    expect(menus.members).toEqual([{ command: 'saldo', description: 'Saldo' }]);
    expect(menus.everyone.map((c) => c.command)).toEqual(['saldo', 'storten']);
    expect(menus.everyone[1]!.description).toHaveLength(256);
  });
});

describe('the Telegram settings in the environment', () => {
  const token = '123456789:AAE-abcdefghijklmnopqrstuvwxyz012345';

  it('needs nothing, and starts Telegram with only a token', () => {
    expect(telegramSettings(loadEnv({}))).toBeNull();
    expect(telegramSettings(loadEnv({ TELEGRAM_BOT_TOKEN: token }))).toEqual({ token });
  });

  it('reads the webhook and a self-hosted Bot API server', () => {
    const env = loadEnv({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: 'http://localhost:8081/',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.nl/telegram',
      TELEGRAM_WEBHOOK_SECRET: 'geheim-0123456789abcdef',
      TELEGRAM_WEBHOOK_PORT: '8443',
    });
    expect(telegramSettings(env)).toEqual({
      token,
      apiRoot: 'http://localhost:8081',
      webhook: {
        url: 'https://bot.example.nl/telegram',
        secret: 'geheim-0123456789abcdef',
        port: 8443,
      },
    });
  });

  it('listens on one address with TELEGRAM_WEBHOOK_HOST, and only with a webhook', () => {
    const webhook = {
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.nl/telegram',
      TELEGRAM_WEBHOOK_SECRET: 'geheim-0123456789abcdef',
    };
    expect(
      telegramSettings(loadEnv({ ...webhook, TELEGRAM_WEBHOOK_HOST: '127.0.0.1' }))?.webhook,
    ).toMatchObject({ host: '127.0.0.1', port: 8080 });
    expect(telegramSettings(loadEnv(webhook))?.webhook).not.toHaveProperty('host');
    expect(() => loadEnv({ ...webhook, TELEGRAM_WEBHOOK_HOST: 'niet een adres!' })).toThrow(
      /TELEGRAM_WEBHOOK_HOST/,
    );
    expect(() => loadEnv({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_HOST: '::1' })).toThrow(
      /TELEGRAM_WEBHOOK_HOST: alleen gebruikt samen met TELEGRAM_WEBHOOK_URL/,
    );
  });

  it('names the variable that is wrong, without repeating a secret', () => {
    expect(() => loadEnv({ TELEGRAM_BOT_TOKEN: 'geen token' })).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => loadEnv({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: 'ftp://x' })).toThrow(
      /TELEGRAM_API_ROOT/,
    );
    expect(() =>
      loadEnv({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: 'http://bot.example.nl/' }),
    ).toThrow(/TELEGRAM_WEBHOOK_URL.*TELEGRAM_WEBHOOK_SECRET/);
    expect(() =>
      loadEnv({
        TELEGRAM_BOT_TOKEN: token,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.nl/',
        TELEGRAM_WEBHOOK_SECRET: 'geheim-0123456789abcdef',
        TELEGRAM_WEBHOOK_PORT: '99999',
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_PORT/);
    const refusal = (() => {
      try {
        loadEnv({ TELEGRAM_BOT_TOKEN: `${token} ` });
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(refusal).toContain('TELEGRAM_BOT_TOKEN');
    expect(refusal).not.toContain(token);
  });
});
