import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

describe('rule 11: privacy', () => {
  it('warns in the group and stores the request with the personal data masked', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 voor huishouden 12, bel 06-12345678 of mail jan@example.nl');
    const texts = h.texts();
    expect(texts[0]).toBe(
      '🔒 Let op: dit bericht lijkt een telefoonnummer en een e-mailadres te bevatten. Dat sla ik niet op. Haal het bericht liever weg en gebruik alleen de huishoudcode.',
    );
    expect(texts[1]).toContain('Aanvraag #1');
    const description = h.request(1).description;
    expect(description).not.toContain('12345678');
    expect(description).not.toContain('jan@example.nl');
    expect(description).toContain('[telefoon]');
  });

  it('warns about a BSN only when it passes the eleven-check', () => {
    const h = new Harness();
    h.say('anna', 'bsn 111222333 klopt dat?');
    expect(h.texts()[0]).toContain('een BSN');
    h.say('anna', 'nummer 111222334 klopt dat?');
    expect(h.texts()).toEqual([]);
  });

  it('warns about an IBAN, an address and a date of birth', () => {
    const h = new Harness();
    h.say('anna', 'NL91 ABNA 0417 1643 00, 7551 AB 12, geboren 12-03-1985');
    expect(h.texts()[0]).toContain('een IBAN, een adres en een geboortedatum');
  });

  it('never writes the masked parts to the database', () => {
    const h = new Harness();
    h.say('anna', 'pinpas €75 hh 7 voor mevrouw, geb. 1-2-1960, NL91ABNA0417164300');
    const dump =
      JSON.stringify(h.engine.sql.all('SELECT * FROM requests')) +
      JSON.stringify(h.engine.sql.all('SELECT * FROM outbox'));
    expect(dump).not.toContain('1960');
    expect(dump).not.toContain('0417164300');
  });

  it('masks a BSN with zero-width spaces between its digits everywhere it could end up', () => {
    const h = new Harness();
    h.say('anna', 'boodschappen €20 hh 4 BSN 123\u200B456\u200B782');
    const texts = h.texts();
    expect(texts[0]).toContain('een BSN');
    expect(texts[1]).toContain('Aanvraag #1: € 20,00 boodschappen BSN [BSN] voor huishouden 4');
    const dump = JSON.stringify(h.engine.sql.all('SELECT * FROM requests')) + texts.join(' ');
    expect(dump.replace(/[^0-9]/g, '')).not.toContain('123456782');
  });

  it('shows a mask whole in the description, and keeps brackets balanced', () => {
    const h = new Harness();
    h.say('anna', 'boodschappen €20 hh 4, BSN 123456782');
    expect(h.request(1).description).toBe('boodschappen BSN [BSN]');
    h.say('anna', 'boodschappen €20 hh 5 (week 3)');
    expect(h.request(2).description).toBe('boodschappen (week 3)');
    expect(h.texts().join('\n')).toContain('€ 20,00 boodschappen BSN [BSN] voor huishouden 4');
  });

  it('warns about a name with a form of address and asks for a household code', () => {
    const h = new Harness();
    h.say('anna', 'leefgeld 50 euro voor mevrouw Jansen');
    expect(h.texts()).toEqual([
      '🔒 Let op: dit bericht lijkt een naam te bevatten. Dat sla ik niet op. Haal het bericht liever weg en gebruik alleen de huishoudcode.',
      "Gebruik een huishoudcode, geen naam (privacy). Bijvoorbeeld: 'grofvuil €33 voor huishouden 12'.",
    ]);
    expect(h.state().requests).toEqual([]);
  });

  it('masks a name next to a household code and books the request without it', () => {
    const h = new Harness();
    h.say('anna', 'pinpas €75 voor dhr. De Graaf hh 7');
    expect(h.texts()[0]).toContain('een naam');
    expect(h.request(1).description).toBe('pinpas voor dhr. [naam]');
    expect(JSON.stringify(h.engine.sql.all('SELECT * FROM outbox'))).not.toContain('Graaf');
  });

  it('reads a postcode with house number after a household keyword as an address, not a code', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 hh 1234 AB 12');
    expect(h.texts()).toEqual([
      '🔒 Let op: dit bericht lijkt een adres te bevatten. Dat sla ik niet op. Haal het bericht liever weg en gebruik alleen de huishoudcode.',
      "Ik zie een bedrag maar geen huishoudcode. Zet er bijvoorbeeld 'huishouden 12' bij, dan plaats ik de aanvraag.",
    ]);
    expect(h.state().requests).toEqual([]);
  });

  it('removes control characters before anything is stored or echoed', () => {
    const h = new Harness();
    h.say('anna', 'grof\u0000vuil\u001B €33 hh 12 \u0085zak\u0007ken\u009B');
    expect(h.request(1).description).toBe('grofvuil zakken');
    const stored = h.engine.sql
      .all<Record<string, unknown>>('SELECT * FROM requests')
      .flatMap((row) => Object.values(row))
      .join('\n');
    const out = h.texts().join('\n');
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
    expect(control.test(stored)).toBe(false);
    expect(control.test(out)).toBe(false);
  });
});
