/**
 * A team's own spreadsheet of earlier grants (and deposits), read row by row: which column is
 * which (by its header, in Dutch or English), and per row the date, amount, household code,
 * description and what it prevented, or in Dutch why the row cannot be taken as it is.
 *
 * Pure: no I/O, no clock (the caller gives `now`). What is not certain is never guessed.
 */

import { cleanText } from '../text/clean-text.ts';
import { declaredSeparator, parseCsv, SEPARATORS, type CsvRecord } from '../text/csv.ts';
import { readHouseholdCode } from '../text/household.ts';
import type { AmountProblem } from '../text/money.ts';
import { parseAmountCell } from '../text/sheet-amount.ts';
import { maskImportText, personalDataProblem } from '../text/import-privacy.ts';
import { findPersonalData } from '../text/privacy/index.ts';

/** The columns the import knows. */
export type SheetField = 'date' | 'amount' | 'household' | 'description' | 'prevented' | 'kind';

/** The Dutch name of each field, as `--columns` and the messages use it. */
export const FIELD_NAMES: Readonly<Record<SheetField, string>> = {
  date: 'datum',
  amount: 'bedrag',
  household: 'huishouden',
  description: 'omschrijving',
  prevented: 'voorkomt',
  kind: 'soort',
};

/** Header words per field (lower case, letters only); a header that starts with one counts too. */
const HEADERS: Readonly<Record<SheetField, readonly string[]>> = {
  date: ['datum', 'date', 'dag', 'day'],
  amount: ['bedrag', 'amount', 'euro', 'kosten', 'cost', 'bedragineuro'],
  household: ['huishouden', 'household', 'huishoudcode', 'hh', 'gezin', 'code'],
  description: ['omschrijving', 'description', 'waarvoor', 'toelichting', 'wat', 'notes'],
  prevented: ['voorkomt', 'prevented', 'voorkomen', 'voorkomenkosten', 'prevents'],
  kind: ['soort', 'type', 'kind'],
};

/** Words in a `soort` cell that make a row a deposit, or a grant. */
const DEPOSIT_WORDS = new Set(['storting', 'deposit', 'inleg', 'stort', 'bijstorting']);
const GRANT_WORDS = new Set(['', 'toekenning', 'grant', 'uitgave', 'aanvraag']);

/** The longest description kept, as in the chat. */
export const MAX_DESCRIPTION_CHARS = 200;

/** One row of the sheet as read: what it says, or the reasons it cannot be used. */
export interface SheetRow {
  /** The line (1-based) of the file the row starts on. */
  line: number;
  kind: 'grant' | 'deposit';
  /** The local date, YYYY-MM-DD, or null when it could not be read. */
  date: string | null;
  cents: number | null;
  /** The normalised household code (grants), '' for a deposit. */
  household: string;
  description: string;
  preventedCents: number | null;
  preventedText: string | null;
  /** Why the row cannot be booked, in Dutch; empty when it can (as far as the file goes). */
  problems: string[];
}

/** The whole sheet, or why it cannot be read at all (in Dutch). */
export type ReadSheet =
  | {
      ok: true;
      separator: string;
      /** Which header each field was found under. */
      columns: Partial<Record<SheetField, string>>;
      /** Headers nobody reads. */
      ignored: string[];
      rows: SheetRow[];
    }
  | { ok: false; problem: string };

export interface ReadSheetOptions {
  /** Every row is a deposit (the `--deposits` file: datum;bedrag;omschrijving). */
  deposits?: boolean;
  /** Header names for fields, when the header is unusual (`--columns`). */
  columns?: Partial<Record<SheetField, string>>;
  /** Decides which dates lie in the future and which dates look like a birth date. */
  now: Date;
}

const letters = (header: string) =>
  header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** Which column (index) holds each field, by header or by `--columns`. */
function mapColumns(
  header: string[],
  named: Partial<Record<SheetField, string>> = {},
): { found: Partial<Record<SheetField, number>>; missingNamed: string[] } {
  const found: Partial<Record<SheetField, number>> = {};
  const missingNamed: string[] = [];
  const taken = new Set<number>();
  const clean = header.map((h) => cleanText(h).trim());
  for (const [field, name] of Object.entries(named) as [SheetField, string][]) {
    const index = clean.findIndex((h) => h.toLowerCase() === name.trim().toLowerCase());
    if (index === -1) missingNamed.push(`${FIELD_NAMES[field]}=${name}`);
    else {
      found[field] = index;
      taken.add(index);
    }
  }
  const keys = clean.map(letters);
  for (const pass of ['exact', 'prefix'] as const) {
    for (const field of Object.keys(HEADERS) as SheetField[]) {
      if (found[field] !== undefined) continue;
      const index = keys.findIndex(
        (key, i) =>
          !taken.has(i) &&
          key !== '' &&
          HEADERS[field].some((word) =>
            pass === 'exact' ? key === word : word.length >= 4 && key.startsWith(word),
          ),
      );
      if (index !== -1) {
        found[field] = index;
        taken.add(index);
      }
    }
  }
  return { found, missingNamed };
}

