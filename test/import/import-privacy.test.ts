import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readGrantSheet } from '../../src/import/grant-sheet.ts';
import { maskImportText } from '../../src/text/import-privacy.ts';
import { readWhatsAppExport } from '../../src/import/whatsapp-export.ts';
import { keyOf, secret } from '../support/personal-data.ts';
import { useImportCli } from './import-cli.ts';

/*
 * docs/rules.md rule 11 for both imports: they mask before they preview, store or judge. The
 * WhatsApp import counts what it masked as a doubt; the grants import never prints the personal
 * data of a refused row, but names its column and kind.
 */

const NOW = new Date('2026-06-01T10:00:00+02:00');
const SECRETS = {
  bsn: '111222333',
  iban: 'NL91ABNA0417164300',
  phone: '0612345678',
  email: 'jan.devries@voorbeeld.nl',
};
const noSecretIn = (text: string) => {
  for (const value of Object.values(SECRETS)) expect(keyOf(text)).not.toContain(keyOf(value));
};

/** The database's bytes, its write-ahead log included. */
const dbBytes = (path: string) =>
  Buffer.concat([path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p))).toString(
    'latin1',
  );

describe('rule 11: mmb import whatsapp masks every message before it reads it', () => {
  const cli = useImportCli('mmb-import-privacy-wa-');

  const CHAT = [
    '03-02-2026 10:02 - Anna: Grofvuil €33 voor huishouden HH-12',
    `bsn ${SECRETS.bsn}, bel ${SECRETS.phone}`,
    `${SECRETS.email}`,
    '03-02-2026 10:05 - Bas: ja',
    '03-02-2026 10:21 - Carla: ja',
    `03-02-2026 11:40 - Dirk: 👍 rekening ${SECRETS.iban}`,
    '03-02-2026 11:41 - Dirk: ja',
    '04-02-2026 09:00 - Bas: pinpas €75 hh 7 tel 06-123',
    '45678',
    '',
  ].join('\n');

  it('the dry run shows none of it, counts each masked message as a doubt, and the grant still books', async () => {
    const file = cli.write('chat.txt', CHAT);
    expect(await cli.mmb('import', 'whatsapp', file, '--team', 'noord')).toBe(0);
    const text = cli.out.join('\n');
    noSecretIn(text);
    expect(text).not.toContain('06-123');
    expect(text).toMatch(
      /regel 1 Anna: Grofvuil €33 voor huishouden HH-12 bsn \[BSN\], bel \[telefoon\] \[e-mail\]\n.*persoonsgegevens \(een BSN, een telefoonnummer en een e-mailadres\) weggelaten/,
    );
    expect(text).toMatch(/regel 6 Dirk: 👍 rekening \[IBAN\]\n.*persoonsgegevens \(een IBAN\)/);
    // split over a line break, still one phone number
    expect(text).toMatch(/regel 8 Bas: pinpas €75 hh 7 tel \[telefoon\]\n.*een telefoonnummer/);
    expect(text).toMatch(/twijfel 3\./);
    expect(text).toMatch(/regel {4}1 .*€ 33,00 {2}hh 12 .*\n.*stemmen: Bas ja/);

    expect(await cli.mmb('import', 'whatsapp', file, '--team', 'noord', '--apply')).toBe(0);
    noSecretIn(cli.out.join('\n'));
    expect((await cli.state()).requests.map((r) => [r.household, r.amountCents])).toEqual([
      ['12', 3300],
    ]);
    noSecretIn(dbBytes(cli.dbPath));
  });

  it('an unreadable line is shown masked', async () => {
    const file = cli.write(
      'chat.txt',
      `03-02-2026 10:02 - Anna: fiets €33 hh 12\n03-02-2026 99:99 - Bas: bsn ${SECRETS.bsn}\n`,
    );
    expect(await cli.mmb('import', 'whatsapp', file, '--team', 'noord')).toBe(0);
    noSecretIn(cli.out.join('\n'));
  });

  it('property: any personal data in any message, on its own line or not, is masked (2,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.array(secret, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(' ', '\n', ', ', '\n\n'),
        fc.constantFrom('grofvuil €33 hh 12', 'ja', 'ja #1', 'pinpas € 75,00 voor gezin 7'),
        (secrets, sep, opening) => {
          const body = [opening, ...secrets.map((s) => s.text)].join(sep);
          const chat = readWhatsAppExport(`03-02-2026 10:02 - Anna: ${body}\n`);
          if (!chat.ok) throw new Error(chat.problem);
          const masked = maskImportText(chat.messages[0]!.text, NOW);
          for (const s of secrets) expect(keyOf(masked.text)).not.toContain(s.key);
          expect(masked.kinds.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('rule 11: mmb import grants names the column and kind of a refused row, never its data', () => {
  const cli = useImportCli('mmb-import-privacy-grants-');

  it('personal data in each column: refused, said by column and kind, shown masked', async () => {
    const file = cli.write(
      'toekenningen.csv',
      [
        'Datum;Bedrag;Huishouden;Omschrijving;Voorkomt;Soort',
        `02-02-2026;€ 33,00;HH-12;grofvuil bsn ${SECRETS.bsn};;toekenning`,
        `03-02-2026;€ 33,00;${SECRETS.phone};grofvuil;;toekenning`,
        `04-02-2026;€ 33,00;12;bus;${SECRETS.email} 95;toekenning`,
        `${SECRETS.bsn};€ 33,00;12;bus;;toekenning`,
        `05-02-2026;€ 33,00;12;bus;;${SECRETS.iban}`,
        `06-02-2026;${SECRETS.phone};12;bus;;toekenning`,
        `07-02-2026;€ 12,00;12;"fiets, bel 06-123`,
        `45678";;toekenning`,
        '',
      ].join('\r\n'),
    );
    expect(await cli.mmb('import', 'grants', file, '--team', 'noord')).toBe(0);
    const text = cli.out.join('\n');
    noSecretIn(text);
    expect(text).not.toContain('06-123');
    const refusals = text
      .split('\n')
      .filter((l) => l.includes('past niet'))
      .map((l) => /kolom (\w+): lijkt ([^(]+?) \(niet getoond\)/.exec(l)?.slice(1));
    expect(refusals).toEqual([
      ['omschrijving', 'een BSN'],
      ['huishouden', 'een telefoonnummer'],
      ['voorkomt', 'een e-mailadres'],
      ['datum', 'een BSN'],
      ['soort', 'een IBAN'],
      ['bedrag', 'een telefoonnummer'],
      ['omschrijving', 'een telefoonnummer'],
    ]);
    expect(text).toMatch(/regel {3}2 .*grofvuil bsn \[BSN\]/);
  });

  it('property: a secret in a random column of a random row is never read back (2,000 cases)', () => {
    const COLUMNS = ['Datum', 'Bedrag', 'Huishouden', 'Omschrijving', 'Voorkomt'] as const;
    fc.assert(
      fc.property(
        secret,
        fc.integer({ min: 0, max: COLUMNS.length - 1 }),
        fc.integer({ min: 0, max: 3 }),
        fc.boolean(),
        (s, column, row, nextLine) => {
          const rows = Array.from({ length: 4 }, (_, i) => [
            `0${i + 2}-02-2026`,
            '€ 33,00',
            `HH-${i + 1}`,
            'grofvuil',
            '',
          ]);
          const written = nextLine ? `"x\n${s.text}"` : s.text;
          rows[row]![column] = column === 3 ? `${written}` : written;
          const csv = [COLUMNS.join(';'), ...rows.map((r) => r.join(';'))].join('\n');
          const sheet = readGrantSheet(csv, { now: NOW });
          if (!sheet.ok) throw new Error(sheet.problem);
          const json = keyOf(JSON.stringify(sheet.rows));
          expect(json).not.toContain(s.key);
          const problems = sheet.rows.find((r) => r.line === row + 2)!.problems.join(' ');
          expect(problems).toContain(
            `kolom ${['datum', 'bedrag', 'huishouden', 'omschrijving', 'voorkomt'][column]}: lijkt`,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
