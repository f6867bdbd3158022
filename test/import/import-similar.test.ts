import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bookImport, similarGrant, type ImportRow } from '../../src/import/import-grants.ts';
import { findTeam } from '../../src/store/teams.ts';
import { Harness } from '../support/harness.ts';
import { NOORD_CONFIG } from '../support/team-noord.ts';
import { useImportCli } from './import-cli.ts';

/*
 * The same grant from two sources (issue 18, docs/rules.md rules 3 and 4: money is booked once): a
 * grant from the spreadsheet and the same grant from the chat history — same household and
 * amount, dates a few days apart, worded differently — is a doubt in the preview of whichever
 * comes second, and is booked only with --ook-vergelijkbare (or --also-similar).
 */

const CHAT = [
  '03-02-2026 10:02 - Anna: Grofvuil €33 voor huishouden HH-12',
  '03-02-2026 10:05 - Bas: ja',
  '03-02-2026 10:21 - Carla: ja',
  '03-02-2026 11:40 - Dirk: 👍',
  '04-02-2026 14:30 - Bas: € 75,00 pinpas leefgeld hh 7',
  '04-02-2026 14:41 - Anna: ja',
  '04-02-2026 15:02 - Carla: ja',
  '05-02-2026 09:30 - Dirk: ja',
  '',
].join('\n');

const SHEET =
  'Datum;Bedrag;Huishouden;Omschrijving\r\n' +
  '06-02-2026;€ 33,00;HH-12;ophalen grofvuil voordeur\r\n' + // three days after the chat's
  '20-02-2026;€ 75,00;hh 7;leefgeld pinpas\r\n' + // sixteen days after: another grant
  '10-03-2026;€ 40,00;hh 3;fiets\r\n';

