import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { overviewsToPdf, pdfSafe } from '../../src/overview/export-pdf.ts';
import { toWinAnsi } from '../../src/overview/pdf-draw.ts';
import type { Overview } from '../../src/overview/overview.ts';
import { overviewFor } from '../../src/overview/overview-store.ts';
import { listTeams } from '../../src/store/teams.ts';
import { exportFixture } from './fixture.ts';
import { pdfInfo, pdfPages, renderPng } from './pdf-tools.ts';

const h = exportFixture();
const cycle2 = listTeams(h.engine.sql).map((team) =>
  overviewFor(h.engine.sql, team, { kind: 'cycle', cycle: 2 }, h.clock.now())!,
);
const [noord, zuid] = cycle2 as [Overview, Overview];
const dir = mkdtempSync(join(tmpdir(), 'mmb-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Zuid with a very long name and 80 grants, some with very long descriptions. */
const long: Overview = {
  ...zuid,
  teamName: 'Team met een heel lange naam '.repeat(4),
  grants: Array.from({ length: 80 }, (_, i) => ({
    ...zuid.grants[i % 3]!,
    number: i + 1,
    description: `omschrijving ${i} 🧺 `.repeat(i % 7 ? 1 : 12),
  })),
};

describe('overviewsToPdf for one team', async () => {
  const bytes = overviewsToPdf([noord], { households: false });
  const pages = await pdfPages(bytes);
  const text = pages.join('\n');

  it('is an A4 PDF with the title, the team, the period and the totals', () => {
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    expect(pages[0]).toContain('Mini-Maatwerk Budget · overzicht');
    expect(pages[0]).toContain('Team Noord');
    expect(pages[0]).toContain('Ronde 2 · 16 feb 2026 t/m 30 mrt 2026');
    for (const [label, amount] of [
      ['Uitgegeven', '€ 200,00'],
      ['Saldo', '€ 2.017,00'],
      ['Gereserveerd', '€ 150,00'],
      ['Gestort', '€ 250,00'],
      ['Voorkomen (schatting)', '€ 2.250,00'],
    ]) {
      expect(pages[0]).toContain(`${label} ${amount}`);
    }
    expect(pages[0]).toContain('schatting van het team zelf');
    expect(pages[0]).toContain('€ 205,00 aan toekenningen in deze periode - € 5,00 correcties');
  });

  it('shows spending per category, the line over the period, the grants and what did not go through', () => {
    expect(text).toContain('Uitgaven per categorie wonen € 130,00');
    expect(text).toContain('levensonderhoud € 75,00');
    expect(text).toContain('Uitgaven in de loop van de periode');
    expect(text).toContain('16-02'); // the line's first day
    expect(text).toContain(
      '03-03-2026 3 wonen huurachterstand "maart"; deel 1 € 130,00 € 2.000,00',
    );
    expect(text).toContain('Totaal € 205,00 € 2.250,00');
    expect(text).toContain('1 verlopen, 1 geannuleerd');
    expect(text).toContain('05-03-2026 4 verlopen fietsreparatie € 45,00');
    expect(text).toContain("Beslistijd (mediaan) 46 min · 5 collega's stemden 11×");
    expect(text).toContain('pagina 1 van');
  });

  it('leaves household codes out unless asked', async () => {
    expect(text).not.toContain('Huishouden');
    const withCodes = (await pdfPages(overviewsToPdf([noord], { households: true }))).join('\n');
    expect(withCodes).toContain('Huishouden');
    expect(withCodes).toContain(
      '03-03-2026 3 wonen huurachterstand "maart"; deel 1 € 130,00 € 2.000,00 3',
    );
    const zuidText = (await pdfPages(overviewsToPdf([zuid], { households: true }))).join('\n');
    expect(zuidText).toContain('Bijna aan het maximum per huishouden');
    expect(zuidText).toContain('2 € 450,00 € 500,00');
  });

  it('gives the same bytes for the same overview, dated by the overview, not the clock', async () => {
    const again = overviewsToPdf([noord], { households: false });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const info = await pdfInfo(bytes);
    expect(String(info['CreationDate'])).toContain('20260330070000');
    expect(String(info['Title'])).toContain('Team Noord');
  });
});

describe('overviewsToPdf for all teams', async () => {
  const bytes = overviewsToPdf(cycle2, { households: false, title: 'Overzicht MMB Hengelo' });
  const pages = await pdfPages(bytes);

  it('starts with a totals page, then one section per team', () => {
    expect(pages[0]).toContain('Overzicht MMB Hengelo');
    expect(pages[0]).toContain('Alle teams (2)');
    for (const fact of [
      'Uitgegeven € 700,00',
      'Saldo € 3.517,00',
      'Voorkomen (schatting) € 2.400,00',
    ]) {
      expect(pages[0]).toContain(fact);
    }
    expect(pages[0]).toContain(
      'Team Noord 16-02 t/m 30-03-26 € 200,00 € 2.250,00 € 2.017,00 € 150,00 3 1/1',
    );
    expect(pages[0]).toContain(
      'Team Zuid 16-02 t/m 30-03-26 € 500,00 € 150,00 € 1.500,00 € 0,00 3 0/0',
    );
    expect(pages[0]).toContain('Totaal € 700,00 € 2.400,00 € 3.517,00 € 150,00 6 1/1');
    expect(pages[0]).toContain('Uitgaven per categorie, alle teams wonen € 380,00');
    const starts = pages.flatMap((page, i) =>
      page.startsWith('Overzicht MMB Hengelo') ? [i] : [],
    );
    expect(starts).toHaveLength(3);
    expect(pages[starts[1]!]).toContain('Team Noord');
    expect(pages[starts[2]!]).toContain('Team Zuid');
  });

  it('renders page 1 to a PNG that shows the charts (and was looked at)', async () => {
    const png = await renderPng(bytes, 1, 1.5);
    const file = join(dir, 'overzicht-pagina-1.png');
    writeFileSync(file, png);
    const read = readFileSync(file);
    expect([...read.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(read.readUInt32BE(16)).toBe(Math.ceil(595.28 * 1.5)); // IHDR width
    expect(read.length).toBeGreaterThan(20_000);
    const image = await loadImage(read);
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    let accent = 0;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
      if (Math.abs(r - 0x1b) < 12 && Math.abs(g - 0x7a) < 12 && Math.abs(b - 0x8c) < 12) accent++;
      if (r < 100 && g < 100 && b < 100) ink++;
    }
    const total = pixels.length / 4;
    expect(accent / total).toBeGreaterThan(0.01); // the bars and the line
    expect(ink / total).toBeGreaterThan(0.005); // the text
  });
});

describe('text in the PDF', () => {
  it('gives plain text back as it is, and any text as the full character walk does', () => {
    const plain = 'Uitgegeven € 1.967,00 — “café” ë ¼ ©';
    expect(pdfSafe(plain)).toBe(plain);
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom(...'aZ9 €é\u00a0\u00ad\t\n©™‘👶🏽\u0301Ł北'.split(''), ' ', '  '), {
            maxLength: 30,
          })
          .map((parts) => parts.join('')),
        (text) => {
          expect(pdfSafe(text)).toBe(toWinAnsi(text));
        },
      ),
    );
  });

  it('keeps what the standard fonts can show and drops emoji', () => {
    expect(pdfSafe('€ 1.967,00 — “café” ë')).toBe('€ 1.967,00 — “café” ë');
    expect(pdfSafe('luiers 👶🏽 en\nmelk')).toBe('luiers en melk');
    expect(pdfSafe('Ştefan ă')).toBe('Stefan a');
    expect(pdfSafe('Łukasz 北')).toBe('?ukasz ?');
  });

  it('draws an empty overview and long texts without breaking', async () => {
    const empty: Overview = {
      ...zuid,
      grants: [],
      categories: [],
      nearCap: [],
      medianDecisionMinutes: null,
      spentCents: 0,
    };
    const emptyText = (await pdfPages(overviewsToPdf([empty], { households: false }))).join('');
    expect(emptyText).toContain('Geen uitgaven in deze periode.');
    expect(emptyText).toContain('Nog geen besluiten in deze periode');
    const longPages = await pdfPages(overviewsToPdf([long], { households: true }));
    expect(longPages.length).toBeGreaterThanOrEqual(3);
    expect(longPages.join('')).toContain('omschrijving 79');
    expect(longPages.at(-1)).toContain(`pagina ${longPages.length} van ${longPages.length}`);
    expect((await pdfPages(overviewsToPdf([], { households: false })))[0]).toContain(
      'Geen overzichten',
    );
  });
});

describe('the bytes of the PDF', () => {
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  // Pinned when the drawing was made faster (pdfkit 0.17.2): the short ways for text, pdfkit's
  // loading and its content streams must give these very bytes. A new pdfkit may change them;
  // then check the PDFs by eye (and with the tests above) before pinning new hashes.
  it('are the same bytes as pdfkit drew them the long way, for both teams and long texts', () => {
    expect(
      sha256(overviewsToPdf(cycle2, { households: false, title: 'Overzicht MMB Hengelo' })),
    ).toBe('9a0e80a0167ba2d58fa967c8bb9a2970ac25e41b60a208e003532eda30eacb3a');
    expect(sha256(overviewsToPdf(cycle2, { households: true }))).toBe(
      '1dfc3bb3ae3a6c915020fb5fdb3fedd8658d90370455d3578e64694c9ec2ca7e',
    );
    expect(sha256(overviewsToPdf([long], { households: true }))).toBe(
      '3507e8d3982c000ac529140d7a5f6bdc4ef02d2334db9b10b639a1e01b5a8135',
    );
  });
});
