import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

describe('rules 2 and 3: requests and reservations', () => {
  it('numbers requests per team and stores the normalised household and the description', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden HH-12');
    h.say('bas', '€ 75,00 pinpas leefgeld hh 7');
    h.say('carla', '/aanvraag 120,50 huurachterstand huishouden 3');
    const requests = h.state().requests;
    expect(
      requests.map((r) => [r.number, r.household, r.amountCents, r.description, r.status]),
    ).toEqual([
      [1, '12', 3300, 'grofvuil', 'open'],
      [2, '7', 7500, 'pinpas leefgeld', 'open'],
      [3, '3', 12_050, 'huurachterstand', 'open'],
    ]);
    expect(h.team()).toMatchObject({
      balanceCents: 200_000,
      reservedCents: 22_850,
      availableCents: 177_150,
    });
  });

  it('answers a request with its number, the amount and the deadline', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden HH-12');
    expect(h.texts()).toEqual([
      "📝 Aanvraag #1: € 33,00 grofvuil voor huishouden 12. 3× ja vóór di 3 mrt 09:00 en het is toegekend. Stem met 'ja #1' of reageer op de aanvraag.",
    ]);
  });

  it('gives ordinary chatter no reply', () => {
    const h = new Harness();
    for (const text of [
      'goedemorgen allemaal',
      'de grofvuilkosten waren €33',
      'hoe gaat het met hh 12?',
      'ja',
      'nee joh',
    ]) {
      h.say('anna', text);
    }
    expect(h.texts()).toEqual([]);
  });

  it('refuses a request bigger than what is available in the pot, saying how much is', () => {
    const h = new Harness({
      teams: [{ id: 'noord', chats: ['noord'], potCents: 10_000, startDate: '2026-01-05' }],
    });
    h.say('anna', 'boodschappen €60 hh 1');
    h.say('bas', 'boodschappen €50 hh 2');
    expect(h.texts()[1]).toBe(
      'Die aanvraag past niet: er is nog € 40,00 vrij in de pot en je vraagt € 50,00. Vraag minder, of vraag een coördinator om bij te storten.',
    );
    expect(h.state().requests).toHaveLength(1);
  });

  it('asks for a household code when a request names none, and for a code instead of a name', () => {
    const h = new Harness();
    h.say('anna', '/aanvraag 33 grofvuil');
    h.say('anna', '€33 grofvuil voor gezin Jansen');
    h.say('anna', '/aanvraag grofvuil huishouden 12');
    expect(h.texts()).toEqual([
      "Ik zie een bedrag maar geen huishoudcode. Zet er bijvoorbeeld 'huishouden 12' bij, dan plaats ik de aanvraag.",
      "Gebruik een huishoudcode, geen naam (privacy). Bijvoorbeeld: 'grofvuil €33 voor huishouden 12'.",
      "Ik mis het bedrag. Bijvoorbeeld: '/aanvraag 33 grofvuil huishouden 12'.",
    ]);
    expect(h.state().requests).toEqual([]);
  });

  it('refuses € 0 and absurd amounts with a reason', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €0 hh 12');
    h.say('anna', `grofvuil €${'9'.repeat(400)} hh 12`);
    const [zero, huge] = h.texts();
    expect(zero).toContain('€ 0,00 kan niet');
    expect(huge).toContain('te groot');
    expect(h.state().requests).toEqual([]);
  });
});
