import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

describe('every inbound event is applied exactly once', () => {
  it('changes nothing when a message is delivered again', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12', { id: 'req' });
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1', { id: `vote-${who}` });
    const before = { state: h.state(), replies: h.texts() };
    h.say('anna', 'grofvuil €33 voor huishouden 12', { id: 'req' });
    h.say('dirk', 'ja #1', { id: 'vote-dirk' });
    expect(h.last).toEqual({ applied: false, replies: 0 });
    expect(h.state()).toEqual(before.state);
    expect(h.texts()).toEqual([]);
  });

  it('changes nothing when a reaction is delivered again', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden 12');
    const event = {
      kind: 'reaction' as const,
      chatId: 'noord',
      senderId: 'bas',
      eventId: 'r-1',
      targetMessageId: req,
      emoji: '👍',
      at: h.clock.now(),
    };
    expect(h.handle(event).applied).toBe(true);
    expect(h.handle(event).applied).toBe(false);
    expect(h.request(1).yes).toEqual(['bas']);
  });

  it('writes effects, dedupe record and replies in one transaction: a failing event leaves nothing', () => {
    const h = new Harness();
    h.engine.sql.run(
      `CREATE TRIGGER fail_on_request AFTER INSERT ON requests BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`,
    );
    expect(() => h.say('anna', 'grofvuil €33 voor huishouden 12', { id: 'crash' })).toThrow(
      /simulated crash/,
    );
    expect(h.engine.sql.number("SELECT count(*) FROM inbox WHERE message_id = 'crash'")).toBe(0);
    expect(h.engine.sql.number("SELECT count(*) FROM outbox WHERE reply_to = 'crash'")).toBe(0);
    h.engine.sql.run('DROP TRIGGER fail_on_request');
    h.say('anna', 'grofvuil €33 voor huishouden 12', { id: 'crash' });
    expect(h.request(1).status).toBe('open');
  });
});
