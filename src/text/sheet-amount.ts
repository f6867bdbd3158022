/**
 * Amounts in spreadsheet cells (the grants import, docs/rules.md rule 2): one amount per cell, in
 * the decimal style of the file. Chat amounts are read by money.ts, which also turns the digits
 * read here into cents (centsFromDigits), so both agree on zero, too-large and negative.
 *
 * Pure: no I/O. Never throws on any string.
 */

import { centsFromDigits, MINUS, type AmountProblem } from './money.ts';

/** A run of digits with its separators: what a spreadsheet cell's amount is made of. */
const CELL_NUMBER = /^\d[\d.,]*$/;

/**
 * @name parseAmountCell
 * @summary Read the amount in one spreadsheet cell (a CSV saved by Excel, LibreOffice, Sheets).
 *
 * @description
 * A cell holds one amount and nothing else: `33`, `33,50`, `€ 1.250,00`, `1250.00`, `€1,250.00`,
 * `33,-`, `EUR 33`, `33 €`. When both `.` and `,` appear, the last one is the decimal separator
 * (one or two digits after it) and the other groups thousands (three digits a group). One
 * separator with one or two digits after it is the decimal separator. One separator with
 * exactly three digits after it is only certain by the file's style: `decimal` is the decimal
 * separator the file uses (`,` for a `;` file as Dutch Excel writes it, `.` for a `,` file), so
 * the other one groups thousands (`1.250` in a Dutch file is € 1.250,00) and a decimal separator
 * with three digits (`1,250` in a Dutch file) is `unreadable`. A minus sign (in front, behind, or
 * accounting brackets `(33,00)`) is `negative`, never taken as a deposit; spaces between digits
 * (`1 250`) are `ambiguous-amount`; an empty cell or anything else is `unreadable`. Never throws.
 *
 * @param cell - the cell's text, unquoted
 * @param decimal - the decimal separator of the file's style
 * @returns the amount in cents, or the problem
 *
 * @example
 * parseAmountCell('€ 1.250,00', ',') //=> { ok: true, cents: 125000 }
 * parseAmountCell('1,250.00', '.')   //=> { ok: true, cents: 125000 }
 * parseAmountCell('1.250', '.')      //=> { ok: false, problem: 'unreadable' }
 */
export function parseAmountCell(
  cell: string,
  decimal: ',' | '.',
): { ok: true; cents: number } | { ok: false; problem: AmountProblem } {
  if (typeof cell !== 'string') return { ok: false, problem: 'unreadable' };
  let s = cell.replace(/\s+/g, ' ').trim();
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  for (let changed = true; changed && s !== '';) {
    changed = false;
    const before = s;
    if (MINUS.has(s[0] ?? '')) {
      negative = true;
      s = s.slice(1).trim();
    } else if (MINUS.has(s[s.length - 1] ?? '') && !/[.,][-–—]{1,2}$/.test(s)) {
      negative = true;
      s = s.slice(0, -1).trim();
    } else if (s[0] === '€') s = s.slice(1).trim();
    else if (s.endsWith('€')) s = s.slice(0, -1).trim();
    else if (/^eur(o)?(?![a-z])/i.test(s)) s = s.replace(/^eur(o)?/i, '').trim();
    else if (/(?<![a-z])eur(o)?$/i.test(s)) s = s.replace(/eur(o)?$/i, '').trim();
    changed = s !== before;
  }
  const dashed = /[.,][-–—]{1,2}$/.exec(s);
  if (dashed) s = s.slice(0, dashed.index);
  if (/^\d+( \d+)+([.,]\d*)?$/.test(s)) return { ok: false, problem: 'ambiguous-amount' };
  if (!CELL_NUMBER.test(s) || (dashed && /[.,]/.test(s.replace(/\.\d{3}/g, '')))) {
    return { ok: false, problem: 'unreadable' };
  }
  const thousands = decimal === ',' ? '.' : ',';
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let integerPart = s;
  let fraction = '';
  let groupChar: string | null = null;
  if (lastDot !== -1 && lastComma !== -1) {
    const sep = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    fraction = s.slice(at + 1);
    integerPart = s.slice(0, at);
    groupChar = sep === '.' ? ',' : '.';
    if (integerPart.includes(sep)) return { ok: false, problem: 'unreadable' };
  } else if (lastDot !== -1 || lastComma !== -1) {
    const sep = lastDot !== -1 ? '.' : ',';
    const parts = s.split(sep);
    const last = parts[parts.length - 1] ?? '';
    if (parts.length === 2 && (last.length === 1 || last.length === 2)) {
      integerPart = parts[0] ?? '';
      fraction = last;
    } else if (parts.length === 2 && last.length === 3 && sep !== thousands) {
      return { ok: false, problem: 'unreadable' };
    } else {
      groupChar = sep;
    }
  }
  if (groupChar !== null) {
    const groups = integerPart.split(groupChar);
    const [first = '', ...rest] = groups;
    if (first.length < 1 || first.length > 3 || rest.some((g) => g.length !== 3)) {
      return { ok: false, problem: 'unreadable' };
    }
    integerPart = groups.join('');
  }
  if (!/^\d+$/.test(integerPart) || !/^\d{0,2}$/.test(fraction)) {
    return { ok: false, problem: 'unreadable' };
  }
  return centsFromDigits(integerPart, fraction, negative);
}
