import { describe, expect, it } from 'vitest';
import { commandsIn } from '../../../commands/index.ts';
import {
  anna,
  bas,
  buttonData,
  carla,
  coco,
  dirk,
  GROUP,
  bootRigForEachTest,
  TelegramRig,
} from './rig.ts';

let rig: TelegramRig;
bootRigForEachTest((booted) => (rig = booted));

describe('Telegram: requests and votes through grammY', () => {
  it('approves a request after three "ja" replies, editing the tally in place', async () => {
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12');
    const opened = await rig.botMessage('📝 Aanvraag #1');
    expect(opened.replyTo).toBe(request.messageId);
    expect(buttonData(opened)).toEqual(['v:1:j', 'v:1:n']);

    rig.say(bas, 'ja', { replyTo: request.messageId }); // a reply to the member's request
    await rig.fake.waitFor(() => opened.text.includes('1 van 3 ja'), 'the tally edited to 1');
    rig.say(carla, 'Ja!', { replyTo: opened.messageId }); // a reply to the bot's request message
    await rig.fake.waitFor(() => opened.text.includes('2 van 3 ja'), 'the tally edited to 2');
    expect(buttonData(opened)).toEqual(['v:1:j', 'v:1:n']);
    rig.say(dirk, 'ja #1');

    const approved = await rig.botMessage('✅ Aanvraag #1 is toegekend');
    expect(approved.text).toContain('Nieuw saldo: € 1.967,00');
    expect(opened.text).toContain('✅ Toegekend · 3 van 3 ja');
    expect(buttonData(opened)).toEqual([]);
    // The tallies were edits, not new messages: the group holds the request and the decision.
    expect(rig.fake.sent(GROUP).map((m) => m.messageId)).toEqual([
      opened.messageId,
      approved.messageId,
    ]);
    expect(rig.request(1)).toMatchObject({
      status: 'approved',
      yes: ['telegram:12', 'telegram:13', 'telegram:14'],
    });
    expect(rig.team().balanceCents).toBe(196_700);
  });

  it('counts vote buttons, answers each press with a toast, and drops the buttons when decided', async () => {
    rig.say(anna, '€ 75,00 pinpas leefgeld hh 7');
    const opened = await rig.botMessage('📝 Aanvraag #1');
    const press = async (from: typeof anna, data: string) => {
      const { callbackId } = rig.fake.press({
        chat: GROUP,
        from,
        messageId: opened.messageId,
        data,
      });
      await rig.fake.waitFor(
        () => rig.fake.answers.some((a) => a.id === callbackId),
        `the answer to ${callbackId}`,
      );
      return rig.fake.answers.find((a) => a.id === callbackId)!.text;
    };

    expect(await press(anna, 'v:1:j')).toBe('Je eigen stem telt niet mee bij je eigen aanvraag.');
    expect(await press(bas, 'v:1:j')).toBe('Je stem is geteld.');
    await rig.fake.waitFor(() => opened.text.includes('1 van 3 ja'), 'tally 1 ja');
    expect(await press(bas, 'v:1:n')).toBe('Je stem is gewijzigd.');
    await rig.fake.waitFor(() => opened.text.includes('0 van 3 ja · 1 nee'), 'tally 1 nee');
    expect(await press(carla, 'v:1:j')).toBe('Je stem is geteld.');
    expect(await press(dirk, 'v:1:j')).toBe('Je stem is geteld.');
    expect(await press(bas, 'v:1:j')).toBe('Je stem is geteld: de aanvraag is toegekend ✅');

    await rig.botMessage('✅ Aanvraag #1 is toegekend');
    await rig.fake.waitFor(() => buttonData(opened).length === 0, 'the buttons removed');
    expect(opened.text).toContain('✅ Toegekend · 3 van 3 ja');
    expect(await press(coco, 'v:1:n')).toBe('Over deze aanvraag is al beslist.');
    expect(rig.request(1).yes).toEqual(['telegram:13', 'telegram:14', 'telegram:12']);
  });

  it('takes 👍 reactions as votes and a removed reaction as a withdrawn vote', async () => {
    const posted = Math.floor(Date.now() / 1000) - 20;
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12', { date: posted });
    const opened = await rig.botMessage('📝 Aanvraag #1');
    // A reaction's dedupe key holds its date (in seconds): each change here is a second apart.
    let date = posted;
    const react = (from: typeof anna, emoji: string | null, old: string[] = []) =>
      rig.fake.react({ chat: GROUP, from, messageId: request.messageId, emoji, old, date: ++date });

    await rig.handled(react(bas, '👍'));
    await rig.fake.waitFor(() => opened.text.includes('1 van 3 ja'), 'tally after 👍');
    await rig.handled(react(bas, null, ['👍']));
    expect(rig.request(1).yes).toEqual([]);
    await rig.handled(react(carla, '❤')); // not a vote
    expect(rig.request(1).yes).toEqual([]);

    react(bas, '👍');
    react(carla, '👍', ['❤']);
    rig.fake.react({ chat: GROUP, from: dirk, messageId: opened.messageId, emoji: '👍', date }); // on the bot's message
    await rig.botMessage('✅ Aanvraag #1 is toegekend');
    expect(rig.request(1).status).toBe('approved');
    // message_reaction is not sent by default: the adapter must have asked for it.
    const polls = rig.fake.callsOf('getUpdates');
    expect(
      polls.some((c) =>
        (c.params.allowed_updates as string[] | undefined)?.includes('message_reaction'),
      ),
    ).toBe(true);
  });

  it('ignores commands for another bot, refuses a member what only a coordinator may do', async () => {
    rig.say(coco, 'Goedemorgen!'); // now the bot knows Coco's name
    rig.say(bas, '/saldo@OtherBot');
    rig.say(bas, '/storten 100');
    await rig.botMessage('Alleen een coördinator kan');
    rig.say(coco, `/storten@${rig.fake.botUser.username} 100`);
    await rig.botMessage('gestort');
    rig.say(bas, '/saldo');
    await rig.botMessage('💶 Team Noord');
    const texts = rig.fake.sent(GROUP).map((m) => m.text);
    expect(texts).toHaveLength(3); // the refusal, the deposit, one saldo: nothing for /saldo@OtherBot
    expect(texts[0]).toContain('Coco');
    expect(rig.team().balanceCents).toBe(210_000);
  });

  it('registers the command menu in Dutch for group members and for administrators', () => {
    const scopes = rig.fake.commands.map((c) => (c.scope as { type: string }).type);
    expect(scopes).toEqual(['all_group_chats', 'all_chat_administrators']);
    const [members, admins] = rig.fake.commands.map(
      (c) => c.commands as { command: string; description: string }[],
    );
    expect(members).toContainEqual({
      command: 'saldo',
      description: 'Saldo, gereserveerd en beschikbaar',
    });
    expect(members!.map((c) => c.command)).not.toContain('storten');
    expect(admins!.map((c) => c.command)).toEqual(commandsIn('group').map((c) => c.name));
    for (const entry of admins!) {
      expect(entry.command).toMatch(/^[a-z0-9_]{1,32}$/);
      expect(entry.description.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeLessThanOrEqual(256);
    }
  });
});
