import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

describe('one person under two member ids (mergeMember)', () => {
  it("moves a vote to the other id so it counts once, and keeps the other id's own vote", () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('lid-bas', 'ja', { replyTo: req });
    h.say('carla', 'ja #1');
    expect(h.engine.mergeMember('lid-bas', 'bas')).toBe(true);
    expect(h.request(1).yes.sort()).toEqual(['bas', 'carla']);
    // The same person votes again under the phone id: still one vote.
    h.say('bas', 'ja #1');
    expect(h.request(1).yes.sort()).toEqual(['bas', 'carla']);
    expect(h.request(1).status).toBe('open');
    // A later duplicate under the old id is dropped when the new id already voted.
    h.say('lid-carla', 'nee #1');
    h.engine.mergeMember('lid-carla', 'carla');
    expect(h.request(1).yes.sort()).toEqual(['bas', 'carla']);
    expect(h.request(1).no).toEqual([]);
    expect(h.engine.mergeMember('nobody', 'bas')).toBe(false);
  });

  it('moves a role and the requests a member made', () => {
    const h = new Harness({
      admins: ['admin'],
      teams: [
        { id: 'noord', chats: ['noord'], coordinators: ['lid-coco'], startDate: '2026-01-05' },
      ],
    });
    h.say('lid-anna', 'grofvuil €33 voor huishouden 12');
    h.engine.mergeMember('lid-anna', 'anna');
    h.engine.mergeMember('lid-coco', 'coco');
    expect(h.request(1).requester).toBe('anna');
    h.say('anna', 'ja #1'); // the requester's own vote still does not count
    expect(h.request(1).yes).toEqual([]);
    h.replies();
    h.say('coco', '/storten 10');
    expect(h.texts().join('\n')).toContain('10,00');
  });
});

describe('an edited message', () => {
  it('changes nothing; the bot answers once per edited request or vote', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    const vote = h.say('bas', 'ja', { replyTo: req });
    h.replies();
    const edit = (from: string, id: string, text: string) =>
      h.handle({
        kind: 'message',
        edited: true,
        chatId: 'noord',
        senderId: from,
        messageId: id,
        at: h.clock.now(),
        text,
      });
    edit('anna', req, 'grofvuil €330 voor huishouden 12');
    const answer = h.texts();
    expect(answer).toEqual([expect.stringContaining('bewerkt bericht telt niet')]);
    expect(answer[0]).toContain('/annuleer');
    expect(edit('anna', req, 'grofvuil €33 voor huishouden 13').applied).toBe(false);
    edit('bas', vote, 'nee');
    expect(h.texts()).toHaveLength(1);
    expect(h.request(1)).toMatchObject({ amountCents: 3300, yes: ['bas'], no: [] });
    edit('carla', h.say('carla', 'koffie?'), 'thee?'); // chatter: no answer
    expect(h.texts()).toEqual([]);
  });
});
