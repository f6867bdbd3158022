/**
 * Rules 14 and 16 through the Telegram adapter over the fake Bot API. Telegram dates every update
 * on its own servers (`date`): no member's phone clock ever reaches the bot. What is left to show
 * is that no date ahead of the bot's own clock opens a period, holds a reply back or hides a later
 * vote; and that forwarded messages and bots' messages never request or vote.
 */
import { describe, expect, it } from 'vitest';
import { anna, bas, carla, GROUP, bootRigForEachTest, TelegramRig } from './rig.ts';

const YEAR_S = 365 * 86_400;
const WEEK_S = 7 * 86_400;

let rig: TelegramRig;
bootRigForEachTest((booted) => (rig = booted));

const nowS = () => Math.floor(rig.clock.now().getTime() / 1000);
const periods = () => rig.engine.sql.number('SELECT count(*) FROM periods');

describe('rule 14 on Telegram: the bot’s clock decides, never a date ahead of it', () => {
  it('a message dated a year ahead opens no period and is answered at once', async () => {
    const before = periods();
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12', { date: nowS() + YEAR_S });
    await rig.handled(request.updateId);
    await rig.botMessage('📝 Aanvraag #1');
    expect(periods()).toBe(before);
    expect(rig.engine.sql.number("SELECT count(*) FROM ledger WHERE kind = 'correction'")).toBe(0);
    expect(new Date(rig.request(1).createdAt).getTime()).toBeLessThanOrEqual(
      rig.clock.now().getTime(),
    );
  });

  it('a vote dated a year ahead does not hide the member’s later “nee”; a week behind is Telegram’s own late date', async () => {
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12', { date: nowS() - 60 });
    await rig.botMessage('📝 Aanvraag #1');
    await rig.handled(rig.say(bas, 'ja #1', { date: nowS() + YEAR_S }).updateId);
    await rig.handled(rig.say(bas, 'nee #1').updateId);
    expect(rig.request(1)).toMatchObject({ yes: [], no: ['telegram:12'] });
    // A date a week back is the server's (a late delivery): it is older than the request.
    await rig.handled(
      rig.say(carla, 'ja', { replyTo: request.messageId, date: nowS() - WEEK_S }).updateId,
    );
    expect(rig.request(1).yes).toEqual([]);
    expect(periods()).toBe(1);
  });
});

describe('rule 16 on Telegram: forwarded messages and bots neither request nor vote', () => {
  it('a forwarded request opens nothing and gets one line; a forwarded “ja” counts not', async () => {
    const forward = {
      forward_origin: {
        type: 'user',
        date: nowS() - 3600,
        sender_user: { ...carla, is_bot: false },
      },
    };
    const first = rig.fake.message({
      chat: GROUP,
      from: anna,
      text: 'grofvuil €33 voor huishouden 12',
      extra: forward,
    });
    await rig.botMessage('Doorgestuurde berichten tellen niet');
    await rig.handled(first.updateId);
    expect(rig.engine.sql.number('SELECT count(*) FROM requests')).toBe(0);
    rig.say(anna, 'grofvuil €33 voor huishouden 12');
    await rig.botMessage('📝 Aanvraag #1');
    await rig.handled(
      rig.fake.message({ chat: GROUP, from: bas, text: 'ja #1', extra: forward }).updateId,
    );
    expect(rig.request(1).yes).toEqual([]);
  });

  it('a bot’s request, vote or command gets nothing', async () => {
    rig.say(anna, 'grofvuil €33 voor huishouden 12');
    await rig.botMessage('📝 Aanvraag #1');
    const robot = { id: 4242, first_name: 'Robot', is_bot: true };
    const sentBefore = rig.fake.sent(GROUP).length;
    for (const text of ['grofvuil €40 voor huishouden 13', 'ja #1', '/saldo'])
      await rig.handled(rig.fake.message({ chat: GROUP, from: robot, text }).updateId);
    expect(rig.engine.sql.number('SELECT count(*) FROM requests')).toBe(1);
    expect(rig.request(1).yes).toEqual([]);
    expect(rig.fake.sent(GROUP)).toHaveLength(sentBefore);
  });
});
