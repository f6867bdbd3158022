import type { Doc } from './pdf-doc.ts';

/**
 * Fewer, larger writes into each page's content stream. pdfkit turns every operator it draws
 * (a colour, a line segment, a piece of text) into a Buffer of its own as it is written, and joins
 * them when the page ends; a year's export draws hundreds of thousands. This keeps a page's
 * operators as text until something else is written or the page ends, then writes them as one
 * Buffer: the same bytes in the same order (pdfkit writes each operator as Latin-1 plus a line
 * break, and so does this), so the same PDF.
 */

/** About how many characters of operators are written at once. */
const PIECE = 16_384;

/** The part of pdfkit's content stream (a PDFReference) this uses. */
interface ContentStream {
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}

const isContentStream = (value: unknown): value is ContentStream =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ContentStream).write === 'function' &&
  typeof (value as ContentStream).end === 'function';

/**
 * Makes one content stream collect its text writes; returns whether it could.
 *
 * @example
 * collectWrites(doc.page.content) // then draw as before
 */
export function collectWrites(stream: unknown): boolean {
  if (!isContentStream(stream)) return false;
  const write = stream.write.bind(stream);
  const end = stream.end.bind(stream);
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    write(Buffer.from(pending, 'latin1'));
    pending = '';
  };
  stream.write = (chunk) => {
    if (typeof chunk === 'string') {
      pending += `${chunk}\n`;
      // Written on in pieces of about this size: long strings would live on into the old heap.
      if (pending.length > PIECE) flush();
    } else {
      flush();
      write(chunk);
    }
  };
  stream.end = (chunk) => {
    if (chunk) stream.write(chunk);
    flush();
    end();
  };
  return true;
}

/**
 * Every page the document adds from now on collects its writes (see `collectWrites`).
 *
 * @example
 * collectPageWrites(doc) // before the first addPage()
 */
export function collectPageWrites(doc: Doc): void {
  doc.on('pageAdded', () => collectWrites((doc.page as unknown as { content?: unknown }).content));
}

/**
 * A number as pdfkit writes it into a content stream (its PDFObject.number: six decimals at most).
 *
 * @example
 * pdfNumber(841.89) // 841.89; pdfNumber(1 / 3) // 0.333333
 */
export const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * Writes operators (lines of text) into the current page's content stream, as pdfkit's own
 * drawing calls do; returns false when this pdfkit has no `addContent` (then draw with its calls).
 *
 * @example
 * addContent(doc, '10 20 m\n30 40 l') // as doc.moveTo(10, 20).lineTo(30, 40)
 */
export function addContent(doc: Doc, operators: string): boolean {
  const write = (doc as unknown as { addContent?: (data: string) => unknown }).addContent;
  if (typeof write !== 'function') return false;
  write.call(doc, operators);
  return true;
}
