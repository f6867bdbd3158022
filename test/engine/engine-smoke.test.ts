import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

describe('a request with three ja votes', () => {
  it('is approved, debited once, and confirmed with the new balance', () => {
    const h = new Harness();
    const req = h.say('anna', 'grofvuil €33 voor huishouden HH-12');
    expect(h.texts()[0]).toContain('Aanvraag #1');
    h.say('bas', 'ja', { replyTo: req });
    h.say('carla', 'ja #1');
    h.react('dirk', req, '👍');
    const texts = h.texts();
    expect(texts.at(-1)).toBe(
      '✅ Aanvraag #1 is toegekend: € 33,00 grofvuil voor huishouden 12. Nieuw saldo: € 1.967,00.',
    );
    expect(h.team()).toMatchObject({ balanceCents: 196_700, reservedCents: 0, grantedCents: 3300 });
    expect(h.state().ledger.filter((l) => l.kind === 'grant')).toHaveLength(1);
  });
});
