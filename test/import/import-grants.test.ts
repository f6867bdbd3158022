import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeOverview } from '../../src/overview/overview.ts';
import { openDatabase } from '../../src/store/database.ts';
import { findTeam } from '../../src/store/teams.ts';
import { decodeSheet } from '../../src/text/csv.ts';
import { readGrantSheet } from '../../src/import/grant-sheet.ts';
import { Harness } from '../support/harness.ts';
import { NOORD_CONFIG } from '../support/team-noord.ts';
import { useImportCli } from './import-cli.ts';

const NOW = new Date('2026-06-01T10:00:00+02:00');

/** Windows-1252 bytes of a text (ASCII, €, é, ë are all the tests need). */
function cp1252(text: string): Uint8Array {
  const extra: Record<string, number> = { '€': 0x80, é: 0xe9, ë: 0xeb };
  return Uint8Array.from([...text].map((ch) => extra[ch] ?? ch.charCodeAt(0)));
}
const utf8 = (text: string, bom = false) =>
  Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, 'utf8')]);

/** The same five grants as Dutch Excel, LibreOffice and Google Sheets save them. */
const EXCEL_NL =
  'Datum;Bedrag;Huishouden;Omschrijving;Voorkomt\r\n' +
  '02-02-2026;€ 33,00;HH-12;grofvuil;boete € 95,00\r\n' +
  '5-2-26;75,-;hh 7;pinpas leefgeld;\r\n' +
  '10-03-2026;€ 1.250,00;HH-3;"huur; achterstand ""maart""\r\nen april";\r\n' +
  '12-03-2026;€ 120,50;012;schoolspullen café;\r\n';

const LIBREOFFICE =
  'datum,bedrag,huishouden,omschrijving\n' +
  '02-02-2026,"33,00",HH-12,grofvuil\n' +
  '05-02-2026,75,hh 7,pinpas leefgeld\n' +
  '10-03-2026,"1.250,00",HH-3,"huur, achterstand"\n' +
  '12-03-2026,"120,50",012,schoolspullen café\n';

const SHEETS_EN =
  'Date,Amount,Household,Description\r\n' +
  '2/2/2026,33.00,HH-12,grofvuil\r\n' +
  '2/5/2026,75,hh 7,pinpas leefgeld\r\n' +
  '3/10/2026,"€1,250.00",HH-3,"huur, achterstand"\r\n' +
  '3/12/2026,120.5,012,schoolspullen café\r\n' +
  '3/15/2026,10,HH-3,bus\r\n';

describe('reading the sheet as each program saves it', () => {
  const cases: [string, Uint8Array, string][] = [
    ['Excel-NL, Windows-1252, no BOM', cp1252(EXCEL_NL), 'windows-1252'],
    ['Excel-NL, UTF-8 with BOM', utf8(EXCEL_NL, true), 'utf-8'],
    ['Excel-NL, UTF-8 without BOM', utf8(EXCEL_NL), 'utf-8'],
    ['LibreOffice (, and quoted decimal commas)', utf8(LIBREOFFICE), 'utf-8'],
  ];
  it.each(cases)('%s', (_name, bytes, encoding) => {
    const decoded = decodeSheet(bytes);
    expect(decoded.ok && decoded.encoding).toBe(encoding);
    if (!decoded.ok) return;
    const sheet = readGrantSheet(decoded.text, { now: NOW });
    if (!sheet.ok) throw new Error(sheet.problem);
    expect(sheet.rows.map((r) => [r.date, r.cents, r.household, r.problems])).toEqual([
      ['2026-02-02', 3300, '12', []],
      ['2026-02-05', 7500, '7', []],
      ['2026-03-10', 125000, '3', []],
      ['2026-03-12', 12050, '12', []],
    ]);
    expect(sheet.rows[3]!.description).toBe('schoolspullen café');
  });

  it('keeps a quoted field with the separator, doubled quotes and a line break; lines count', () => {
    const sheet = readGrantSheet(EXCEL_NL, { now: NOW });
    if (!sheet.ok) throw new Error(sheet.problem);
    expect(sheet.rows[0]!.preventedCents).toBe(9500);
    expect(sheet.rows[2]!.description).toBe('huur; achterstand "maart" en april');
    expect(sheet.rows.map((r) => r.line)).toEqual([2, 3, 4, 6]);
  });

  it('Google Sheets in English: , with a decimal point, month-first dates told by 3/15', () => {
    const sheet = readGrantSheet(SHEETS_EN, { now: NOW });
    if (!sheet.ok) throw new Error(sheet.problem);
    expect(sheet.rows.map((r) => [r.date, r.cents, r.household])).toEqual([
      ['2026-02-02', 3300, '12'],
      ['2026-02-05', 7500, '7'],
      ['2026-03-10', 125000, '3'],
      ['2026-03-12', 12050, '12'],
      ['2026-03-15', 1000, '3'],
    ]);
  });

  it('a slash date that can be either way in a , file is asked, not guessed', () => {
    const sheet = readGrantSheet('date,amount,household\n3/2/2026,10,12\n', { now: NOW });
    expect(sheet.ok && sheet.rows[0]!.problems[0]).toMatch(/dag-maand of maand-dag/);
  });

  it('a name, personal data, a minus sign and an unreadable amount are reasons, in Dutch', () => {
    const sheet = readGrantSheet(
      'datum;bedrag;huishouden;omschrijving\n' +
        '1-3-2026;33;Jansen;grofvuil\n' +
        '1-3-2026;33;12;bel 06-12345678\n' +
        '1-3-2026;-33;12;grofvuil\n' +
        '1-3-2026;1 250;12;grofvuil\n',
      { now: NOW },
    );
    if (!sheet.ok) throw new Error(sheet.problem);
    expect(sheet.rows.map((r) => r.problems.join(' | '))).toEqual([
      expect.stringMatching(/een naam .* in plaats van een huishoudcode/),
      expect.stringMatching(/kolom omschrijving: lijkt een telefoonnummer \(niet getoond\)/),
      expect.stringMatching(/minteken/),
      expect.stringMatching(/niet zeker te lezen/),
    ]);
  });
});

