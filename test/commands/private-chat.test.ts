import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';
import { TEAM_NOORD } from '../support/team-noord.ts';

const config = {
  admins: ['admin'],
  advisers: ['telegram:55'],
  teams: [
    TEAM_NOORD,
    {
      id: 'zuid',
      name: 'Team Zuid',
      chats: ['zuid'],
      coordinators: ['zoe'],
      startDate: '2026-01-05',
    },
  ],
};

/** A message in the private chat of `from` with the bot (its chat id is `prive:<from>`). */
function dm(h: Harness, from: string, text: string, id?: string) {
  return h.handle({
    kind: 'message',
    private: true,
    chatId: `prive:${from}`,
    senderId: from,
    messageId: id ?? `${from}-${text}-${h.clock.now().getTime()}`,
    at: h.clock.now(),
    text,
  });
}

const filesOf = (h: Harness) =>
  h.engine.sql
    .all<{ filename: string; data: Buffer }>(
      'SELECT filename, data FROM outbox_files ORDER BY outbox_id DESC, position',
    )
    .map((f) => ({ name: f.filename, text: f.data.toString('utf8') }));

function withGrants(): Harness {
  const h = new Harness(config, '2026-01-05T10:00:00+01:00');
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
  h.say('zora', 'pinpas €75 hh 7', { chat: 'zuid' });
  for (const who of ['zeb', 'zil', 'zus']) h.say(who, 'ja #1', { chat: 'zuid' });
  h.at('2026-02-20T10:00:00+01:00');
  h.texts();
  return h;
}

describe('private chats', () => {
  it('gives an adviser for all teams one export of all teams, totals first, without codes', () => {
    const h = withGrants();
    dm(h, 'telegram:55', '/export alle');
    const [reply] = h.replies();
    expect(reply?.chat).toBe('prive:telegram:55');
    expect(reply?.text).toBe(
      '📎 Overzicht 2 teams (eerst de totalen), 5 jan 2026 t/m 16 feb 2026: CSV voor Excel en PDF om te delen (zonder huishoudcodes).',
    );
    const files = filesOf(h);
    expect(files.map((f) => f.name)).toEqual([
      'mmb-alle-teams-2026-01-05-2026-02-16.csv',
      'mmb-alle-teams-2026-01-05-2026-02-16.pdf',
    ]);
    const csv = files[0]!.text;
    expect(csv).toContain('Team Noord');
    expect(csv).toContain('Team Zuid');
    expect(csv).not.toMatch(/hh 12|;12;/);
    dm(h, 'telegram:55', '/teams');
    expect(h.texts()).toEqual([
      "Je bent communicatieadviseur voor alle teams. Je kunt deze teams zien: Team Noord (noord), Team Zuid (zuid). Typ /help voor de commando's.",
    ]);
  });

  it('gives a team adviser only their teams, and refuses another team by name with the reason', () => {
    const h = withGrants();
    h.say('coco', '/adviseur nina');
    h.texts();
    dm(h, 'nina', '/teams');
    expect(h.texts()).toEqual([
      "Je bent communicatieadviseur. Je kunt deze teams zien: Team Noord (noord). Typ /help voor de commando's.",
    ]);
    dm(h, 'nina', '/export zuid');
    expect(h.texts()).toEqual([
      'Team Zuid hoort niet bij jouw teams, dus dat overzicht kan ik je niet geven. Jij kunt zien: Team Noord (noord).',
    ]);
    dm(h, 'nina', '/rapport Team Zuid vorige');
    expect(h.texts()[0]).toContain('Team Zuid hoort niet bij jouw teams');
    dm(h, 'nina', '/export alle');
    expect(h.texts()[0]).toContain('📎 Overzicht Team Noord, 5 jan 2026 t/m 16 feb 2026');
    expect(filesOf(h).map((f) => f.name)).toEqual([
      'mmb-noord-ronde-1.csv',
      'mmb-noord-ronde-1.pdf',
    ]);
    dm(h, 'nina', '/rapport vorige');
    const [text] = h.texts();
    expect(text).toContain('📊 Overzicht Team Noord');
    expect(text).not.toContain('Team Zuid');
  });

  it('lets a coordinator see their own team, with a range', () => {
    const h = withGrants();
    dm(h, 'zoe', '/export 1-1-2026 t/m 31-1-2026');
    expect(h.texts()).toEqual([
      '📎 Overzicht Team Zuid, 1 jan 2026 t/m 31 jan 2026: CSV voor Excel en PDF om te delen (zonder huishoudcodes).',
    ]);
    expect(filesOf(h)[0]?.name).toBe('mmb-zuid-2026-01-01-2026-01-31.csv');
  });

  it('refuses household codes there, with the reason', () => {
    const h = withGrants();
    dm(h, 'telegram:55', '/export noord met huishoudens');
    dm(h, 'telegram:55', '/rapport met huishoudcodes');
    const texts = h.texts();
    expect(texts).toHaveLength(2);
    for (const t of texts) expect(t).toMatch(/^Huishoudcodes gaan nooit mee in een privégesprek/);
    expect(filesOf(h)).toEqual([]);
  });

  it('answers a stranger with one line, once, and stores nothing about them but dedupe', () => {
    const h = withGrants();
    dm(h, 'telegram:999', '/export alle');
    expect(h.texts()).toEqual([
      'Ik werk alleen in de teamgroepen van het Mini-Maatwerk Budget. Stel je vraag in je teamgroep.',
    ]);
    dm(h, 'telegram:999', '/rapport');
    dm(h, 'telegram:999', 'hallo?');
    expect(h.texts()).toEqual([]);
    expect(filesOf(h)).toEqual([]);
    expect(
      h.engine.sql.get('SELECT 1 AS yes FROM members WHERE id = ?', 'telegram:999'),
    ).toBeUndefined();
  });

  it('points requests and votes to the team group, and explains the commands', () => {
    const h = withGrants();
    dm(h, 'coco', 'grofvuil €33 voor huishouden 12');
    dm(h, 'coco', 'ja #1');
    expect(h.texts()).toEqual([
      'Aanvragen en stemmen horen in de teamgroep, niet in dit gesprek. Typ /help voor wat ik hier kan.',
      'Aanvragen en stemmen horen in de teamgroep, niet in dit gesprek. Typ /help voor wat ik hier kan.',
    ]);
    expect(h.state().requests).toHaveLength(2); // only the two from the groups
    dm(h, 'coco', '/help');
    const [help] = h.texts();
    expect(help).toContain('/export [team|alle]');
    expect(help).toContain('/teams');
    dm(h, 'coco', '/saldo');
    expect(h.texts()).toEqual([
      'Dat commando werkt niet in dit gesprek. Typ /help voor wat ik hier kan.',
    ]);
  });

  it('tells what it does not understand: a team that does not exist', () => {
    const h = withGrants();
    dm(h, 'telegram:55', '/rapport west');
    expect(h.texts()[0]).toContain('"west" is geen team van jou en geen ronde of jaar');
  });
});
