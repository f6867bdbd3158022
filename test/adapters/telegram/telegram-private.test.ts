import { describe, expect, it } from 'vitest';
import type { FakeUser } from '../../support/fake-bot-api.ts';
import {
  anna,
  bas,
  bootRigForEachTest,
  carla,
  dirk,
  GROUP,
  rigConfig,
  TelegramRig,
} from './rig.ts';

/** A municipality-wide adviser, and someone without a role; their private chats have their ids. */
const nina: FakeUser = { id: 55, first_name: 'Nina' };
const vreemd: FakeUser = { id: 999, first_name: 'Vreemd' };

const config = () => ({ ...rigConfig(), advisers: [`telegram:${nina.id}`] });

let rig: TelegramRig;
bootRigForEachTest(
  (booted) => (rig = booted),
  () => ({ config: config() }),
);

const documentsIn = (chat: number) =>
  rig.fake.documents.filter((d) => d.chatId === chat).map((d) => d.file.filename);

describe('Telegram: the private chat with the bot', () => {
  it('gives an adviser the export as documents in their private chat', async () => {
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12');
    await rig.botMessage('📝 Aanvraag #1');
    for (const who of [bas, carla, dirk]) rig.say(who, 'ja', { replyTo: request.messageId });
    await rig.botMessage('✅ Aanvraag #1 is toegekend');

    rig.say(nina, '/export alle', { chat: nina.id });
    await rig.botMessage('📎 Overzicht Team Noord', nina.id);
    await rig.fake.waitFor(() => documentsIn(nina.id).length === 2, 'two documents');
    expect(documentsIn(nina.id)).toEqual([
      expect.stringMatching(/^mmb-noord-ronde-1\.csv$/),
      expect.stringMatching(/^mmb-noord-ronde-1\.pdf$/),
    ]);
    const csv = Buffer.from(
      rig.fake.documents.find((d) => d.file.filename.endsWith('.csv'))!.file.bytes,
    ).toString('utf8');
    expect(csv).toContain('33,00');
    expect(csv).not.toContain('hh 12');

    rig.say(nina, '/export noord met huishoudens', { chat: nina.id });
    await rig.botMessage('Huishoudcodes gaan nooit mee in een privégesprek', nina.id);
    expect(documentsIn(GROUP)).toEqual([]);
  });

  it('answers a stranger once with one line, and nothing else', async () => {
    rig.say(vreemd, '/export alle', { chat: vreemd.id });
    await rig.botMessage('Ik werk alleen in de teamgroepen', vreemd.id);
    const second = rig.say(vreemd, '/teams', { chat: vreemd.id });
    await rig.handled(second.updateId);
    expect(rig.fake.sent(vreemd.id).map((m) => m.text)).toEqual([
      'Ik werk alleen in de teamgroepen van het Mini-Maatwerk Budget. Stel je vraag in je teamgroep.',
    ]);
    expect(documentsIn(vreemd.id)).toEqual([]);
    expect(rig.count('SELECT count(*) FROM members WHERE id = ?', `telegram:${vreemd.id}`)).toBe(0);
  });

  it('sends a subscriber the round after it was posted in the group, once, across restarts', async () => {
    rig.say(nina, '/abonneer', { chat: nina.id });
    await rig.botMessage('📬 Aangemeld', nina.id);
    await rig.shutdown();
    rig.clock.offsetMs = 50 * 86_400_000; // past the team's first six-weekly slot
    await rig.boot();
    await rig.botMessage('📊 Overzicht Team Noord', GROUP);
    await rig.botMessage('📬 Nieuwe ronde: overzicht Team Noord', nina.id);
    await rig.fake.waitFor(() => documentsIn(nina.id).length === 2, 'two documents');
    expect(documentsIn(nina.id)).toEqual(['mmb-noord-ronde-1.csv', 'mmb-noord-ronde-1.pdf']);
    await rig.shutdown();
    await rig.boot();
    const hello = rig.say(nina, '/teams', { chat: nina.id });
    await rig.handled(hello.updateId);
    await rig.botMessage('Je kunt deze teams zien', nina.id);
    expect(rig.fake.sent(nina.id).filter((m) => m.text.includes('Nieuwe ronde'))).toHaveLength(1);
    expect(documentsIn(nina.id)).toHaveLength(2);
  });
});