const REQUIRED_GRANT: readonly SheetField[] = ['date', 'amount', 'household'];
const REQUIRED_DEPOSIT: readonly SheetField[] = ['date', 'amount'];

/**
 * Reads a date as spreadsheets write it: `2-3-2026`, `02-03-26`, `2/3/2026`, `2.3.2026` (day
 * first, as in the Netherlands), or `2026-03-02` (ISO), optionally followed by a time (`0:00`).
 * A two-digit year is 20jj. With `slashOrder` `mdy` a date with slashes is month first
 * (`3/15/2026`, as Google Sheets in English writes it); see slashDateOrder. Returns YYYY-MM-DD,
 * or null for anything else.
 *
 * @example
 * readSheetDate('2-3-26') // '2026-03-02'
 */
export function readSheetDate(cell: string, slashOrder: 'dmy' | 'mdy' = 'dmy'): string | null {
  const s = cleanText(cell)
    .trim()
    .replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, '');
  let y: number;
  let m: number;
  let d: number;
  const dmy = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/.exec(s);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (dmy) {
    const monthFirst = dmy[2] === '/' && slashOrder === 'mdy';
    d = Number(monthFirst ? dmy[3] : dmy[1]);
    m = Number(monthFirst ? dmy[1] : dmy[3]);
    y = dmy[4]!.length === 2 ? 2000 + Number(dmy[4]) : Number(dmy[4]);
  } else if (ymd) {
    y = Number(ymd[1]);
    m = Number(ymd[2]);
    d = Number(ymd[3]);
  } else return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const real = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(real.getTime()) || !real.toISOString().startsWith(iso)) return null;
  return iso;
}

/**
 * The order of dates written with slashes in a file: `dmy` when one has a first number above 12
 * (`15/3/2026`), `mdy` when one has a second number above 12 (`3/15/2026`), `mixed` when both,
 * `unsure` when neither (`3/2/2026` in a file that never says). Dates with `-` or `.` are always
 * day first (Dutch); they do not count.
 *
 * @example
 * slashDateOrder(['3/15/2026', '4/1/2026']) // 'mdy'
 */