describe('mmb import grants on the bot database', () => {
  const cli = useImportCli('mmb-import-');
  const { write, mmb, state } = cli;

  it('a dry run shows every row and writes nothing (the database bytes are unchanged)', async () => {
    const file = write('toekenningen.csv', cp1252(EXCEL_NL));
    const before = readFileSync(cli.dbPath);
    expect(await mmb('import', 'grants', file, '--team', 'noord')).toBe(0);
    const text = cli.out.join('\n');
    expect(text).toMatch(/proef: er is niets geboekt/);
    expect(text).toMatch(/regel {3}2 {2}02-02-2026 {2}\s*€ 33,00 {2}hh 12\s+wonen\s+grofvuil/);
    expect(text).toMatch(
      /regel {3}4 .*€ 1\.250,00.*\n.*past niet: boven het maximum per huishouden/,
    );
    expect(text).toMatch(/hh 12 \(2026\): € 153,50 van € 500,00/);
    expect(text).toMatch(/Saldo: € 2\.000,00 → € 1\.771,50/);
    expect(text).toMatch(/--apply weigert het bestand zolang er regels niet passen/);
    expect(readFileSync(cli.dbPath).equals(before)).toBe(true);
  });

  it('--apply refuses a file with a bad row, and writes nothing', async () => {
    const file = write('toekenningen.csv', cp1252(EXCEL_NL));
    const before = readFileSync(cli.dbPath);
    expect(await mmb('import', 'grants', file, '--team', 'noord', '--apply')).toBe(2);
    expect(cli.out.join('\n')).toMatch(/Niets geboekt/);
    expect(readFileSync(cli.dbPath).equals(before)).toBe(true);
  });

  it('--apply --skip-bad books the rows that fit; state shows them; the cap then counts them; a re-import books nothing', async () => {
    const file = write('toekenningen.csv', utf8(EXCEL_NL, true));
    expect(await mmb('import', 'grants', file, '--team', 'noord', '--apply', '--skip-bad')).toBe(0);
    expect(cli.out.join('\n')).toMatch(/Geboekt, in één keer: 3 toekenningen \(#1–#3\)/);

    const snapshot = await state();
    expect(snapshot.requests.map((r) => [r.number, r.household, r.amountCents, r.status])).toEqual([
      [1, '12', 3300, 'approved'],
      [2, '7', 7500, 'approved'],
      [3, '12', 12050, 'approved'],
    ]);
    expect(snapshot.ledger.filter((l) => l.kind === 'grant').map((l) => l.amountCents)).toEqual([
      -3300, -7500, -12050,
    ]);
    expect(snapshot.teams[0]).toMatchObject({ balanceCents: 177150, grantedCents: 22850 });

    // The same file again: every row recognised, nothing booked twice.
    expect(await mmb('import', 'grants', file, '--team', 'noord', '--apply', '--skip-bad')).toBe(0);
    expect(cli.out.join('\n')).toMatch(/al geïmporteerd \(toekenningen\.csv regel 2/);
    expect((await state()).requests).toHaveLength(3);

    // Live: household 12 has € 153,50; € 400 more is over the cap of € 500.
    const h = new Harness(NOORD_CONFIG, '2026-06-02T09:00:00+02:00', {
      db: openDatabase(cli.dbPath),
    });
    // Overviews count the imported grants, but they were never voted on here: no decision time.
    const range = { from: new Date('2026-01-01'), to: new Date('2026-06-02'), cycle: null };
    const overview = computeOverview(
      h.engine.sql,
      findTeam(h.engine.sql, 'noord')!,
      range,
      range.to,
    );
    expect(overview.grants.map((g) => g.amountCents)).toEqual([3300, 7500, 12050]);
    expect(overview.medianDecisionMinutes).toBeNull();
    h.say('anna', 'verhuizing €400 voor huishouden 12');
    expect(h.texts().join('\n')).toMatch(/346,50/);
    expect(h.state().requests).toHaveLength(3);
    h.say('anna', 'verhuizing €346,50 voor huishouden 12');
    expect(h.state().requests).toHaveLength(4);
    h.db.close();
  });

  it('deposits from a second file; a deposit as large as the pot is flagged', async () => {
    const grants = write('g.csv', 'datum;bedrag;huishouden;omschrijving\n1-3-2026;50;4;fiets\n');
    const deposits = write(
      's.csv',
      'datum;bedrag;omschrijving\n15-2-2026;250;extra\n5-1-2026;2000;budget\n',
    );
    expect(
      await mmb('import', 'grants', grants, '--team', 'noord', '--deposits', deposits, '--apply'),
    ).toBe(0);
    expect(cli.out.join('\n')).toMatch(/twijfel: even groot als het budget van de periode/);
    const snapshot = await state();
    expect(snapshot.teams[0]!.balanceCents).toBe(200000 + 25000 + 200000 - 5000);
  });

  it('Google Sheets and LibreOffice files book the same', async () => {
    const google = write('google.csv', SHEETS_EN);
    expect(await mmb('import', 'grants', google, '--team', 'noord', '--apply', '--skip-bad')).toBe(
      0,
    );
    const libre = write('libre.csv', LIBREOFFICE);
    // The same grants from another file with the same content are recognised too.
    expect(await mmb('import', 'grants', libre, '--team', 'noord', '--apply', '--skip-bad')).toBe(
      0,
    );
    expect(cli.out.join('\n')).toMatch(/al geïmporteerd \(google\.csv regel 2/);
    expect((await state()).requests.map((r) => r.amountCents)).toEqual([3300, 7500, 12050, 1000]);
  });

  it('a row before the team started is refused with the reason', async () => {
    const file = write('oud.csv', 'datum;bedrag;huishouden\n20-12-2025;33;12\n');
    expect(await mmb('import', 'grants', file, '--team', 'noord')).toBe(0);
    expect(cli.out.join('\n')).toMatch(
      /regel {3}2 .*\n.*past niet: vóór de start van het team \(5 jan 2026\)/,
    );
  });

  it('an unknown team, a missing file, an .xlsx: a Dutch error, exit 2, nothing written', async () => {
    const before = readFileSync(cli.dbPath);
    const file = write('t.csv', 'datum;bedrag;huishouden\n1-3-2026;33;12\n');
    expect(await mmb('import', 'grants', file, '--team', 'zuid')).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/--team "zuid": dat team staat niet in de database/);
    expect(await mmb('import', 'grants', join(cli.dir, 'weg.csv'), '--team', 'noord')).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/bestaat niet/);
    const xlsx = write('t.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(await mmb('import', 'grants', xlsx, '--team', 'noord', '--apply')).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/werkmap .* geen CSV/);
    const notes = write('notes.csv', 'boodschappenlijst\nmelk\n');
    expect(await mmb('import', 'grants', notes, '--team', 'noord', '--apply')).toBe(2);
    expect(cli.errors.join('\n')).toMatch(/lijkt geen CSV met toekenningen/);
    expect(readFileSync(cli.dbPath).equals(before)).toBe(true);
  });
});
