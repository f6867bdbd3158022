import { describe, expect, it } from 'vitest';
import { csvCell, overviewsToCsv } from '../../src/overview/export-csv.ts';
import { PREVENTED_NOTE } from '../../src/overview/export-totals.ts';
import { formatCentsDecimal } from '../../src/text/money.ts';
import type { Overview } from '../../src/overview/overview.ts';
import { overviewFor } from '../../src/overview/overview-store.ts';
import { listTeams } from '../../src/store/teams.ts';
import { block, cents, readCsv, records } from './csv-read.ts';
import { exportFixture } from './fixture.ts';

const h = exportFixture();
const now = h.clock.now();
const cycle2 = listTeams(h.engine.sql).map((team) =>
  overviewFor(h.engine.sql, team, { kind: 'cycle', cycle: 2 }, now)!,
);
const [noord, zuid] = cycle2 as [Overview, Overview];

describe('overviewsToCsv: a file Dutch Excel opens right', () => {
  const bytes = overviewsToCsv(cycle2, { households: false });
  const csv = readCsv(bytes);

  it('starts with a UTF-8 BOM, separates with ";" and ends every row with CRLF', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.bom).toBe(true);
    expect(csv.crlf).toBe(true);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(text.split('\r\n')[0]).toBe('Mini-Maatwerk Budget;Overzicht');
    expect(text).toContain('€'); // UTF-8 survives ("boete €95" in the prevented text)
  });

  it('says the prevented costs are the teams’ own estimates, and that household codes are out', () => {
    expect(csv.rows).toContainEqual(['Let op', PREVENTED_NOTE]);
    expect(PREVENTED_NOTE).toMatch(/schatting van het team/);
    expect(csv.rows).toContainEqual(['Huishoudcodes', 'weggelaten']);
    expect(csv.rows).toContainEqual(['Gemaakt op', '30-03-2026', '09:00']);
  });

  it('has one summary row per team and a TOTAL row, with decimal commas and dd-mm-jjjj', () => {
    const summary = records(csv.rows, 'Samenvatting');
    expect(summary.map((r) => r['Team'])).toEqual(['noord', 'zuid', 'TOTAAL']);
    expect(summary[0]).toEqual({
      Team: 'noord',
      Teamnaam: 'Team Noord',
      Ronde: '2',
      Van: '16-02-2026',
      'T/m': '30-03-2026',
      Uitgegeven: '200,00',
      'Toekenningen (bedrag)': '205,00',
      'Correcties eerdere toekenningen': '-5,00',
      Gestort: '250,00',
      'Vervallen restant': '0,00',
      Saldo: '2017,00',
      Gereserveerd: '150,00',
      'Voorkomen (schatting team)': '2250,00',
      'Toekenningen (aantal)': '3',
      Verlopen: '1',
      Geannuleerd: '1',
      'Beslistijd mediaan (min)': '46',
      Stemmers: '5',
      Stemmen: '11',
    });
    expect(summary[2]).toMatchObject({
      Teamnaam: 'Alle teams (2)',
      Uitgegeven: '700,00',
      'Toekenningen (bedrag)': '705,00',
      'Correcties eerdere toekenningen': '-5,00',
      Gestort: '250,00',
      Saldo: '3517,00',
      Gereserveerd: '150,00',
      'Voorkomen (schatting team)': '2400,00',
      'Toekenningen (aantal)': '6',
      Verlopen: '1',
      Geannuleerd: '1',
      'Beslistijd mediaan (min)': '',
      Stemmen: '20',
    });
  });

  it('lists the grants with quoting that survives ";" and quotes, and no household column', () => {
    const grants = records(csv.rows, 'Toekenningen');
    expect(block(csv.rows, 'Toekenningen')[0]).not.toContain('Huishouden');
    expect(grants.map((g) => `${g['Team']} #${g['Nr']} ${g['Datum']} ${g['Bedrag']}`)).toEqual([
      'noord #2 02-03-2026 75,00',
      'noord #3 03-03-2026 130,00',
      'noord #6 10-03-2026 0,00',
      'zuid #1 18-02-2026 50,00',
      'zuid #2 11-03-2026 200,00',
      'zuid #3 12-03-2026 250,00',
      'TOTAAL #  705,00',
    ]);
    expect(grants[1]).toMatchObject({
      Omschrijving: 'huurachterstand "maart"; deel 1',
      Categorie: 'wonen',
      'Voorkomen (schatting team)': '2000,00',
      'Wat het voorkomt': 'ontruiming €2.000',
      Tijd: '09:46',
    });
    expect(new TextDecoder().decode(bytes)).toContain('"huurachterstand ""maart""; deel 1"');
    expect(grants[6]).toMatchObject({ 'Voorkomen (schatting team)': '2400,00' });
  });

  it('totals the categories per team and over all teams', () => {
    const categories = records(csv.rows, 'Per categorie');
    expect(categories.filter((c) => c['Team'] === 'TOTAAL')).toEqual([
      {
        Team: 'TOTAAL',
        Categorie: 'wonen',
        Toekenningen: '2',
        Bedrag: '380,00',
        'Voorkomen (schatting team)': '2000,00',
      },
      {
        Team: 'TOTAAL',
        Categorie: 'energie',
        Toekenningen: '1',
        Bedrag: '200,00',
        'Voorkomen (schatting team)': '0,00',
      },
      {
        Team: 'TOTAAL',
        Categorie: 'levensonderhoud',
        Toekenningen: '2',
        Bedrag: '125,00',
        'Voorkomen (schatting team)': '400,00',
      },
      {
        Team: 'TOTAAL',
        Categorie: 'vervoer',
        Toekenningen: '1',
        Bedrag: '0,00',
        'Voorkomen (schatting team)': '0,00',
      },
    ]);
    expect(records(csv.rows, 'Niet doorgegaan')).toEqual([
      {
        Team: 'noord',
        Status: 'verlopen',
        Datum: '05-03-2026',
        Tijd: '10:00',
        Nr: '4',
        Omschrijving: 'fietsreparatie',
        Bedrag: '45,00',
      },
      {
        Team: 'noord',
        Status: 'geannuleerd',
        Datum: '05-03-2026',
        Tijd: '11:00',
        Nr: '5',
        Omschrijving: 'schoolreis',
        Bedrag: '60,00',
      },
    ]);
    expect(() => block(csv.rows, 'Bijna aan het maximum')).toThrow();
  });

  it('agrees with the ledger to the cent', () => {
    const ledger = h.state().ledger;
    const summary = records(csv.rows, 'Samenvatting');
    const grants = records(csv.rows, 'Toekenningen');
    for (const o of cycle2) {
      const row = summary.find((r) => r['Team'] === o.teamId)!;
      const entries = ledger.filter((l) => l.team === o.teamId);
      const inRange = entries.filter((l) => l.at >= o.from && l.at < o.to);
      const spent = -inRange
        .filter((l) => l.request !== null)
        .reduce((sum, l) => sum + l.amountCents, 0);
      expect(cents(row['Uitgegeven'])).toBe(spent);
      const deposited = inRange
        .filter((l) => l.kind === 'deposit')
        .reduce((sum, l) => sum + l.amountCents, 0);
      expect(cents(row['Gestort'])).toBe(deposited);
      const balance = entries.filter((l) => l.at < o.to).reduce((sum, l) => sum + l.amountCents, 0);
      expect(cents(row['Saldo'])).toBe(balance);
      const granted = grants
        .filter((g) => g['Team'] === o.teamId)
        .reduce((sum, g) => sum + cents(g['Bedrag']), 0);
      expect(cents(row['Toekenningen (bedrag)'])).toBe(granted);
      expect(granted + cents(row['Correcties eerdere toekenningen'])).toBe(spent);
    }
    const total = summary.find((r) => r['Team'] === 'TOTAAL')!;
    for (const column of ['Uitgegeven', 'Saldo', 'Gestort', 'Voorkomen (schatting team)']) {
      expect(cents(total[column])).toBe(
        summary.filter((r) => r['Team'] !== 'TOTAAL').reduce((s, r) => s + cents(r[column]), 0),
      );
    }
  });
});

