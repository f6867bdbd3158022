import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { countExpired, purgeExpired } from '../../src/store/retention.ts';
import { listSubscriptions } from '../../src/store/subscriptions.ts';
import { Harness } from '../support/harness.ts';
import { TEAM_NOORD } from '../support/team-noord.ts';
import { tempDir } from '../support/temp-dir.ts';

const config = {
  admins: ['admin'],
  advisers: ['telegram:55'],
  teams: [
    TEAM_NOORD,
    { id: 'zuid', name: 'Team Zuid', chats: ['zuid'], startDate: '2026-01-05' },
    { id: 'west', name: 'Team West', chats: ['west'], startDate: '2026-01-19' },
  ],
};

const dm = (h: Harness, from: string, text: string) =>
  h.handle({
    kind: 'message',
    private: true,
    chatId: `prive:${from}`,
    senderId: from,
    messageId: `${text}-${h.clock.now().getTime()}`,
    at: h.clock.now(),
    text,
  });

/** The replies in the private chat, with the names of their files. */
function privateReplies(h: Harness) {
  return h
    .replies()
    .filter((r) => r.chat === 'prive:telegram:55')
    .map((r) => {
      const id = h.engine.sql.number(
        'SELECT id FROM outbox WHERE chat_id = ? AND text = ? ORDER BY id DESC LIMIT 1',
        r.chat,
        r.text,
      );
      const files = h.engine.sql
        .all<{ filename: string }>(
          'SELECT filename FROM outbox_files WHERE outbox_id = ? ORDER BY position',
          id,
        )
        .map((f) => f.filename);
      return { text: r.text, at: r.at, files };
    });
}

describe('the subscription in the private chat', () => {
  it('sends each round once after it was posted in the groups, also across a restart', () => {
    const file = join(tempDir('mmb-subscription-'), 'mmb.sqlite');
    const first = new Harness(config, '2026-01-20T10:00:00+01:00', { db: openDatabase(file) });
    first.say('anna', 'grofvuil €33 voor huishouden 12');
    for (const who of ['bas', 'carla', 'dirk']) first.say(who, 'ja #1');
    dm(first, 'telegram:55', '/abonneer');
    expect(first.texts().at(-1)).toMatch(/^📬 Aangemeld\./);
    first.at('2026-02-16T09:00:00+01:00'); // noord and zuid post round 1
    const sent = privateReplies(first);
    expect(sent).toEqual([
      {
        text: '📬 Nieuwe ronde: overzicht 2 teams (eerst de totalen), 5 jan 2026 t/m 16 feb 2026: CSV voor Excel en PDF om te delen (zonder huishoudcodes).\nTyp /opzeggen om deze berichten te stoppen.',
        at: new Date('2026-02-16T09:00:00+01:00'),
        files: [
          'mmb-alle-teams-2026-01-05-2026-02-16.csv',
          'mmb-alle-teams-2026-01-05-2026-02-16.pdf',
        ],
      },
    ]);
    // The figures are the stored ones, exactly as posted in the group.
    const csv = first.engine.sql
      .all<{ data: Buffer }>("SELECT data FROM outbox_files WHERE filename LIKE '%.csv'")
      .map((f) => f.data.toString('utf8'))[0]!;
    expect(csv).toContain('33,00');
    first.db.close();

    const again = new Harness(config, '2026-02-16T09:30:00+01:00', { db: openDatabase(file) });
    again.at('2026-03-01T10:00:00+01:00'); // west posts its round 1 on 2 March
    expect(privateReplies(again)).toEqual([]);
    again.at('2026-03-02T09:00:00+01:00');
    const west = privateReplies(again);
    expect(west.map((r) => r.files)).toEqual([['mmb-west-ronde-1.csv', 'mmb-west-ronde-1.pdf']]);
    again.db.close();
    const third = new Harness(config, '2026-03-02T09:30:00+01:00', { db: openDatabase(file) });
    third.at('2026-03-20T10:00:00+01:00');
    expect(privateReplies(third)).toEqual([]);
    expect(third.engine.sql.number('SELECT count(*) FROM subscription_sends')).toBe(3);
    third.db.close();
  });

  it('stops after /opzeggen, and sends nothing to who lost their role', () => {
    const h = new Harness(config, '2026-01-20T10:00:00+01:00');
    h.say('coco', '/adviseur nina');
    h.handle({
      kind: 'message',
      private: true,
      chatId: 'prive:nina',
      senderId: 'nina',
      messageId: 'n1',
      at: h.clock.now(),
      text: '/abonneer',
    });
    dm(h, 'telegram:55', '/abonneer');
    dm(h, 'telegram:55', '/opzeggen');
    expect(h.texts().at(-1)).toMatch(/^Afgemeld/);
    h.say('coco', '/adviseur weg nina');
    h.texts();
    h.at('2026-02-17T09:00:00+01:00');
    expect(h.replies().filter((r) => r.chat.startsWith('prive:'))).toEqual([]);
  });

  it('gives a team adviser only their team’s round', () => {
    const h = new Harness(config, '2026-01-20T10:00:00+01:00');
    h.say('coco', '/adviseur nina');
    h.handle({
      kind: 'message',
      private: true,
      chatId: 'prive:nina',
      senderId: 'nina',
      messageId: 'n1',
      at: h.clock.now(),
      text: '/abonneer',
    });
    h.texts();
    h.at('2026-02-17T09:00:00+01:00');
    const mine = h.replies().filter((r) => r.chat === 'prive:nina');
    expect(mine.map((r) => r.text.split(',')[0])).toEqual([
      '📬 Nieuwe ronde: overzicht Team Noord',
    ]);
  });
});

