import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { cents, readCsv, records } from '../overview/csv-read.ts';
import { EXPORT_CONFIG, exportFixture } from '../overview/fixture.ts';
import { pdfPages } from '../overview/pdf-tools.ts';

const MMB = fileURLToPath(new URL('../../bin/mmb.js', import.meta.url));
let dir = '';

/** Runs `node bin/mmb.js export …` in the temporary folder, on its database and teams file. */
function mmbExport(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [MMB, 'export', ...args],
      {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          MMB_DB: join(dir, 'mmb.sqlite'),
          MMB_CONFIG: join(dir, 'teams.json'),
          LOG_LEVEL: 'silent',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

const files = () =>
  readdirSync(dir)
    .filter((f) => !f.startsWith('mmb.sqlite') && f !== 'teams.json')
    .sort();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmb-export-'));
  const db = openDatabase(join(dir, 'mmb.sqlite'));
  exportFixture({ db });
  db.close();
  // The teams file as it is now: zuid has been renamed since the bot last started.
  const config = {
    ...EXPORT_CONFIG,
    teams: EXPORT_CONFIG.teams.map((t) => (t.id === 'zuid' ? { ...t, name: 'Team Zuid-West' } : t)),
  };
  writeFileSync(join(dir, 'teams.json'), JSON.stringify(config));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mmb export on a file database', () => {
  // Every wrong option is in export-args.test.ts; here the ones that reach the database and the disk.
  it('refuses a wrong option with exit code 2, naming it, and writes nothing', async () => {
    const cases = [
      [['--team', 'noord', '--bogus'], '--bogus'],
      [['--team', 'nope', '--cycle', '2'], '--team'],
      [['--team', 'noord', '--out', join(dir, 'geen-map', 'x.csv')], '--out'],
      [['--all', '--cycle', '40'], '--cycle'],
    ] as const;
    const runs = await Promise.all(cases.map(([args]) => mmbExport(...args)));
    runs.forEach((run, i) => {
      const [args, option] = cases[i]!;
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('mmb export: ');
      expect(run.stderr).toContain(option);
      // One line, and the usage line of mmb export under it: never the whole list.
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^mmb export: /),
        expect.stringMatching(/^gebruik: mmb export \(--team ID \| --all\)/),
      ]);
      expect(run.stdout).toBe('');
    });
    expect(files()).toEqual([]);
  });

  it('exports one team’s cycle as CSV under a sensible default name', async () => {
    const run = await mmbExport('--team', 'noord', '--cycle', '2');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const name = 'mmb-overzicht-noord-2026-02-16-2026-03-30.csv';
    expect(files()).toEqual([name]);
    expect(run.stdout).toContain(name);
    expect(run.stdout).toContain('Team Noord, 3 toekenningen, uitgegeven € 200,00');
    const csv = readCsv(readFileSync(join(dir, name)));
    expect(csv.bom && csv.crlf).toBe(true);
    const [summary] = records(csv.rows, 'Samenvatting');
    expect(summary).toMatchObject({
      Team: 'noord',
      Ronde: '2',
      Uitgegeven: '200,00',
      Saldo: '2017,00',
    });
    expect(records(csv.rows, 'Toekenningen')[0]).not.toHaveProperty('Huishouden');
    rmSync(join(dir, name));
  });

  it('exports all teams per team and in total, with household codes when asked', async () => {
    const run = await mmbExport('--all', '--cycle', '2', '--met-huishoudens', '--out', 'alle.csv');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '2 teams, 6 toekenningen, uitgegeven € 700,00 (met huishoudcodes)',
    );
    const csv = readCsv(readFileSync(join(dir, 'alle.csv')));
    const summary = records(csv.rows, 'Samenvatting');
    expect(summary.map((r) => [r['Team'], r['Teamnaam'], r['Uitgegeven']])).toEqual([
      ['noord', 'Team Noord', '200,00'],
      ['zuid', 'Team Zuid', '500,00'], // the stored cycle keeps the name it had
      ['TOTAAL', 'Alle teams (2)', '700,00'],
    ]);
    expect(records(csv.rows, 'Toekenningen').map((g) => g['Huishouden'])).toEqual([
      '7',
      '3',
      '5',
      '1',
      '2',
      '2',
      '',
    ]);
    rmSync(join(dir, 'alle.csv'));
  });

  it('exports any date range, with the team name from the current teams file', async () => {
    const run = await mmbExport('--team', 'zuid', '--from', '2026-03-01', '--to', '2026-03-31');
    expect(run.code).toBe(0);
    const name = 'mmb-overzicht-zuid-2026-03-01-2026-03-31.csv';
    const csv = readCsv(readFileSync(join(dir, name)));
    const [summary] = records(csv.rows, 'Samenvatting');
    expect(summary).toMatchObject({
      Teamnaam: 'Team Zuid-West',
      Ronde: '',
      Van: '01-03-2026',
      'T/m': '31-03-2026',
      Uitgegeven: '450,00',
      Saldo: '1500,00',
    });
    expect(cents(summary!['Uitgegeven'])).toBe(20000 + 25000);
    rmSync(join(dir, name));
  });

  it('exports a PDF for one team and for all teams', async () => {
    const one = await mmbExport('--team', 'noord', '--cycle', '2', '--format', 'pdf');
    expect(one.code).toBe(0);
    const onePdf = readFileSync(join(dir, 'mmb-overzicht-noord-2026-02-16-2026-03-30.pdf'));
    const oneText = (await pdfPages(onePdf)).join('\n');
    expect(oneText).toContain('Team Noord');
    expect(oneText).toContain('Uitgegeven € 200,00');
    expect(oneText).not.toContain('Huishouden');

    const all = await mmbExport('--all', '--cycle', '2', '--out', 'alle.pdf', '--met-huishoudens');
    expect(all.code).toBe(0);
    const pages = await pdfPages(readFileSync(join(dir, 'alle.pdf')));
    expect(pages[0]).toContain('Alle teams (2)');
    expect(pages[0]).toContain('Uitgegeven € 700,00');
    expect(pages.join('\n')).toContain('Team Zuid');
    expect(pages.join('\n')).toContain('Huishouden');
    expect(existsSync(join(dir, 'alle.pdf'))).toBe(true);
    expect(files().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