describe('overviewsToCsv with household codes ("met huishoudens")', () => {
  const csv = readCsv(overviewsToCsv(cycle2, { households: true }));

  it('adds the household column, and the households near their cap', () => {
    expect(csv.rows).toContainEqual(['Huishoudcodes', 'opgenomen (alleen voor intern gebruik)']);
    expect(records(csv.rows, 'Toekenningen').map((g) => g['Huishouden'])).toEqual([
      '7',
      '3',
      '5',
      '1',
      '2',
      '2',
      '',
    ]);
    expect(records(csv.rows, 'Niet doorgegaan').map((r) => r['Huishouden'])).toEqual(['12', '9']);
    expect(records(csv.rows, 'Bijna aan het maximum')).toEqual([
      { Team: 'zuid', Huishouden: '2', Gebruikt: '450,00', Maximum: '500,00' },
    ]);
  });
});

describe('overviewsToCsv for one team', () => {
  it('has no TOTAL rows per team or category, only the grants’ total', () => {
    const csv = readCsv(overviewsToCsv([zuid], { households: false }));
    expect(records(csv.rows, 'Samenvatting').map((r) => r['Team'])).toEqual(['zuid']);
    expect(records(csv.rows, 'Per categorie').some((r) => r['Team'] === 'TOTAAL')).toBe(false);
    expect(records(csv.rows, 'Toekenningen').at(-1)).toMatchObject({
      Team: 'TOTAAL',
      Omschrijving: '3 toekenningen',
      Bedrag: '500,00',
    });
    expect(noord.teamId).toBe('noord');
  });
});

describe('CSV cells', () => {
  it('quotes ";", quotes and line breaks, and keeps free text from being read as a formula', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('zeg "ja"')).toBe('"zeg ""ja"""');
    expect(csvCell('twee\nregels')).toBe('"twee\nregels"');
    expect(csvCell(' rand')).toBe('" rand"');
    expect(csvCell('gewoon')).toBe('gewoon');
    const tricky: Overview = {
      ...zuid,
      grants: [
        {
          ...zuid.grants[0]!,
          description: '=HYPERLINK("http://x";"klik")\r\nregel 2',
          preventedText: '+31 boete',
        },
      ],
    };
    const csv = readCsv(overviewsToCsv([tricky], { households: false }));
    expect(csv.crlf).toBe(true);
    const grant = records(csv.rows, 'Toekenningen')[0]!;
    expect(grant['Omschrijving']).toBe('\'=HYPERLINK("http://x";"klik")\r\nregel 2');
    expect(grant['Wat het voorkomt']).toBe("'+31 boete");
  });

  it('writes amounts as plain decimal-comma numbers', () => {
    expect(formatCentsDecimal(196700)).toBe('1967,00');
    expect(formatCentsDecimal(-500)).toBe('-5,00');
    expect(formatCentsDecimal(5)).toBe('0,05');
    expect(formatCentsDecimal(123456789)).toBe('1234567,89');
    expect(() => formatCentsDecimal(1.5)).toThrow(RangeError);
  });
});
