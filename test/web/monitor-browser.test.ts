import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export.ts';
import type { Monitor } from '../../src/web/web-server.ts';
import { readCsv } from '../overview/csv-read.ts';
import type { Harness } from '../support/harness.ts';
import { tempDir } from '../support/temp-dir.ts';
import { monitorBot, monitorOn, signInPath } from './web-fixture.ts';

/**
 * The monitor in a real browser (Debian's chromium through playwright-core): sign in from the
 * private-chat link, read the figures, compare them with `mmb export` on the same database, follow
 * the downloads, run axe-core on every page, and save a screenshot of each (test-output/web/, and
 * the README's docs/monitor.png). One browser for the whole file.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-output', 'web');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let monitor: Monitor;
let h: Harness;
let file: string;
let base: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  ({ h, file } = monitorBot());
  monitor = await monitorOn(file, h);
  base = `http://127.0.0.1:${monitor.port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await monitor?.close();
});

/** A new page that records every console error and failed request. */
async function newPage(viewport = { width: 1280, height: 900 }, mobile = false): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    acceptDownloads: true,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return page;
}

/** axe-core on the page: the serious and critical violations (there should be none). */
async function seriousViolations(page: Page): Promise<string[]> {
  // The page's CSP forbids every script of its own; the test's evaluate runs around it.
  await page.evaluate(AXE);
  const result = (await page.evaluate(async () =>
    (globalThis as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    }),
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** `€ 1.234,56` or `1234,56` as cents. */
const cents = (text: string) =>
  Math.round(Number(text.replace(/[€\s.\u00a0]/g, '').replace(',', '.')) * 100);

/** `mmb export` on the same database at the same moment: the CSV's rows. */
async function exportCsv(args: string[]): Promise<{ rows: string[][]; bytes: Buffer }> {
  const out = join(tempDir('mmb-web-export-'), 'export.csv');
  const before = process.env.MMB_DB;
  process.env.MMB_DB = file;
  try {
    expect(await runExport([...args, '--out', out], h.clock.now())).toBe(0);
  } finally {
    if (before === undefined) delete process.env.MMB_DB;
    else process.env.MMB_DB = before;
  }
  const bytes = readFileSync(out);
  return { rows: readCsv(bytes).rows, bytes };
}

/** The cells of a table row (th and td) as text. */
const cellsOf = (page: Page, selector: string) =>
  page.$$eval(selector, (rows) =>
    rows.map((row) => [...row.children].map((c) => (c.textContent ?? '').trim())),
  );

describe('the monitor in a browser', () => {
  it('signs an adviser in from the private-chat link and shows every team as mmb export counts it', async () => {
    const path = signInPath(h, 'nina');
    expect(path).toMatch(/^\/inloggen\/[\w-]{11}\.[\w-]{43}$/);
    const page = await newPage();
    await page.goto(base + path!);
    await page.waitForURL(`${base}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Alle 2 teams in 2026');
    await page.screenshot({ path: join(process.cwd(), 'docs', 'monitor.png') }); // the README's

    // The year: the page's rows and total against `mmb export --all --from 2026-01-01 --to 2026-12-31`.
    const year = await exportCsv(['--all', '--from', '2026-01-01', '--to', '2026-12-31']);
    const summary = year.rows.slice(year.rows.findIndex((r) => r[0] === 'Samenvatting') + 2);
    const head = year.rows[year.rows.findIndex((r) => r[0] === 'Samenvatting') + 1]!;
    const col = (name: string) => head.indexOf(name);
    const rows = await cellsOf(page, '#tabel-jaar tbody tr, #tabel-jaar tfoot tr');
    expect(rows).toHaveLength(3);
    for (const [i, csvRow] of [summary[0]!, summary[1]!, summary[2]!].entries()) {
      const row = rows[i]!;
      expect(csvRow[0]).toBe(i === 2 ? 'TOTAAL' : ['noord', 'zuid'][i]);
      expect(cents(row[1]!)).toBe(cents(csvRow[col('Toekenningen (bedrag)')]!));
      expect(row[2]).toBe(csvRow[col('Toekenningen (aantal)')]);
      expect(cents(row[3]!)).toBe(cents(csvRow[col('Saldo')]!));
      expect(cents(row[4]!)).toBe(cents(csvRow[col('Gereserveerd')]!));
      expect(cents(row[5]!)).toBe(
        cents(csvRow[col('Saldo')]!) - cents(csvRow[col('Gereserveerd')]!),
      );
      expect(cents(row[6]!)).toBe(Math.abs(cents(csvRow[col('Vervallen restant')]!)));
      expect(cents(row[7]!)).toBe(cents(csvRow[col('Voorkomen (schatting team)')]!));
      expect(row[8]).toBe(csvRow[col('Verlopen')]);
      expect(row[9]).toBe(csvRow[col('Geannuleerd')]);
      expect(row[11]).toBe(csvRow[col('Stemmers')]);
    }
    // The running round against `mmb export --all --cycle huidige`.
    const round = await exportCsv(['--all', '--cycle', 'huidige']);
    const roundHead = round.rows.findIndex((r) => r[0] === 'Samenvatting') + 1;
    const roundRows = await cellsOf(page, '#tabel-ronde tbody tr, #tabel-ronde tfoot tr');
    for (const [i, csvRow] of round.rows.slice(roundHead + 1, roundHead + 4).entries()) {
      const c = (name: string) => csvRow[round.rows[roundHead]!.indexOf(name)]!;
      expect(cents(roundRows[i]![2]!)).toBe(cents(c('Toekenningen (bedrag)')));
      expect(cents(roundRows[i]![4]!)).toBe(cents(c('Saldo')));
      expect(cents(roundRows[i]![8]!)).toBe(cents(c('Voorkomen (schatting team)')));
    }

    // The year's CSV from the page is the export's, byte for byte.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('fieldset', { hasText: 'Een jaar' })
        .getByRole('button', { name: 'CSV (Excel)' })
        .click(),
    ]);
    expect(csv.suggestedFilename()).toBe('mmb-alle-teams-2026-01-01-2026-12-31.csv');
    expect(readFileSync(await csv.path())).toEqual(year.bytes);
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('fieldset', { hasText: 'Een ronde' })
        .getByRole('button', { name: 'PDF' })
        .click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('mmb-alle-teams-2026-03-30-2026-04-02.pdf');
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'overzicht-desktop.png'), fullPage: true });

    // A team's page: rounds, categories, grants without household codes, near the cap as a count.
    await page.getByRole('link', { name: 'Team Zuid' }).first().click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Team Zuid');
    const grants = await cellsOf(page, '#tabel-toekenningen tbody tr');
    expect(grants.length).toBeGreaterThan(0);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\bhh\s*\d|huishouden\s+\d|Huishouden\b/);
    expect(text).toContain('1 huishouden zit nu dicht bij het maximum');
    const rounds = await cellsOf(page, '#tabel-rondes tbody tr');
    expect(rounds.map((r) => r[0])).toEqual(['Ronde 1', 'Ronde 2', 'Ronde 3']);
    const round2 = await exportCsv(['--team', 'zuid', '--cycle', '2']);
    const r2head = round2.rows.findIndex((r) => r[0] === 'Samenvatting') + 1;
    expect(cents(rounds[1]![2]!)).toBe(
      cents(round2.rows[r2head + 1]![round2.rows[r2head]!.indexOf('Toekenningen (bedrag)')]!),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'team-desktop.png'), fullPage: true });

    // On a phone: the same pages, one column.
    const phone = await newPage({ width: 390, height: 844 }, true);
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${base}/`);
    expect(await seriousViolations(phone)).toEqual([]);
    await phone.screenshot({ path: join(SHOTS, 'overzicht-telefoon.png'), fullPage: true });
    await phone.goto(`${base}/team/noord`);
    await phone.screenshot({ path: join(SHOTS, 'team-telefoon.png'), fullPage: true });

    // Signing out on the page ends the session.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Inloggen bij de monitor');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'inloggen.png') });
    expect(consoleErrors).toEqual([]);
  });

  it('shows a coordinator only their own team, and a link that was used is refused politely', async () => {
    consoleErrors.length = 0;
    const path = signInPath(h, 'zoe')!;
    const page = await newPage();
    await page.goto(base + path);
    await page.waitForURL(`${base}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Team Zuid in 2026');
    expect(await page.getByRole('link', { name: 'Team Noord' }).count()).toBe(0);
    const other = await page.goto(`${base}/team/noord`);
    expect(other?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Deze pagina bestaat niet');
    const again = await page.goto(base + path);
    expect(again?.status()).toBe(403);
    await expect(page.locator('main').innerText()).resolves.toContain('al gebruikt');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'link-gebruikt.png') });
    writeFileSync(
      join(SHOTS, 'README.txt'),
      'Screenshots of the monitor from test/web/monitor-browser.test.ts.\n',
    );
    // Only the browser's own notes on the two answers this test asked for: a 404 and a 403.
    expect(consoleErrors.map((e) => /status of (\d+)/.exec(e)?.[1] ?? e)).toEqual(['404', '403']);
  });
});
