import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { normalizeHousehold } from '../../src/text/household.ts';
import { migrate, readMigrations } from '../../src/store/migrate.ts';
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

  it('asks instead of guessing an amount it cannot read with certainty, and books nothing', () => {
    const h = new Harness();
    const asked = [
      ['grofvuil €1 250 hh 12', "Ik weet niet zeker welk bedrag je bedoelt met '€1 250'."],
      ['fiets €12 50 hh 8', "Ik weet niet zeker welk bedrag je bedoelt met '€12 50'."],
      ['borg €1e3 hh 12', "Ik weet niet zeker welk bedrag je bedoelt met '€1e3'."],
      ['borg € 20k hh 12', "Ik weet niet zeker welk bedrag je bedoelt met '€ 20k'."],
      ['bus -€20 hh 12', "Een aanvraag kan niet negatief zijn, en ik zie een minteken in '-€20'."],
      [
        'bus − €20 hh 12',
        "Een aanvraag kan niet negatief zijn, en ik zie een minteken in '− €20'.",
      ],
      ['€ 20 en € 30 hh 12', 'Ik weet niet zeker welk bedrag je bedoelt: € 20 of € 30.'],
      [
        'bus € 20 en eten € 20 hh 12',
        'Ik zie € 20 twee keer en weet niet of het één bedrag is of meer.',
      ],
      [
        '/aanvraag €20 bus en 30 euro eten hh 3',
        'Ik weet niet zeker welk bedrag je bedoelt: €20 of 30 euro.',
      ],
      ['€ 20 hh 12 en € 300 hh 13', 'Ik zie meer dan één huishouden: hh 12 en hh 13.'],
      ['€ 20 hh 12.0', "Ik weet niet zeker welk huishouden je bedoelt met 'hh 12.0'."],
    ] as const;
    for (const [message, question] of asked) {
      h.say('anna', message);
      const replies = h.texts();
      expect(replies, message).toHaveLength(1);
      expect(replies[0], message).toContain(question);
    }
    expect(h.state().requests).toEqual([]);
    expect(h.team()).toMatchObject({ balanceCents: 200_000, reservedCents: 0 });
  });

  it('says how to write it: one sentence for what was read, one for what to do', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €1 250 hh 12');
    h.say('anna', 'bus -€20 hh 12');
    h.say('anna', '€ 20 en € 30 hh 12');
    h.say('anna', 'bus € 20 en eten € 20 hh 12');
    h.say('anna', '€ 20 hh 12 en € 300 hh 13');
    h.say('anna', '€ 20 hh 12.0');
    expect(h.texts()).toEqual([
      "Ik weet niet zeker welk bedrag je bedoelt met '€1 250'. Schrijf het als één getal zonder spatie of letter, bijvoorbeeld €1.250 of €12,50.",
      "Een aanvraag kan niet negatief zijn, en ik zie een minteken in '-€20'. Schrijf het bedrag zonder min, bijvoorbeeld 'grofvuil €33 hh 12'; geld terug in de pot boekt een coördinator met /correctie.",
      "Ik weet niet zeker welk bedrag je bedoelt: € 20 of € 30. Noem één bedrag met € ervoor, bijvoorbeeld 'grofvuil €33 hh 12'; wat de aanvraag voorkomt mag na 'voorkomt'.",
      "Ik zie € 20 twee keer en weet niet of het één bedrag is of meer. Noem het totaal één keer met € ervoor, bijvoorbeeld 'bus en eten €40 hh 12'.",
      "Ik zie meer dan één huishouden: hh 12 en hh 13. Plaats één aanvraag per huishouden, bijvoorbeeld 'grofvuil €33 hh 12'.",
      "Ik weet niet zeker welk huishouden je bedoelt met 'hh 12.0'. Schrijf de code zonder punt tussen de cijfers, bijvoorbeeld 'hh 12'.",
    ]);
  });

  it('takes the amount marked with € over a bare number in /aanvraag', () => {
    const h = new Harness();
    h.say('anna', '/aanvraag 2 matrassen €150 hh 7');
    expect(h.state().requests.map((r) => [r.household, r.amountCents, r.description])).toEqual([
      ['7', 15_000, '2 matrassen'],
    ]);
  });

  it('keeps the prevented cost after voorkomt apart from the amount', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 hh 12 voorkomt: boete €95');
    expect(h.state().requests.map((r) => r.amountCents)).toEqual([3300]);
  });
});

