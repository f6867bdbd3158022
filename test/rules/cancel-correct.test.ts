import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

const approved = () => {
  const h = new Harness();
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
  h.texts();
  return h;
};

describe('rule 8: cancel and correct', () => {
  it('lets the requester cancel an open request and frees the reservation', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.texts();
    h.say('anna', '/annuleer 1');
    expect(h.texts()).toEqual([
      '🚫 Aanvraag #1 (€ 33,00 grofvuil) is geannuleerd; € 33,00 is weer vrij.',
    ]);
    expect(h.team().reservedCents).toBe(0);
  });

  it('lets a coordinator cancel, and refuses anyone else', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12');
    h.texts();
    h.say('bas', '/annuleer #1');
    expect(h.texts()).toEqual(['Alleen wie #1 aanvroeg of een coördinator kan hem annuleren.']);
    h.say('coco', '/annuleer 1');
    expect(h.request(1).status).toBe('cancelled');
  });

  it('does not cancel an approved request but points to a correction', () => {
    const h = approved();
    h.say('anna', '/annuleer 1');
    expect(h.texts()[0]).toContain('/correctie 1 <bedrag>');
    expect(h.request(1).status).toBe('approved');
  });

  it('books a correction as a new ledger entry when the real cost was lower', () => {
    const h = approved();
    h.say('coco', '/correctie 1 28,00');
    expect(h.texts()).toEqual([
      '✏️ #1 gecorrigeerd: € 33,00 → € 28,00 (€ 5,00 terug in de pot). Nieuw saldo: € 1.972,00.',
    ]);
    expect(h.state().ledger.at(-1)).toMatchObject({
      kind: 'correction',
      amountCents: 500,
      request: 1,
    });
    expect(h.team().grantedCents).toBe(2800);
  });

  it('books a correction upwards only when the pot and the household cap allow it', () => {
    const h = approved();
    h.say('coco', '/correctie 1 40');
    expect(h.state().ledger.at(-1)).toMatchObject({ kind: 'correction', amountCents: -700 });
    h.texts();
    h.say('coco', '/correctie 1 600');
    expect(h.texts()[0]).toBe(
      'Die correctie past niet: huishouden 12 kan in die periode nog € 460,00 krijgen (maximaal € 500,00).',
    );
  });

  it('reverses a grant in full once, and refuses a second time', () => {
    const h = approved();
    h.say('coco', '/terugboeken 1');
    h.say('coco', '/terugboeken 1');
    expect(h.texts()).toEqual([
      '↩️ #1 teruggeboekt: € 33,00 terug in de pot. Nieuw saldo: € 2.000,00.',
      '#1 is al helemaal teruggeboekt.',
    ]);
    expect(h.team()).toMatchObject({ balanceCents: 200_000, grantedCents: 0 });
  });

  it('refuses corrections from members who are not coordinators', () => {
    const h = approved();
    h.say('anna', '/correctie 1 28');
    h.say('anna', '/terugboeken 1');
    expect(h.texts()).toEqual([
      'Alleen een coördinator kan een correctie boeken. Vraag het aan coco.',
      'Alleen een coördinator kan een toekenning terugboeken. Vraag het aan coco.',
    ]);
  });

  it('keeps the ledger append-only: the database refuses updates and deletes', () => {
    const h = approved();
    expect(() => h.engine.sql.run('UPDATE ledger SET amount_cents = 1')).toThrow(/append-only/);
    expect(() => h.engine.sql.run('DELETE FROM ledger')).toThrow(/append-only/);
  });
});
