import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const LOADER = fileURLToPath(new URL('../../src/overview/pdfkit-load.ts', import.meta.url));
const EXPORT_PDF = fileURLToPath(new URL('../../src/overview/export-pdf.ts', import.meta.url));

/** Runs a TypeScript file in a fresh Node (nothing loaded yet); its stdout. */
function runFresh(source: string): Promise<string> {
  const file = join(tempDir('mmb-pdfkit-load-'), 'probe.mts');
  writeFileSync(file, source);
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [RUN_TS, file],
      { encoding: 'utf8', timeout: 60_000 },
      (error, out) => (error ? fail(error) : done(out)),
    );
  });
}

describe('loading pdfkit for the export', () => {
  it('makes a PDF without loading fontkit or all of crypto-js (MD5 alone)', async () => {
    const out = await runFresh(`
      import { createRequire } from 'node:module';
      import { overviewsToPdf } from ${JSON.stringify(EXPORT_PDF)};
      const bytes = overviewsToPdf([], { households: false });
      const require = createRequire(${JSON.stringify(LOADER)});
      const fromPdfkit = createRequire(require.resolve('pdfkit'));
      const fromFontkit = createRequire(fromPdfkit.resolve('fontkit'));
      const loaded = (path) => require.cache[path] !== undefined;
      console.log(JSON.stringify({
        pdf: new TextDecoder().decode(bytes.subarray(0, 5)),
        fontkitParts: loaded(fromFontkit.resolve('restructure')),
        md5: loaded(fromPdfkit.resolve('crypto-js/md5')),
        aes: loaded(fromPdfkit.resolve('crypto-js/aes')),
      }));
    `);
    expect(JSON.parse(out)).toEqual({ pdf: '%PDF-', fontkitParts: false, md5: true, aes: false });
  });

  it('loads a left-out module when pdfkit needs it after all (an image)', async () => {
    const png = createCanvas(4, 4);
    const context = png.getContext('2d');
    context.fillStyle = '#1b7a8c';
    context.fillRect(0, 0, 4, 4);
    const image = join(tempDir('mmb-pdfkit-image-'), 'blok.png');
    writeFileSync(image, png.toBuffer('image/png'));
    const out = await runFresh(`
      import { createRequire } from 'node:module';
      import { loadPdfkit } from ${JSON.stringify(LOADER)};
      const PDFDocument = loadPdfkit();
      const require = createRequire(${JSON.stringify(LOADER)});
      const pngJs = createRequire(require.resolve('pdfkit')).resolve('png-js');
      const standIn = require.cache[pngJs];
      const doc = new PDFDocument({ autoFirstPage: false });
      doc.addPage();
      doc.image(${JSON.stringify(image)}, 48, 48, { width: 40 });
      doc.text('met een plaatje', 48, 100);
      const chunks = [];
      doc.on('data', (chunk) => chunks.push(chunk));
      // A PNG is decoded asynchronously: read the document when it has ended.
      doc.on('end', () => console.log(JSON.stringify({
        replaced: standIn !== undefined && require.cache[pngJs] !== standIn,
        image: Buffer.concat(chunks).toString('latin1').includes('/Subtype /Image'),
      })));
      doc.end();
    `);
    expect(JSON.parse(out)).toEqual({ replaced: true, image: true });
  });
});
