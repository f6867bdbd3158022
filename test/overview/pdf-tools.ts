import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Reads PDFs back in tests: pdf.js (legacy build, runs on Node 20) and @napi-rs/canvas. */

const require = createRequire(import.meta.url);
const standardFontDataUrl = `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function open(bytes: Uint8Array) {
  // pdf.js takes the buffer over: give it a copy.
  return getDocument({ data: Uint8Array.from(bytes), standardFontDataUrl, verbosity: 0 }).promise;
}

/** The text of every page, as pdf.js extracts it (one string a page, items joined by spaces). */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await open(bytes);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .join(' ')
          .replace(/\s+/g, ' '),
      );
    }
    return pages;
  } finally {
    await pdf.destroy();
  }
}

/** The document's info dictionary (Title, CreationDate, …). */
export async function pdfInfo(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const pdf = await open(bytes);
  try {
    return (await pdf.getMetadata()).info as Record<string, unknown>;
  } finally {
    await pdf.destroy();
  }
}

/** Renders one page (from 1) to a PNG on a white background. */
export async function renderPng(bytes: Uint8Array, pageNumber = 1, scale = 1.5): Promise<Buffer> {
  const pdf = await open(bytes);
  try {
    const page = await pdf.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      canvasContext: context as unknown as Parameters<typeof page.render>[0]['canvasContext'],
      viewport,
    }).promise;
    return canvas.toBuffer('image/png');
  } finally {
    await pdf.destroy();
  }
}
