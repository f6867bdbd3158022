import { describe, expect, it } from 'vitest';
import { computeOverview } from '../../src/overview/overview.ts';
import { findTeam } from '../../src/store/teams.ts';
import { startOfLocalDate } from '../../src/text/time.ts';
import { Harness } from '../support/harness.ts';

const P2026 = startOfLocalDate('2026-01-01').getTime();
const P2027 = startOfLocalDate('2027-01-01').getTime();

const CARRY_OVER = {
  teams: [
    {
      id: 'noord',
      chats: ['noord'],
      coordinators: ['coco'],
      startDate: '2026-01-05',
      carryOver: true,
    },
  ],
};

/** Grant #1 (€ 33,00 grofvuil for household 12) in 2026, then the clock in the new year. */
const grantedLastYear = (config?: unknown) => {
  const h = new Harness(config);
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
  h.at('2027-01-05T09:00:00+01:00');
  h.texts();
  return h;
};

/** The ledger with the period each entry is booked to. */
const ledger = (h: Harness) =>
  h.engine.sql.all<{ kind: string; amount: number; request: number | null; period: number }>(
    'SELECT kind, amount_cents AS amount, request_id AS request, period_start AS period FROM ledger ORDER BY id',
  );

/** The sum of what is booked to a period. */
const periodSum = (h: Harness, period: number) =>
  ledger(h)
    .filter((l) => l.period === period)
    .reduce((sum, l) => sum + l.amount, 0);

describe('rule 13: a request dated in a closed period', () => {
  it('is refused with a request to post it again, and the new pot keeps its money', () => {
    const h = new Harness(undefined, '2026-12-31T20:00:00+01:00');
    h.at('2027-01-01T08:00:00+01:00');
    h.texts();
    // Typed on 31 December, delivered after the new period opened.
    h.say('anna', 'grofvuil €33 voor huishouden 12', {
      at: new Date('2026-12-31T23:30:00+01:00'),
    });
    expect(h.texts()).toEqual([
      'Deze aanvraag is van 31 dec 2026 en kwam pas binnen toen budgetperiode 2026 al was ' +
        'afgesloten, dus ik boek hem niet. Nog nodig? Plaats hem dan opnieuw: dan telt hij voor deze periode.',
    ]);
    expect(h.state().requests).toEqual([]);
    expect(h.team()).toMatchObject({ balanceCents: 200_000, reservedCents: 0 });
    h.at('2027-01-03T08:00:00+01:00');
    expect(h.team().balanceCents).toBe(200_000);
  });

  it('is taken when posted again: then it belongs to the new period', () => {
    const h = new Harness(undefined, '2026-12-31T20:00:00+01:00');
    h.at('2027-01-01T08:00:00+01:00');
    h.say('anna', 'grofvuil €33 voor huishouden 12', {
      at: new Date('2026-12-31T23:30:00+01:00'),
    });
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    expect(h.request(1).status).toBe('approved');
    expect(h.team().balanceCents).toBe(196_700);
    expect(ledger(h).at(-1)).toMatchObject({ kind: 'grant', amount: -3300, period: P2027 });
  });

  it('still lets late votes on a request that was open at the boundary count by their own time', () => {
    const h = new Harness(undefined, '2026-12-31T20:00:00+01:00');
    const request = h.say('anna', 'pinpas €75 hh 7');
    h.at('2027-01-01T08:00:00+01:00');
    for (const who of ['bas', 'carla', 'dirk'])
      h.say(who, 'ja', { replyTo: request, at: new Date('2026-12-31T22:00:00+01:00') });
    expect(h.request(1).status).toBe('approved');
    // Paid from what the old period kept reserved: the new pot is whole.
    expect(h.team()).toMatchObject({ balanceCents: 200_000, reservedCents: 0 });
    expect(periodSum(h, P2026)).toBe(0);
  });

  it('refuses a late deposit typed in a closed period and asks to type it again', () => {
    const h = new Harness(undefined, '2026-12-31T20:00:00+01:00');
    h.at('2027-01-01T08:00:00+01:00');
    h.texts();
    h.say('coco', '/storten 500', { at: new Date('2026-12-31T23:30:00+01:00') });
    expect(h.texts()).toEqual([
      'Deze storting is van 31 dec 2026, maar budgetperiode 2026 is inmiddels afgesloten: ' +
        'ik heb niets geboekt. Typ /storten opnieuw om in de pot van deze periode te storten.',
    ]);
    expect(h.team().balanceCents).toBe(200_000);
  });
});