/** The overviews sent since the previous call, per private chat: the names of their files. */
function overviewsSent(h: Harness): Record<string, string[]> {
  const sent: Record<string, string[]> = {};
  for (const reply of h.replies()) {
    const files = h.engine.sql
      .all<{ filename: string }>(
        `SELECT f.filename FROM outbox_files f JOIN outbox o ON o.id = f.outbox_id
         WHERE o.chat_id = ? AND o.text = ? ORDER BY o.id DESC, f.position LIMIT 2`,
        reply.chat,
        reply.text,
      )
      .map((f) => f.filename);
    if (reply.chat.startsWith('prive:') && files.length > 0)
      (sent[reply.chat] ??= []).push(files.join(' '));
  }
  return sent;
}

const sends = (h: Harness) =>
  h.engine.sql.all<{ member_id: string; team_id: string; cycle: number }>(
    'SELECT member_id, team_id, cycle FROM subscription_sends ORDER BY member_id, team_id, cycle',
  );

describe('the record of sent rounds after the retention purge', () => {
  it('goes after the retention period, and the purged round is not sent again', () => {
    const h = new Harness(config, '2026-01-20T10:00:00+01:00');
    dm(h, 'telegram:55', '/abonneer');
    h.replies();
    h.at('2026-03-02T09:00:00+01:00'); // round 1 of noord and zuid (16 Feb), of west (2 March)
    expect(privateReplies(h)).toHaveLength(2);
    expect(sends(h)).toHaveLength(3);

    h.at('2026-03-20T10:00:00+01:00');
    const dry = countExpired(h.db, h.clock.now(), 30);
    const purged = purgeExpired(h.db, h.clock.now(), 30);
    expect(purged).toEqual(dry);
    expect(purged.subscriptionSends).toBe(2); // sent 16 Feb, more than 30 days ago
    expect(sends(h)).toEqual([{ member_id: 'telegram:55', team_id: 'west', cycle: 1 }]);

    h.at('2026-03-30T08:59:00+02:00');
    expect(privateReplies(h)).toEqual([]); // round 1 of noord and zuid is not owed again
    h.at('2026-03-30T09:00:00+02:00');
    expect(overviewsSent(h)).toEqual({
      'prive:telegram:55': [
        'mmb-alle-teams-2026-02-16-2026-03-30.csv mmb-alle-teams-2026-02-16-2026-03-30.pdf',
      ],
    });
    h.at('2026-04-20T10:00:00+01:00');
    expect(privateReplies(h).map((r) => r.files)).toEqual([
      ['mmb-west-ronde-2.csv', 'mmb-west-ronde-2.pdf'],
    ]);
  });

  it('of someone who unsubscribed goes at the next purge, and a new subscription starts afresh', () => {
    const h = new Harness(config, '2026-01-20T10:00:00+01:00');
    h.say('coco', '/adviseur nina');
    dm(h, 'nina', '/abonneer');
    dm(h, 'telegram:55', '/abonneer');
    h.at('2026-02-17T09:00:00+01:00');
    expect(overviewsSent(h)['prive:nina']).toHaveLength(1);
    dm(h, 'nina', '/opzeggen');

    expect(purgeExpired(h.db, h.clock.now(), 30).subscriptionSends).toBe(1);
    expect(sends(h).map((s) => s.member_id)).toEqual(['telegram:55', 'telegram:55']);

    h.advance(60);
    dm(h, 'nina', '/abonneer');
    h.at('2026-03-29T10:00:00+02:00');
    // Round 1 was before this subscription (west's went to the municipality-wide adviser).
    expect(Object.keys(overviewsSent(h))).toEqual(['prive:telegram:55']);
  });
});

