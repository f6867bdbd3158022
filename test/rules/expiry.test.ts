import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';
import { remindRequest } from '../../src/rules/deadlines.ts';

describe('rule 7: expiry and reminders', () => {
  it('reminds four hours before the deadline when votes are missing, then expires and releases', () => {
    const h = new Harness();
    h.say('anna', 'pinpas €75 hh 7');
    h.say('bas', 'ja #1');
    h.texts();
    h.at('2026-03-03T05:00:00+01:00');
    expect(h.replies()).toEqual([
      {
        chat: 'noord',
        text: '⏰ Aanvraag #1 (€ 75,00 pinpas, huishouden 7) heeft nog 2× ja nodig vóór di 3 mrt 09:00.',
        replyTo: null,
        at: new Date('2026-03-03T05:00:00+01:00'),
        purpose: 'reminder',
      },
    ]);
    h.at('2026-03-03T09:00:00+01:00');
    expect(h.texts()).toEqual([
      '⌛ Aanvraag #1 (€ 75,00 pinpas) is verlopen met 1 van 3 keer ja. Het bedrag is weer vrij; plaats hem gerust opnieuw als het nog nodig is.',
    ]);
    expect(h.request(1)).toMatchObject({
      status: 'expired',
      decidedAt: '2026-03-03T08:00:00.000Z',
    });
    expect(h.team()).toMatchObject({ reservedCents: 0, availableCents: 200_000 });
  });

  it('reminds once when two processes run the same reminder (the second finds it done)', () => {
    const h = new Harness();
    h.say('anna', 'pinpas €75 hh 7');
    const at = new Date('2026-03-03T05:00:00+01:00');
    // Both schedulers decided the reminder was due before either wrote; each runs it in turn.
    expect(remindRequest(h.engine.sql, 1, at)).toHaveLength(1);
    expect(remindRequest(h.engine.sql, 1, at)).toEqual([]);
  });

  it('sends no reminder for a request that was approved in time', () => {
    const h = new Harness();
    h.say('anna', 'pinpas €75 hh 7');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    h.texts();
    h.at('2026-03-05T09:00:00+01:00');
    expect(h.texts()).toEqual([]);
  });

  it('fires each missed deadline once, in time order, after a long outage', () => {
    const h = new Harness();
    h.say('anna', 'pinpas €75 hh 7');
    h.advance(60);
    h.say('anna', 'grofvuil €33 hh 8');
    h.texts();
    h.at('2026-03-10T09:00:00+01:00');
    const texts = h.texts();
    expect(texts.map((t) => t.split(' (')[0])).toEqual([
      '⏰ Aanvraag #1',
      '⏰ Aanvraag #2',
      '⌛ Aanvraag #1',
      '⌛ Aanvraag #2',
    ]);
  });
});