describe('rule 13: money that comes back from a grant of a closed period', () => {
  it('lapses on a reversal when the team does not carry over, and the reply says so', () => {
    const h = grantedLastYear();
    h.say('coco', '/terugboeken 1');
    expect(h.texts()).toEqual([
      '↩️ #1 teruggeboekt: € 33,00 gaat terug naar budgetperiode 2026. Die is afgesloten, ' +
        'dus het bedrag vervalt. Het saldo blijft € 2.000,00.',
    ]);
    expect(h.team()).toMatchObject({ balanceCents: 200_000, availableCents: 200_000 });
    expect(ledger(h).slice(-2)).toEqual([
      { kind: 'reversal', amount: 3300, request: 1, period: P2026 },
      { kind: 'correction', amount: -3300, request: null, period: P2026 },
    ]);
    // The closed period's accounts stay closed: nothing of it reaches this year's pot.
    expect(periodSum(h, P2026)).toBe(0);
    expect(periodSum(h, P2027)).toBe(200_000);
    h.say('coco', '/terugboeken 1');
    expect(h.texts()).toEqual(['#1 is al helemaal teruggeboekt.']);
  });

  it('comes to this period’s pot on a reversal when the team carries over', () => {
    const h = grantedLastYear(CARRY_OVER);
    expect(h.team().balanceCents).toBe(396_700);
    h.say('coco', '/terugboeken 1');
    expect(h.texts()).toEqual([
      '↩️ #1 teruggeboekt: € 33,00 uit budgetperiode 2026 naar de pot van deze periode ' +
        '(dit team neemt geld mee). Nieuw saldo: € 4.000,00.',
    ]);
    expect(h.team().balanceCents).toBe(400_000);
    expect(ledger(h).at(-1)).toEqual({ kind: 'reversal', amount: 3300, request: 1, period: P2026 });
  });

  it('lapses on a correction down when the team does not carry over, and the reply says so', () => {
    const h = grantedLastYear();
    h.say('coco', '/correctie 1 28,00');
    expect(h.texts()).toEqual([
      '✏️ #1 gecorrigeerd: € 33,00 → € 28,00. De € 5,00 gaat terug naar budgetperiode 2026. ' +
        'Die is afgesloten, dus het bedrag vervalt. Het saldo blijft € 2.000,00.',
    ]);
    expect(h.team().balanceCents).toBe(200_000);
    expect(ledger(h).slice(-2)).toEqual([
      { kind: 'correction', amount: 500, request: 1, period: P2026 },
      { kind: 'correction', amount: -500, request: null, period: P2026 },
    ]);
    expect(h.team().grantedCents).toBe(2800);
  });

  it('comes to this period’s pot on a correction down when the team carries over', () => {
    const h = grantedLastYear(CARRY_OVER);
    h.say('coco', '/correctie 1 28');
    expect(h.texts()).toEqual([
      '✏️ #1 gecorrigeerd: € 33,00 → € 28,00 (€ 5,00 uit budgetperiode 2026 naar de pot van ' +
        'deze periode). Nieuw saldo: € 3.972,00.',
    ]);
    expect(h.team().balanceCents).toBe(397_200);
  });

  it('refuses a correction up, with the reason and what to do instead', () => {
    for (const config of [undefined, CARRY_OVER]) {
      const h = grantedLastYear(config);
      const before = ledger(h);
      h.say('coco', '/correctie 1 40');
      expect(h.texts()).toEqual([
        '#1 is toegekend in budgetperiode 2026, en die is afgesloten: daar kan niets meer bij. ' +
          'Is er toch meer nodig? Plaats dan een nieuwe aanvraag voor het verschil (€ 7,00).',
      ]);
      expect(ledger(h)).toEqual(before);
    }
  });

  it('lapses also when the reversal was typed before the new period but arrives after it opened', () => {
    const h = new Harness(undefined, '2026-12-31T10:00:00+01:00');
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    h.at('2027-01-01T08:00:00+01:00');
    h.texts();
    h.say('coco', '/terugboeken 1', { at: new Date('2026-12-31T23:00:00+01:00') });
    expect(h.texts()[0]).toContain('vervalt');
    expect(h.team().balanceCents).toBe(200_000);
    expect(periodSum(h, P2026)).toBe(0);
  });

  it('keeps the overview of the cycle consistent: money back, lapsed, balance unchanged', () => {
    const h = grantedLastYear();
    h.say('coco', '/terugboeken 1');
    const from = new Date('2027-01-05T00:00:00+01:00');
    const to = new Date('2027-01-06T00:00:00+01:00');
    const overview = computeOverview(
      h.engine.sql,
      findTeam(h.engine.sql, 'noord')!,
      { from, to, cycle: null },
      to,
    );
    expect(overview).toMatchObject({
      spentCents: -3300,
      earlierCorrectionsCents: -3300,
      lapsedCents: -3300,
      depositedCents: 0,
      balanceCents: 200_000,
    });
    h.texts();
    h.say('anna', '/rapport');
    const text = h.texts()[0]!;
    expect(text).toContain('Correcties op eerdere toekenningen: € 33,00 terug');
    // This cycle holds the new year: the rest of 2026 (€ 1.967,00) and the € 33,00 lapsed in it.
    expect(text).toContain('Vervallen uit afgesloten periode: € 2.000,00');
    expect(text).toContain('Saldo € 2.000,00');
  });
});

describe('rule 13: the accounts of a closed period', () => {
  it('books the rest that lapses at the boundary to the period it came from', () => {
    const h = grantedLastYear();
    expect(ledger(h).slice(-2)).toEqual([
      { kind: 'correction', amount: -196_700, request: null, period: P2026 },
      { kind: 'deposit', amount: 200_000, request: null, period: P2027 },
    ]);
    expect(periodSum(h, P2026)).toBe(0);
  });

  it('books a carried reservation that lapses to its own period', () => {
    const h = new Harness(undefined, '2026-12-31T20:00:00+01:00');
    h.say('anna', 'pinpas €75 hh 7');
    h.at('2027-01-01T08:00:00+01:00');
    expect(periodSum(h, P2026)).toBe(7500); // still reserved by #1
    h.at('2027-01-01T20:00:00+01:00');
    expect(ledger(h).at(-1)).toEqual({
      kind: 'correction',
      amount: -7500,
      request: null,
      period: P2026,
    });
    expect(periodSum(h, P2026)).toBe(0);
    expect(h.team().balanceCents).toBe(200_000);
  });
});