export function slashDateOrder(cells: readonly string[]): 'dmy' | 'mdy' | 'mixed' | 'unsure' {
  let dayFirst = false;
  let monthFirst = false;
  for (const cell of cells) {
    const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/.exec(cell);
    if (!m) continue;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (dayFirst && monthFirst) return 'mixed';
  return dayFirst ? 'dmy' : monthFirst ? 'mdy' : 'unsure';
}

const AMOUNT_REASON: Readonly<Record<AmountProblem, string>> = {
  unreadable: 'het bedrag is niet te lezen (schrijf bijv. 33,50 of € 1.250,00)',
  zero: 'het bedrag is nul',
  'too-large': 'het bedrag is te groot',
  negative:
    'het bedrag heeft een minteken: zet een toekenning als positief bedrag, en een storting met "storting" in de kolom soort',
  'ambiguous-amount': 'het bedrag is niet zeker te lezen (een spatie tussen de cijfers?)',
};

/** Words that may stand in a household cell next to the code (`huishouden 12`, `hh nr 7`). */
const CODE_WORDS = new Set(['hh', 'huishouden', 'gezin', 'nr', 'nummer']);

/**
 * Whether a household cell holds a name or other personal data rather than a code: a word of
 * letters only (`Jansen 12`, `fam. El Idrissi`), a capitalised word glued to the digits
 * (`Jansen12`), or anything the privacy detector finds (a phone number, a postcode). Codes such
 * as `HH-12`, `12`, `7B`, `NRD12` pass.
 */
function looksLikeName(cell: string, now: Date): boolean {
  const words = cell.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  if (words.some((w) => /^\p{L}{2,}$/u.test(w) && !CODE_WORDS.has(w.toLowerCase()))) return true;
  if (/\p{Lu}\p{Ll}{2,}/u.test(cell)) return true;
  return findPersonalData(cell, now).length > 0;
}

/** Reads one record into a row. */
function readRow(
  record: CsvRecord,
  columns: Partial<Record<SheetField, number>>,
  decimal: ',' | '.',
  options: ReadSheetOptions,
  slashOrder: 'dmy' | 'mdy' | 'mixed' | 'unsure',
): SheetRow {
  const problems: string[] = [];
  // Rule 11: a cell with personal data is refused by its column and kind, and is only ever
  // read, judged and shown masked.
  const personal = new Set<SheetField>();
  const cells = new Map<SheetField, string>();
  for (const [field, index] of Object.entries(columns) as [SheetField, number][]) {
    const raw = record.cells[index] ?? '';
    const masked = maskImportText(raw, options.now);
    if (masked.kinds.length > 0) {
      personal.add(field);
      problems.push(personalDataProblem(`kolom ${FIELD_NAMES[field]}`, masked.kinds));
    }
    cells.set(field, masked.kinds.length > 0 ? masked.text.trim() : cleanText(raw).trim());
  }
  const cell = (field: SheetField) => cells.get(field) ?? '';
  let kind: 'grant' | 'deposit' = options.deposits ? 'deposit' : 'grant';
  const kindCell = letters(cell('kind'));
  if (!options.deposits && columns.kind !== undefined) {
    if (DEPOSIT_WORDS.has(kindCell)) kind = 'deposit';
    else if (!GRANT_WORDS.has(kindCell))
      problems.push(`soort "${cell('kind')}" ken ik niet: "toekenning" of "storting"`);
  }

  const dateCell = cell('date');
  const slashed = /^\s*\d{1,2}\/\d{1,2}\//.test(dateCell);
  const date = readSheetDate(dateCell, slashOrder === 'mdy' ? 'mdy' : 'dmy');
  if (dateCell === '') problems.push('de datum ontbreekt');
  else if (
    slashed &&
    date !== null &&
    (slashOrder === 'mixed' || (slashOrder === 'unsure' && decimal === '.'))
  )
    problems.push(
      `de datum "${dateCell.slice(0, 20)}" kan dag-maand of maand-dag zijn: schrijf dd-mm-jjjj of jjjj-mm-dd`,
    );
  else if (date === null)
    problems.push(`de datum "${dateCell.slice(0, 20)}" is niet te lezen (dd-mm-jjjj)`);

  const amountCell = cell('amount');
  const amount = parseAmountCell(amountCell, decimal);
  let cents: number | null = null;
  if (amountCell === '') problems.push('het bedrag ontbreekt');
  else if (!amount.ok) problems.push(AMOUNT_REASON[amount.problem]);
  else cents = amount.cents;

  let household = '';
  const householdCell = cell('household');
  if (kind === 'grant') {
    const reading = readHouseholdCode(householdCell);
    if (householdCell === '') problems.push('de huishoudcode ontbreekt');
    else if (!reading.ok && reading.problem === 'ambiguous-code')
      problems.push(`huishoudcode "${householdCell}" is niet zeker (12 of 120?)`);
    else if (personal.has('household')) {
      // said above, by its kind
    } else if (!reading.ok && reading.problem === 'several-codes')
      problems.push(
        `huishoudcode "${householdCell}" noemt meer dan één huishouden: één huishouden per regel`,
      );
    else if (!reading.ok || looksLikeName(householdCell, options.now))
      problems.push(
        'een naam of ander gegeven in plaats van een huishoudcode (gebruik bijv. HH-12)',
      );
    else household = reading.code;
  } else if (householdCell !== '') {
    problems.push('een storting hoort niet bij een huishouden: laat de huishoudcode leeg');
  }

  const description = cell('description').replace(/\s+/g, ' ');
  if (Array.from(description).length > MAX_DESCRIPTION_CHARS)
    problems.push(`de omschrijving is langer dan ${MAX_DESCRIPTION_CHARS} tekens`);

  let preventedCents: number | null = null;
  let preventedText: string | null = null;
  const preventedCell = cell('prevented').replace(/\s+/g, ' ');
  if (preventedCell !== '' && kind === 'grant') {
    const plain = parseAmountCell(preventedCell, decimal);
    if (plain.ok) preventedCents = plain.cents;
    else {
      const m = /^(.*?)[\s:]*((?:€|eur|euro)?\s*\d[\d.,]*(?:\s*(?:€|euro?))?)$/i.exec(
        preventedCell,
      );
      const reading = m ? parseAmountCell(m[2]!, decimal) : null;
      if (m && reading?.ok) {
        preventedCents = reading.cents;
        preventedText = m[1]!.trim() || null;
      } else {
        problems.push(
          `wat het voorkomt ("${preventedCell.slice(0, 30)}") is niet te lezen: een bedrag, bijv. "boete 95,00"`,
        );
      }
    }
  }

  return {
    line: record.line,
    kind,
    date,
    cents,
    household,
    description,
    preventedCents,
    preventedText,
    problems,
  };
}

/**
 * Reads a spreadsheet of grants (or, with `deposits`, of deposits). The separator is Excel's
 * `sep=` line, or the first of `;`, `,`, tab under which the header names the needed columns
 * (datum/date, bedrag/amount and, for grants, huishouden/household). The decimal separator follows
 * the style: `,` in a `;` or tab file, `.` in a `,` file (see parseAmountCell). Empty rows are
 * skipped; every other row comes back, with its problems.
 *
 * @example
 * readGrantSheet('datum;bedrag;huishouden;omschrijving\n2-3-2026;33,00;HH-12;grofvuil', { now }).rows[0]
 * // { line: 2, kind: 'grant', date: '2026-03-02', cents: 3300, household: '12', description: 'grofvuil', … }
 */
export function readGrantSheet(text: string, options: ReadSheetOptions): ReadSheet {
  const declared = declaredSeparator(text);
  const body = declared ? declared.rest : text;
  const shift = declared ? declared.lines : 0;
  const required = options.deposits ? REQUIRED_DEPOSIT : REQUIRED_GRANT;
  const candidates = declared ? [declared.separator] : SEPARATORS;
  let best: {
    separator: string;
    records: CsvRecord[];
    found: Partial<Record<SheetField, number>>;
  } | null = null;
  let openQuote: number | null = null;
  let missingNamed: string[] = [];
  for (const separator of candidates) {
    const parsed = parseCsv(body, separator);
    if (!parsed.ok) {
      openQuote ??= parsed.line + shift;
      continue;
    }
    const header = parsed.records[0];
    if (!header) continue;
    const mapped = mapColumns(header.cells, options.columns);
    if (required.every((field) => mapped.found[field] !== undefined)) {
      best = { separator, records: parsed.records, found: mapped.found };
      missingNamed = mapped.missingNamed;
      break;
    }
    if (separator === candidates[0]) missingNamed = mapped.missingNamed;
  }
  if (!best) {
    if (missingNamed.length > 0)
      return {
        ok: false,
        problem: `--columns: de kolom ${missingNamed.join(', ')} staat niet in de eerste regel van het bestand.`,
      };
    if (openQuote !== null)
      return {
        ok: false,
        problem: `regel ${openQuote}: een aanhalingsteken (") wordt niet gesloten; is dit wel een CSV-bestand?`,
      };
    const needed = required.map((field) => FIELD_NAMES[field]).join(', ');
    return {
      ok: false,
      problem: `in de eerste regel staan de kolommen ${needed} niet: dit lijkt geen CSV met ${options.deposits ? 'stortingen' : 'toekenningen'}. Zet een kopregel als "datum;bedrag;huishouden;omschrijving" bovenaan, of noem de kolommen met --columns datum=…,bedrag=…`,
    };
  }
  const [header, ...records] = best.records;
  const decimal = best.separator === ',' ? '.' : ',';
  const columns: Partial<Record<SheetField, string>> = {};
  for (const [field, index] of Object.entries(best.found) as [SheetField, number][]) {
    columns[field] = cleanText(header!.cells[index] ?? '').trim();
  }
  const used = new Set(Object.values(best.found));
  const ignored = header!.cells
    .map((h, i) => ({ h: cleanText(h).trim(), i }))
    .filter(({ h, i }) => h !== '' && !used.has(i))
    .map(({ h }) => h);
  const filled = records.filter((record) => record.cells.some((c) => c.trim() !== ''));
  const dateColumn = best.found.date!;
  const slashOrder = slashDateOrder(filled.map((record) => record.cells[dateColumn] ?? ''));
  const rows = filled.map((record) =>
    readRow(
      { line: record.line + shift, cells: record.cells },
      best.found,
      decimal,
      options,
      slashOrder,
    ),
  );
  return { ok: true, separator: best.separator, columns, ignored, rows };
}