describe('a member merge (one person under two ids)', () => {
  it('moves the subscription and its sent rounds: the next round comes once, the old ones not again', () => {
    const h = new Harness(config, '2026-01-20T10:00:00+01:00');
    h.say('coco', '/adviseur lid-nina');
    dm(h, 'lid-nina', '/abonneer');
    h.at('2026-02-17T09:00:00+01:00');
    expect(overviewsSent(h)['prive:lid-nina']).toHaveLength(1);

    expect(h.engine.mergeMember('lid-nina', 'nina')).toBe(true);
    expect(listSubscriptions(h.engine.sql)).toEqual([
      {
        memberId: 'nina',
        chatId: 'prive:lid-nina',
        subscribedAt: new Date('2026-01-20T09:00:00Z'),
      },
    ]);
    expect(sends(h)).toEqual([{ member_id: 'nina', team_id: 'noord', cycle: 1 }]);
    h.at('2026-03-31T09:00:00+02:00');
    expect(overviewsSent(h)).toEqual({
      'prive:lid-nina': ['mmb-noord-ronde-2.csv mmb-noord-ronde-2.pdf'],
    });
  });

  it('keeps one subscription when both ids had one: the earliest, each round recorded once', () => {
    const h = new Harness(config, '2026-01-20T10:00:00+01:00');
    h.say('coco', '/adviseur lid-nina');
    h.say('coco', '/adviseur nina');
    dm(h, 'lid-nina', '/abonneer');
    h.advance(60);
    dm(h, 'nina', '/abonneer');
    h.at('2026-02-17T09:00:00+01:00'); // both ids got round 1
    expect(overviewsSent(h)).toEqual({
      'prive:lid-nina': ['mmb-noord-ronde-1.csv mmb-noord-ronde-1.pdf'],
      'prive:nina': ['mmb-noord-ronde-1.csv mmb-noord-ronde-1.pdf'],
    });

    h.engine.mergeMember('lid-nina', 'nina');
    expect(listSubscriptions(h.engine.sql)).toEqual([
      { memberId: 'nina', chatId: 'prive:nina', subscribedAt: new Date('2026-01-20T09:00:00Z') },
    ]);
    expect(sends(h)).toEqual([{ member_id: 'nina', team_id: 'noord', cycle: 1 }]);
    h.at('2026-03-31T09:00:00+02:00');
    expect(overviewsSent(h)).toEqual({
      'prive:nina': ['mmb-noord-ronde-2.csv mmb-noord-ronde-2.pdf'],
    });
  });
});
