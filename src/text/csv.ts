/**
 * CSV as spreadsheets really save it: Dutch Excel (`;`, Windows-1252 or UTF-8, with or without
 * BOM), LibreOffice, Google Sheets (`,`, UTF-8), Excel's "Unicode text" (tabs, UTF-16). Fields
 * may be quoted and hold the separator, doubled quotes and line breaks.
 *
 * Pure: no I/O. Linear in the input; never throws.
 */

/** How the bytes were read. */
export type SheetEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** The text of a file, or why it is not a text file at all. */
export type DecodedSheet =
  | { ok: true; text: string; encoding: SheetEncoding; bom: boolean }
  | { ok: false; problem: 'empty' | 'xlsx' | 'xls' | 'pdf' | 'binary' };

/** Bytes a file starts with when it is not text. */
const SIGNATURES: readonly { bytes: readonly number[]; problem: 'xlsx' | 'xls' | 'pdf' }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], problem: 'xlsx' }, // a zip: .xlsx, .ods
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], problem: 'xls' }, // an old Office file
  { bytes: [0x25, 0x50, 0x44, 0x46], problem: 'pdf' },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, i) => bytes[i] === byte);

/**
 * Reads a spreadsheet file's bytes as text: a UTF-16 BOM decides UTF-16; else valid UTF-8 (with
 * or without BOM) is UTF-8, and anything else is Windows-1252 (what Dutch Excel writes with
 * "CSV (gescheiden door lijstscheidingsteken)"). A zip, an old Office file, a PDF or a file with
 * NUL bytes is not a CSV.
 *
 * @example
 * decodeSheet(new Uint8Array([0x82, 0x80])) // { ok: true, text: '‚€', encoding: 'windows-1252', bom: false }
 */
export function decodeSheet(bytes: Uint8Array): DecodedSheet {
  if (bytes.length === 0) return { ok: false, problem: 'empty' };
  for (const signature of SIGNATURES) {
    if (startsWith(bytes, signature.bytes)) return { ok: false, problem: signature.problem };
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = new TextDecoder(encoding).decode(bytes.subarray(2));
    if (text.includes('\u0000')) return { ok: false, problem: 'binary' };
    return { ok: true, text, encoding, bom: true };
  }
  if (bytes.includes(0)) return { ok: false, problem: 'binary' };
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding: 'utf-8', bom };
  } catch {
    return {
      ok: true,
      text: new TextDecoder('windows-1252').decode(body),
      encoding: 'windows-1252',
      bom,
    };
  }
}

/** One record of a CSV file: its cells, and the line (1-based) of the file it starts on. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** The records of a CSV text, or where a quoted field was never closed. */
export type ParsedCsv = { ok: true; records: CsvRecord[] } | { ok: false; line: number };

/**
 * Splits CSV text into records (RFC 4180, as spreadsheets write it): `separator` between fields;
 * a field in double quotes may hold the separator, line breaks and doubled quotes (`""`). Line
 * breaks are CRLF, LF or CR. Empty lines are left out; a line of only separators is kept (it has
 * empty cells). A quote that is never closed is an error with the line it opened on.
 *
 * @example
 * parseCsv('a;"b;c"\r\n1;"x ""y"""', ';')
 * // { ok: true, records: [{ line: 1, cells: ['a', 'b;c'] }, { line: 2, cells: ['1', 'x "y"'] }] }
 */
export function parseCsv(text: string, separator: string): ParsedCsv {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 1;
  let touched = false; // the record has a separator or a character: not an empty line
  const endRecord = () => {
    if (touched) records.push({ line: recordLine, cells: [...cells, cell] });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      cell = '';
      inQuotes = true;
      quoteLine = line;
      touched = true;
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
      touched = true;
    }
  }
  if (inQuotes) return { ok: false, line: quoteLine };
  endRecord();
  return { ok: true, records };
}

/** The separators a spreadsheet may have used, most likely first for Dutch files. */
export const SEPARATORS: readonly string[] = [';', ',', '\t'];

/**
 * The separator named by Excel's first line `sep=;`, with the text after that line; or null.
 *
 * @example
 * declaredSeparator('sep=;\r\ndatum;bedrag') // { separator: ';', rest: 'datum;bedrag', lines: 1 }
 */
export function declaredSeparator(
  text: string,
): { separator: string; rest: string; lines: number } | null {
  const m = /^"?sep=(.)"?\r?\n/i.exec(text);
  if (!m) return null;
  return { separator: m[1]!, rest: text.slice(m[0].length), lines: 1 };
}