describe('rule 2 and 4: household codes compare without leading zeros', () => {
  const capTeam = {
    teams: [{ id: 'noord', chats: ['noord'], householdCapCents: 50_000, startDate: '2026-01-05' }],
  };

  it('counts hh 01 and hh 1 against one cap', () => {
    const h = new Harness(capTeam);
    h.say('anna', 'huur €300 hh 01');
    h.say('bas', 'huur €300 hh 1');
    h.say('carla', 'huur €300 huishouden HH-001');
    const [, second, third] = h.texts();
    expect(second).toBe(
      'Die aanvraag past niet: huishouden 1 kan deze periode nog € 200,00 krijgen (maximaal € 500,00). Vraag hooguit € 200,00.',
    );
    expect(third).toBe(second);
    expect(h.state().requests.map((r) => [r.household, r.amountCents])).toEqual([['1', 30_000]]);
  });

  it('/huishouden reads the code the same way', () => {
    const h = new Harness(capTeam);
    h.say('anna', 'huur €300 hh 012');
    h.texts();
    h.say('anna', '/huishouden 12');
    h.say('anna', '/huishouden HH-0012');
    const [plain, zeros] = h.texts();
    expect(plain).toContain('open € 300,00');
    expect(zeros).toBe(plain);
  });

  it('/huishouden does not guess a code with a dot between digits', () => {
    const h = new Harness(capTeam);
    h.say('anna', '/huishouden 12.0');
    expect(h.texts()).toEqual([
      "Ik weet niet zeker welk huishouden je bedoelt met '12.0'. Schrijf de code zonder punt tussen de cijfers, bijvoorbeeld /huishouden 12.",
    ]);
  });

  it('migration 005 rewrites codes stored with leading zeros before this rule, so they count', () => {
    const h = new Harness(capTeam);
    h.say('anna', 'huur €300 hh 12');
    h.say('bas', 'bed €150 hh 7');
    // A database from before: the codes as they were stored then, migration 005 not applied.
    h.db.prepare("UPDATE requests SET household = '012' WHERE household = '12'").run();
    h.db.prepare("UPDATE requests SET household = '007' WHERE household = '7'").run();
    h.db.prepare('DELETE FROM schema_migrations WHERE version = 5').run();
    expect(migrate(h.db)).toBe(1);
    expect(h.state().requests.map((r) => r.household)).toEqual(['12', '7']);
    h.texts();
    h.say('carla', 'huur €300 hh 12');
    expect(h.texts()[0]).toContain('huishouden 12 kan deze periode nog € 200,00 krijgen');
  });
});

describe('migration 005', () => {
  it('rewrites stored codes exactly as the parser now reads them', () => {
    // Codes in other scripts ('0٣') are read as ASCII since cleanText normalises digits (rule 2);
    // migration 005 only ever rewrote ASCII zeros, so they are checked below, apart.
    const codes = ['012', '007B', '0012', '000', '00A', '0A', '0', 'A012', '12', '10'];
    const db = new Database(':memory:');
    db.exec('CREATE TABLE requests (id INTEGER PRIMARY KEY, household TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO requests (household) VALUES (?)');
    for (const code of codes) insert.run(code);
    db.exec(readMigrations().find((m) => m.version === 5)!.sql);
    const stored = db.prepare('SELECT household FROM requests ORDER BY id').pluck().all();
    expect(stored).toEqual(codes.map((code) => normalizeHousehold(code)));
    db.close();
  });

  it('reads a code typed in other-script digits as the plain ASCII code (0٣ is 3)', () => {
    expect(normalizeHousehold('0٣')).toBe('3');
    expect(normalizeHousehold('３４')).toBe('34');
  });
});

describe('rule 2 in coordinator commands: an amount that is not certain is refused', () => {
  it('refuses /storten with a space, a letter or a minus sign in the amount, and books nothing', () => {
    const h = new Harness();
    h.say('coco', '/storten € 1 250');
    h.say('coco', '/storten 1 250 subsidie');
    h.say('coco', '/storten 20k');
    h.say('coco', '/storten -50');
    h.say('coco', '/storten − € 50');
    expect(h.texts()).toEqual([
      'Ik weet niet zeker welk bedrag je bedoelt: er staat een spatie, streepje of letter in het getal. Schrijf het als één getal, zoals 1.250 of 12,50. Bijvoorbeeld: /storten 500',
      'Ik weet niet zeker welk bedrag je bedoelt: er staat een spatie, streepje of letter in het getal. Schrijf het als één getal, zoals 1.250 of 12,50. Bijvoorbeeld: /storten 500',
      'Ik weet niet zeker welk bedrag je bedoelt: er staat een spatie, streepje of letter in het getal. Schrijf het als één getal, zoals 1.250 of 12,50. Bijvoorbeeld: /storten 500',
      'Een bedrag met een minteken kan ik niet boeken: typ het bedrag zonder min. Bijvoorbeeld: /storten 500',
      'Een bedrag met een minteken kan ik niet boeken: typ het bedrag zonder min. Bijvoorbeeld: /storten 500',
    ]);
    expect(h.team().balanceCents).toBe(200_000);
    h.say('coco', '/storten 1.250 subsidie 2026');
    expect(h.team().balanceCents).toBe(325_000);
  });

  it('refuses /correctie with an amount that is not certain, and books nothing', () => {
    const h = new Harness();
    h.say('anna', 'grofvuil €33 hh 12');
    for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
    h.texts();
    const ledger = h.state().ledger.length;
    h.say('coco', '/correctie 1 28 50');
    h.say('coco', '/correctie 1 -28');
    expect(h.texts()).toEqual([
      'Ik weet niet zeker welk bedrag je bedoelt: er staat een spatie, streepje of letter in het getal. Schrijf het als één getal, zoals 1.250 of 12,50. Bijvoorbeeld: /correctie 1 28,00',
      'Een bedrag met een minteken kan ik niet boeken: typ het bedrag zonder min. Bijvoorbeeld: /correctie 1 28,00',
    ]);
    expect(h.state().ledger).toHaveLength(ledger);
  });
});
