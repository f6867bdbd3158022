/** Reads the export CSV back the way a strict reader would, for the tests. */

export interface ReadCsv {
  bom: boolean;
  /** Every line ended in CRLF (and no bare LF or CR outside quotes). */
  crlf: boolean;
  rows: string[][];
}

/** Parses `;`-separated CSV with `"` quoting (RFC 4180 with a semicolon). */
export function readCsv(bytes: Uint8Array): ReadCsv {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let crlf = text.endsWith('\r\n');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ';') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      crlf = false;
      cell += ch;
    } else cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return { bom, crlf, rows };
}

/** The rows of one block (after its title row): its header row first. */
export function block(rows: string[][], title: string): string[][] {
  const start = rows.findIndex((r) => r.length === 1 && r[0] === title);
  if (start === -1) throw new Error(`no block ${title}`);
  const out: string[][] = [];
  for (let i = start + 1; i < rows.length && !(rows[i]!.length === 1 && rows[i]![0] === ''); i++) {
    out.push(rows[i]!);
  }
  return out;
}

/** A block as objects keyed by its header row. */
export function records(rows: string[][], title: string): Record<string, string>[] {
  const [header, ...lines] = block(rows, title);
  return lines.map((line) => Object.fromEntries(header!.map((name, i) => [name, line[i] ?? ''])));
}

/** A decimal-comma amount (`1967,00`, `-5,00`) as integer cents; throws on anything else. */
export function cents(cell: string | undefined): number {
  const match = /^(-?)(\d+),(\d{2})$/.exec(cell ?? '');
  if (!match) throw new Error(`not a decimal-comma amount: ${JSON.stringify(cell)}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] ? -value : value;
}