describe('the same grant from the spreadsheet and the chat history', () => {
  const cli = useImportCli('mmb-import-similar-');

  it('sheet first, chat second: the chat’s €33 for hh 12 is a doubt, booked only with --ook-vergelijkbare', async () => {
    const sheet = cli.write('toekenningen.csv', SHEET);
    const chat = cli.write('chat.txt', CHAT);
    expect(await cli.mmb('import', 'grants', sheet, '--team', 'noord', '--apply')).toBe(0);

    expect(await cli.mmb('import', 'whatsapp', chat, '--team', 'noord')).toBe(0);
    const preview = cli.out.join('\n');
    expect(preview).toMatch(
      /regel {4}1 .*€ 33,00 {2}hh 12 .*\n.*\n.*→ toegekend .*; niet geboekt: lijkt al geboekt \(zie twijfel\)\n.*⚠ twijfel: lijkt dezelfde toekenning als #1 \(toekenningen\.csv regel 2, 6 feb 2026, "ophalen grofvuil voordeur"\): zelfde huishouden en bedrag, niet geboekt; .*--ook-vergelijkbare/,
    );
    expect(preview).toMatch(/regel {4}5 .*€ 75,00 {2}hh 7 .*\n.*\n.*→ toegekend .*; boeking #4/);
    expect(preview).toMatch(
      /Te boeken: 1 toekenning \(€ 75,00\), 0 al geïmporteerd, 1 lijkt al geboekt/,
    );

    expect(await cli.mmb('import', 'whatsapp', chat, '--team', 'noord', '--apply')).toBe(0);
    let grants = (await cli.state()).requests.map((r) => [r.household, r.amountCents]);
    expect(grants).toEqual([
      ['12', 3300],
      ['7', 7500],
      ['3', 4000],
      ['7', 7500],
    ]);

    expect(
      await cli.mmb(
        'import',
        'whatsapp',
        chat,
        '--team',
        'noord',
        '--apply',
        '--ook-vergelijkbare',
      ),
    ).toBe(0);
    expect(cli.out.join('\n')).toMatch(/toch geboekt \(--ook-vergelijkbare\)/);
    grants = (await cli.state()).requests.map((r) => [r.household, r.amountCents]);
    expect(grants).toHaveLength(5);
    expect(grants.filter(([h]) => h === '12')).toHaveLength(2);
  });

  it('chat first, sheet second: the sheet’s row is the doubt; --also-similar books it', async () => {
    const sheet = cli.write('toekenningen.csv', SHEET);
    const chat = cli.write('chat.txt', CHAT);
    expect(await cli.mmb('import', 'whatsapp', chat, '--team', 'noord', '--apply')).toBe(0);

    expect(await cli.mmb('import', 'grants', sheet, '--team', 'noord')).toBe(0);
    const preview = cli.out.join('\n');
    expect(preview).toMatch(
      /regel {3}2 .*€ 33,00 {2}hh 12 .*ophalen grofvuil voordeur\n.*→ niet geboekt: lijkt al geboekt \(zie twijfel\)\n.*⚠ twijfel: lijkt dezelfde toekenning als #1 \(chat\.txt regel 1, 3 feb 2026, "Grofvuil"\)/,
    );
    expect(preview).toMatch(/regel {3}3 .*€ 75,00 .*\n.*→ past/);
    expect(preview).toMatch(/1 lijkt al geboekt uit een andere bron: niet geboekt/);

    expect(await cli.mmb('import', 'grants', sheet, '--team', 'noord', '--apply')).toBe(0);
    expect((await cli.state()).requests).toHaveLength(4);
    expect(await cli.mmb('import', 'grants', sheet, '--team', 'noord', '--apply')).toBe(0);
    expect(cli.out.join('\n')).toMatch(
      /Er valt niets te boeken: de rest is al geïmporteerd of lijkt al geboekt/,
    );
    expect(
      await cli.mmb('import', 'grants', sheet, '--team', 'noord', '--apply', '--also-similar'),
    ).toBe(0);
    const state = await cli.state();
    expect(state.requests.filter((r) => r.household === '12')).toHaveLength(2);
    expect(state.requests).toHaveLength(5);
  });
});

describe('property: a second source never books a similar grant unasked (2,000 cases)', () => {
  it('similar only for the same household and amount, at most 14 days apart, from another source', () => {
    const h = new Harness(NOORD_CONFIG, '2026-06-01T09:00:00+02:00');
    const team = findTeam(h.engine.sql, 'noord')!;
    const row = (line: number, date: string, cents: number, household: string): ImportRow => ({
      line,
      kind: 'grant',
      date,
      cents,
      household,
      description: `omschrijving ${line}`,
      preventedCents: null,
      preventedText: null,
      problems: [],
    });
    const seeded = [
      { household: '12', cents: 3300, date: '2026-03-10' },
      { household: '7', cents: 7500, date: '2026-03-20' },
      { household: 'N3', cents: 4000, date: '2026-04-01' },
    ];
    const booked = bookImport(
      h.engine.sql,
      team,
      [{ fileName: 'a.csv', rows: seeded.map((g, i) => row(i + 2, g.date, g.cents, g.household)) }],
      h.clock.now(),
    );
    expect(booked.outcomes.map((o) => o.status)).toEqual(['fits', 'fits', 'fits']);
    const DAY = 86_400_000;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeded.length - 1 }),
        fc.integer({ min: -30 * 24, max: 30 * 24 }), // hours apart
        fc.constantFrom(0, 1, -100),
        fc.constantFrom('import:a.csv', 'import-whatsapp:chat.txt', 'import:b.csv'),
        (which, hours, extraCents, chatId) => {
          const grant = seeded[which]!;
          // When the import booked it (its time of day depends on summer or winter time).
          const bookedAt = h.engine.sql.number(
            'SELECT decided_at FROM requests WHERE household = ?',
            grant.household,
          );
          const at = new Date(bookedAt + hours * 3_600_000);
          const found = similarGrant(h.engine.sql, team.id, {
            household: grant.household,
            cents: grant.cents + extraCents,
            at,
            chatId,
          });
          const expected =
            extraCents === 0 &&
            Math.abs(hours * 3_600_000) <= 14 * DAY &&
            chatId !== 'import:a.csv';
          expect(found !== null).toBe(expected);
          if (found) expect(found).toMatchObject({ fileName: 'a.csv', line: which + 2 });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
