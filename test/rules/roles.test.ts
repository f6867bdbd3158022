import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { openDatabase } from '../../src/store/database.ts';
import { Harness } from '../support/harness.ts';

describe('rule 12: roles and linked groups', () => {
  it('gives no answer at all in a group that is not linked, except a setup hint to an administrator', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12', { chat: 'elders' });
    h.say('anna', '/saldo', { chat: 'elders' });
    expect(h.texts()).toEqual([]);
    h.say('admin', '/saldo', { chat: 'elders' });
    expect(h.texts()).toEqual([
      'Deze groep is nog niet aan een team gekoppeld. Typ /koppel <team>, bijvoorbeeld /koppel noord.',
    ]);
  });

  it('lets an administrator link a group from inside it, and the link survives a restart', () => {
    const dir = tempDir('mmb-roles-');
    const file = join(dir, 'mmb.sqlite');
    const config = {
      admins: ['admin'],
      teams: [{ id: 'noord', chats: ['noord'], startDate: '2026-01-05' }],
    };
    const first = new Harness(config, '2026-03-02T09:00:00+01:00', { db: openDatabase(file) });
    first.say('anna', '/koppel zuid', { chat: 'zuid-groep' });
    expect(first.texts()).toEqual([]); // not linked: members get no answer at all
    first.say('admin', '/koppel zuid', { chat: 'zuid-groep' });
    expect(first.texts()[0]).toBe(
      '🔗 Deze groep hoort nu bij team zuid. Het team is nieuw en begint vandaag met de standaardregels. Typ /help om te zien wat ik kan.',
    );
    first.db.close();
    const again = new Harness(config, '2026-03-02T10:00:00+01:00', { db: openDatabase(file) });
    again.say('anna', 'grofvuil €33 voor huishouden 12', {
      chat: 'zuid-groep',
      id: 'after-restart',
    });
    expect(again.texts()[0]).toContain('Aanvraag #1');
    expect(again.state().requests[0]?.team).toBe('zuid');
    again.db.close();
  });

  it('lets an administrator name a coordinator by replying to their message', () => {
    const h = new Harness();
    const hello = h.say('bas', 'hoi allemaal');
    h.handle({
      kind: 'message',
      chatId: 'noord',
      senderId: 'bas',
      senderName: 'Bas',
      messageId: 'hello2',
      at: h.clock.now(),
      text: 'ik ben Bas',
    });
    h.say('admin', '/coordinator', { replyTo: hello });
    expect(h.texts()).toEqual(['👤 Bas is nu coördinator van noord.']);
    h.say('bas', '/storten 100');
    expect(h.texts()).toEqual(['💶 € 100,00 gestort. Nieuw saldo: € 2.100,00.']);
    h.say('admin', '/coordinator weg bas');
    h.say('admin', '/coordinator');
    expect(h.texts()).toEqual([
      'Bas is geen coördinator meer van noord.',
      'Coördinatoren van noord: coco. Benoemen: reageer op een bericht van iemand met /coordinator.',
    ]);
  });

  it('takes /coördinator (with the diaeresis) as well as /coordinator', () => {
    const h = new Harness();
    const hello = h.say('bas', 'hoi allemaal');
    h.say('admin', '/coördinator', { replyTo: hello });
    h.say('admin', '/Coördinator weg coco');
    expect(h.texts()).toEqual([
      '👤 bas is nu coördinator van noord.',
      'coco is geen coördinator meer van noord.',
    ]);
  });

  it('refuses admin commands from members and coordinators', () => {
    const h = new Harness();
    h.say('coco', '/coordinator anna');
    expect(h.texts()).toEqual([
      'Alleen een beheerder kan coördinatoren benoemen. Vraag het aan de beheerder van de bot.',
    ]);
  });

  it('shows members only the commands they may use in /help', () => {
    const h = new Harness();
    h.say('anna', '/help');
    const member = h.texts()[0]!;
    expect(member).toContain('/saldo');
    expect(member).not.toContain('/storten');
    h.say('coco', '/help');
    const coordinator = h.texts()[0]!;
    expect(coordinator).toContain('/storten');
    expect(coordinator).not.toContain('/koppel');
  });

  it('answers an unknown command with a pointer to /help', () => {
    const h = new Harness();
    h.say('anna', '/rapportje');
    expect(h.texts()).toEqual(['Dat commando ken ik niet. Typ /help voor wat ik kan.']);
  });
});

describe('/koppel in a linked group', () => {
  it('is refused for members, with who can do it', () => {
    const h = new Harness();
    h.say('anna', '/koppel zuid');
    expect(h.texts()).toEqual([
      'Alleen een beheerder kan een groep koppelen. Vraag het aan de beheerder van de bot.',
    ]);
  });
});

describe('refusals name the coordinators by name', () => {
  it('asks for "a coordinator" while the bot has not seen their names, and names them once it has', () => {
    const config = {
      teams: [
        {
          id: 'noord',
          chats: ['telegram:-1'],
          coordinators: ['telegram:77'],
          startDate: '2026-01-05',
        },
      ],
    };
    const h = new Harness(config);
    h.say('telegram:5', '/storten 100', { chat: 'telegram:-1' });
    expect(h.texts()).toEqual([
      'Alleen een coördinator kan geld storten. Vraag het aan een coördinator van dit team.',
    ]);
    h.handle({
      kind: 'message',
      chatId: 'telegram:-1',
      senderId: 'telegram:77',
      senderName: 'Coco',
      messageId: 'hi',
      at: h.clock.now(),
      text: 'hoi',
    });
    h.say('telegram:5', '/storten 100', { chat: 'telegram:-1' });
    expect(h.texts()).toEqual(['Alleen een coördinator kan geld storten. Vraag het aan Coco.']);
  });
});
