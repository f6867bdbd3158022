import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';

const approve = (h: Harness, number: number) => {
  for (const who of ['v1', 'v2', 'v3']) h.say(who, `ja #${number}`);
};

describe('rule 4: the household cap', () => {
  it('allows a household exactly up to € 500 and refuses one cent more, saying what is left', () => {
    const h = new Harness();
    h.say('anna', 'huur €300 huishouden 12');
    approve(h, 1);
    h.say('anna', 'energie €200 HH-12');
    h.texts();
    h.say('anna', 'bus €0,01 hh12');
    expect(h.texts()).toEqual([
      'Die aanvraag past niet: huishouden 12 heeft het maximum van € 500,00 voor deze periode al (toegekend of open). Zoek samen een andere oplossing.',
    ]);
    expect(h.state().requests.map((r) => r.amountCents)).toEqual([30_000, 20_000]);
  });

  it('counts open requests against the cap and names the remaining amount', () => {
    const h = new Harness();
    h.say('anna', 'huur €450 huishouden 4');
    h.say('bas', 'fiets €60 gezin 4');
    expect(h.texts()[1]).toBe(
      'Die aanvraag past niet: huishouden 4 kan deze periode nog € 50,00 krijgen (maximaal € 500,00). Vraag hooguit € 50,00.',
    );
  });

  it('treats huishouden 12, hh 12, HH-12, hh12 and huishouden HH-12 as one household', () => {
    const h = new Harness();
    const spellings = ['huishouden 12', 'hh 12', 'HH-12', 'hh12', 'huishouden HH-12'];
    spellings.forEach((code) => h.say('anna', `boodschappen €100 ${code}`));
    h.say('anna', 'boodschappen €1 Huishouden 12');
    const texts = h.texts();
    expect(texts.filter((t) => t.startsWith('📝'))).toHaveLength(5);
    expect(texts.at(-1)).toContain('huishouden 12 heeft het maximum');
  });

  it('frees cap room when a request expires or is cancelled', () => {
    const h = new Harness();
    h.say('anna', 'huur €500 hh 9');
    h.say('anna', '/annuleer 1');
    h.say('anna', 'huur €500 hh 9');
    expect(h.state().requests.map((r) => r.status)).toEqual(['cancelled', 'open']);
  });

  it('starts every household afresh in a new budget period', () => {
    const h = new Harness(undefined, '2026-12-30T10:00:00+01:00');
    h.say('anna', 'huur €500 hh 9');
    approve(h, 1);
    h.at('2027-01-04T10:00:00+01:00');
    h.texts();
    h.say('anna', 'huur €500 hh 9');
    expect(h.texts()[0]).toContain('Aanvraag #2');
  });
});
