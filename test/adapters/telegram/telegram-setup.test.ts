import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_PURPOSE } from '../../../adapters/telegram/visibility-check.ts';
import { localDateOf } from '../../../src/text/time.ts';
import { anna, bas, beheer, carla, coco, dirk, GROUP, TelegramRig } from './rig.ts';

let rig: TelegramRig | null = null;

afterEach(async () => {
  await rig?.dispose();
  rig = null;
});

const startDate = localDateOf(new Date(Date.now() - 3 * 86_400_000));

describe('Telegram: set-up checks', () => {
  it('tells a group once, across restarts, when privacy mode hides its messages', async () => {
    const ADMIN_GROUP = -1002;
    rig = await TelegramRig.create({
      config: {
        teams: [
          { id: 'noord', chats: [`telegram:${GROUP}`], startDate },
          { id: 'zuid', chats: [`telegram:${ADMIN_GROUP}`], startDate },
        ],
      },
    });
    rig.fake.canReadAllGroupMessages = false;
    rig.fake.botStatus.set(ADMIN_GROUP, 'administrator');
    await rig.boot();
    const notice = await rig.botMessage('/setprivacy');
    expect(notice.text).toContain('beheerder');
    await rig.shutdown();
    await rig.boot();
    expect(rig.fake.sent(GROUP).filter((m) => m.text.includes('/setprivacy'))).toHaveLength(1);
    expect(rig.fake.sent(ADMIN_GROUP)).toEqual([]); // an administrator sees everything
    expect(rig.count('SELECT count(*) FROM outbox WHERE purpose = ?', PRIVACY_NOTICE_PURPOSE)).toBe(
      1,
    );
  });

  it('keeps the team link when a group becomes a supergroup', async () => {
    const OLD = -4001;
    const NEW = -1004001;
    rig = await TelegramRig.create({
      config: {
        admins: [`telegram:${beheer.id}`],
        teams: [{ id: 'noord', name: 'Team Noord', chats: [`telegram:${OLD}`], startDate }],
      },
    });
    await rig.boot();
    rig.say(anna, 'grofvuil €33 voor huishouden 12', { chat: OLD });
    await rig.botMessage('📝 Aanvraag #1', OLD);
    // Telegram announces the move in both chats; either one moves the link (once).
    rig.fake.migrate(OLD, NEW);
    rig.fake.message({ chat: OLD, from: beheer, extra: { migrate_to_chat_id: NEW } });
    rig.fake.message({ chat: NEW, from: beheer, extra: { migrate_from_chat_id: OLD } });
    rig.say(bas, 'ja #1', { chat: NEW });
    rig.say(carla, 'ja #1', { chat: NEW });
    rig.say(dirk, 'ja #1', { chat: NEW });
    await rig.botMessage('✅ Aanvraag #1 is toegekend', NEW);
    rig.say(bas, '/saldo', { chat: NEW });
    await rig.botMessage('💶 Team Noord', NEW);
    expect(rig.engine.isLinked(`telegram:${NEW}`)).toBe(true);
    expect(rig.engine.isLinked(`telegram:${OLD}`)).toBe(false);
    expect(rig.request(1)).toMatchObject({ status: 'approved', chat: `telegram:${NEW}` });
  });

  it('follows a group that Telegram reports as upgraded when sending to it', async () => {
    const OLD = -4002;
    const NEW = -1004002;
    rig = await TelegramRig.create({
      config: {
        teams: [{ id: 'noord', name: 'Team Noord', chats: [`telegram:${OLD}`], startDate }],
      },
    });
    await rig.boot();
    rig.fake.migrate(OLD, NEW); // the service message has not come in yet
    rig.say(coco, '/saldo', { chat: OLD });
    await rig.botMessage('💶 Team Noord', NEW);
    expect(rig.engine.isLinked(`telegram:${NEW}`)).toBe(true);
  });

  it('takes updates by webhook only with the secret token', async () => {
    rig = await TelegramRig.create({
      webhook: {
        url: 'https://bot.example.nl/telegram/hook',
        secret: 'geheim-0123456789abcdef',
        port: 0,
        host: '127.0.0.1',
      },
    });
    await rig.boot();
    expect(rig.fake.webhook).toEqual({
      url: 'https://bot.example.nl/telegram/hook',
      secret: 'geheim-0123456789abcdef',
    });
    const port = rig.adapter.listeningPort!;
    const update = (id: number) => ({
      update_id: id,
      message: {
        message_id: 500 + id,
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP, type: 'supergroup', title: 'Team' },
        from: { ...anna, is_bot: false },
        text: '/saldo',
      },
    });
    expect(await post(port, '/telegram/hook', update(1), 'fout-geheim')).toBe(401);
    expect(await post(port, '/anders', update(2), 'geheim-0123456789abcdef')).toBe(404);
    expect(await post(port, '/telegram/hook', update(3), 'geheim-0123456789abcdef')).toBe(200);
    expect(await post(port, '/telegram/hook', update(3), 'geheim-0123456789abcdef')).toBe(200);
    await rig.botMessage('💶 Team Noord');
    await rig.dispatcher.flush();
    expect(rig.fake.sent(GROUP)).toHaveLength(1); // the refused ones did nothing; the repeat neither
    expect(rig.count('SELECT count(*) FROM inbox')).toBe(1);
  });
});

function post(port: number, path: string, body: unknown, secret: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': secret,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
