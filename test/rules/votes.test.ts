import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

describe('rule 5: votes', () => {
  it('counts a reply, a number, a reaction, a button and a lone ja with one request open', () => {
    const h = new Harness({
      teams: [{ id: 'noord', chats: ['noord'], votesNeeded: 5, startDate: '2026-01-05' }],
    });
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('bas', 'Ja!', { replyTo: req });
    h.say('carla', 'akkoord #1');
    h.react('dirk', req, '👍🏽');
    h.press('eva', 1, 'ja');
    h.say('fred', '✅');
    expect(h.request(1)).toMatchObject({
      status: 'approved',
      yes: ['bas', 'carla', 'dirk', 'eva', 'fred'],
    });
  });

  it('asks which request a lone ja is for when several are open, and does not count it', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('anna', 'pinpas €75 hh 7');
    h.texts();
    h.say('bas', 'ja');
    expect(h.texts()).toEqual([
      "Er staan meerdere aanvragen open (#1, #2). Over welke gaat je stem? Typ bijvoorbeeld 'ja #1' of reageer op de aanvraag.",
    ]);
    expect(h.request(1).yes).toEqual([]);
    expect(h.request(2).yes).toEqual([]);
  });

  it('keeps one vote per member: the latest replaces the earlier one', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('bas', 'ja #1');
    h.say('bas', 'ja #1');
    h.say('bas', 'nee #1');
    expect(h.request(1)).toMatchObject({ yes: [], no: ['bas'] });
    expect(h.texts().slice(1)).toEqual([
      '#1: 1 van 3 ja · verloopt di 3 mrt 09:00.',
      '#1: 0 van 3 ja · 1 nee · verloopt di 3 mrt 09:00.',
    ]);
  });

  it("does not count the requester's own vote, and says so", () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.texts();
    h.say('anna', 'ja', { replyTo: req });
    h.press('anna', 1, 'ja');
    expect(h.last?.toast).toBe('Je eigen stem telt niet mee bij je eigen aanvraag.');
    expect(h.texts()).toEqual([
      "Je eigen stem telt niet mee bij #1; er zijn stemmen van collega's nodig.",
    ]);
    expect(h.request(1).yes).toEqual([]);
  });

  it('answers a button press with a short toast for counted, changed and already decided', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    expect(h.press('bas', 1, 'ja').toast).toBe('Je stem is geteld.');
    expect(h.press('bas', 1, 'nee').toast).toBe('Je stem is gewijzigd.');
    h.press('bas', 1, 'ja');
    h.press('carla', 1, 'ja');
    expect(h.press('dirk', 1, 'ja').toast).toBe('Je stem is geteld: de aanvraag is toegekend ✅');
    expect(h.press('eva', 1, 'nee').toast).toBe('Over deze aanvraag is al beslist.');
  });

  it('withdraws a vote when a reaction is taken off', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.react('bas', req, '👍');
    h.advance(1);
    h.react('bas', req, null);
    expect(h.request(1).yes).toEqual([]);
  });

  it('ignores a ja that answers a message that is not a request', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    const question = h.say('bas', 'zal ik koffie halen?');
    h.texts();
    h.say('carla', 'ja', { replyTo: question });
    expect(h.texts()).toEqual([]);
    expect(h.request(1).yes).toEqual([]);
  });

  it('counts a vote that answers the bot message about the request', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    const outboxId = h.engine.sql.number('SELECT max(id) FROM outbox');
    h.engine.sql.run(
      "UPDATE outbox SET sent_at = 1, platform_message_id = 'bot-1' WHERE id = ?",
      outboxId,
    );
    h.say('bas', 'ja', { replyTo: 'bot-1' });
    expect(h.request(1).yes).toEqual(['bas']);
  });

  it('says it does not know a request number', () => {
    const h = new Harness();
    h.say('bas', 'ja #9');
    expect(h.texts()).toEqual([
      'Ik ken geen aanvraag #9 in dit team. Typ /open voor de lopende aanvragen.',
    ]);
  });

  it('counts an answer to the request that starts with a vote and gives a reason', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.say('bas', 'nee, dit valt onder de bijzondere bijstand', { replyTo: req });
    h.say('carla', 'ja! goed dat we dit oppakken', { replyTo: req });
    h.say('dirk', 'nee joh, dat bedoelde ik niet', { replyTo: req });
    h.say('eva', 'nee, te duur'); // not an answer to the request: chatter
    expect(h.request(1)).toMatchObject({ yes: ['carla'], no: ['bas'] });
  });
});
