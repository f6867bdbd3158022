import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

describe('rule 1: the pot', () => {
  it('opens the budget period with a deposit of € 2.000 on the team start date', () => {
    const h = new Harness();
    h.say('anna', '/saldo');
    expect(h.texts()[0]).toContain('saldo € 2.000,00');
    expect(h.state().ledger).toEqual([
      {
        team: 'noord',
        kind: 'deposit',
        amountCents: 200_000,
        request: null,
        at: '2026-01-04T23:00:00.000Z',
      },
    ]);
  });

  it('lets a coordinator deposit more during the period', () => {
    const h = new Harness();
    h.say('coco', '/storten € 500,00 extra van de wijkraad');
    expect(h.texts()).toEqual(['💶 € 500,00 gestort. Nieuw saldo: € 2.500,00.']);
    expect(h.team().balanceCents).toBe(250_000);
  });

  it('refuses a deposit from a member who is not a coordinator, naming who can', () => {
    const h = new Harness();
    h.say('anna', '/storten 500');
    expect(h.texts()).toEqual(['Alleen een coördinator kan geld storten. Vraag het aan coco.']);
    expect(h.team().balanceCents).toBe(200_000);
  });

  it('explains a deposit amount it cannot read', () => {
    const h = new Harness();
    h.say('coco', '/storten veel');
    expect(h.texts()).toEqual(['Ik kan het bedrag niet lezen. Bijvoorbeeld: /storten 500']);
    h.say('coco', '/storten 0');
    expect(h.texts()[0]).toContain('meer dan € 0,00');
  });

  it('lets unspent money lapse at the end of the calendar year and opens the new pot', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    h.at('2027-01-01T00:00:00+01:00');
    expect(h.texts().at(-1)).toBe(
      '🗓️ Een nieuwe budgetperiode is begonnen. De pot staat op € 2.000,00.',
    );
    const ledger = h.state().ledger;
    expect(ledger.slice(-2)).toEqual([
      {
        team: 'noord',
        kind: 'correction',
        amountCents: -196_700,
        request: null,
        at: '2026-12-31T23:00:00.000Z',
      },
      {
        team: 'noord',
        kind: 'deposit',
        amountCents: 200_000,
        request: null,
        at: '2026-12-31T23:00:00.000Z',
      },
    ]);
    expect(h.team().balanceCents).toBe(200_000);
  });

  it('carries unspent money over when the team is configured to', () => {
    const h = new Harness({
      teams: [{ id: 'noord', chats: ['noord'], startDate: '2026-01-05', carryOver: true }],
    });
    h.say('anna', '/saldo');
    h.at('2027-01-02T09:00:00+01:00');
    expect(h.team().balanceCents).toBe(400_000);
  });

  it('keeps the money of a request that is open at the year boundary reserved', () => {
    const h = new Harness(undefined, '2026-12-31T20:00:00+01:00');
    h.say('anna', 'pinpas €75 hh 7');
    h.at('2027-01-01T08:00:00+01:00');
    expect(h.team()).toMatchObject({
      balanceCents: 207_500,
      reservedCents: 7500,
      availableCents: 200_000,
    });
  });

  it('says when the budget starts for a team that has not started yet', () => {
    const h = new Harness({ teams: [{ id: 'noord', chats: ['noord'], startDate: '2026-04-01' }] });
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    expect(h.texts()).toEqual([
      'Het budget van dit team start op 1 apr 2026. Plaats de aanvraag vanaf dan.',
    ]);
    expect(h.state().requests).toEqual([]);
  });
});

describe('rule 1: reservations across the year boundary', () => {
  it('lets the reservation of last year lapse when that request expires in the new year', () => {
    const h = new Harness(undefined, '2026-12-31T20:00:00+01:00');
    h.say('anna', 'pinpas €75 hh 7');
    h.at('2027-01-01T08:00:00+01:00');
    expect(h.team()).toMatchObject({ balanceCents: 207_500, reservedCents: 7500 });
    h.at('2027-01-01T20:00:00+01:00');
    expect(h.request(1).status).toBe('expired');
    expect(h.team()).toMatchObject({ balanceCents: 200_000, reservedCents: 0 });
    expect(h.state().ledger.at(-1)).toMatchObject({
      kind: 'correction',
      amountCents: -7500,
      request: null,
    });
  });

  it('keeps it when the team carries money over', () => {
    const config = {
      teams: [{ id: 'noord', chats: ['noord'], startDate: '2026-01-05', carryOver: true }],
    };
    const h = new Harness(config, '2026-12-31T20:00:00+01:00');
    h.say('anna', 'pinpas €75 hh 7');
    h.at('2027-01-01T20:00:00+01:00');
    expect(h.team().balanceCents).toBe(400_000);
  });
});
