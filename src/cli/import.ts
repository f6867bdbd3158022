import { basename } from 'node:path';
import { similarDoubt, type ImportResult, type ImportSource } from '../import/import-grants.ts';
import { EMPTY_CONFIG, loadBotConfig } from '../store/bot-config.ts';
import { decodeSheet } from '../text/csv.ts';
import { FIELD_NAMES, readGrantSheet, type SheetField } from '../import/grant-sheet.ts';
import { formatCents } from '../text/money.ts';
import { localDateOf } from '../text/time.ts';
import { commandPaths } from '../app/env.ts';
import {
  applyImport,
  ImportInputError,
  importFailed,
  previewImport,
  readImportArgs,
  readImportFile,
} from '../import/import-booking.ts';
import { IMPORT_WHATSAPP_USAGE, runImportWhatsApp } from './import-whatsapp.ts';

export const IMPORT_USAGE = `gebruik: mmb import grants BESTAND --team ID [--apply] [--skip-bad] [--ook-vergelijkbare] [--columns …] [--deposits BESTAND]
  BESTAND            de toekenningen als CSV (Excel, LibreOffice, Google Sheets): kolommen
                     datum, bedrag, huishouden, omschrijving, en naar wens voorkomt en soort
                     (soort "storting": een storting in de pot in plaats van een toekenning)
  --team ID          het team (moet al in de database van de bot staan)
  --apply            echt boeken, in één keer of niets; zonder --apply alleen laten zien
  --skip-bad         met --apply: regels die niet passen overslaan en de rest boeken
  --ook-vergelijkbare (of --also-similar) ook een toekenning boeken die lijkt op een die al
                     geboekt is (zelfde huishouden en bedrag, hooguit 14 dagen ertussen, uit een
                     ander bestand of de chat); zonder dit blijft die staan als twijfel
  --columns LIJST    kolomnamen als de kopregel anders is: datum=Wanneer,bedrag=Kosten,huishouden=Code
  --deposits BESTAND stortingen uit een tweede CSV (datum;bedrag;omschrijving)
Leest MMB_DB en MMB_CONFIG zoals de bot.

${IMPORT_WHATSAPP_USAGE}`;

/** Wrong input: told with what to do, exit code 2, nothing written. */
const wrong = (message: string) => new ImportInputError(message);

const FIELD_BY_NAME: ReadonlyMap<string, SheetField> = new Map([
  ...(Object.entries(FIELD_NAMES) as [SheetField, string][]).map(
    ([field, name]) => [name, field] as const,
  ),
  ['date', 'date'],
  ['amount', 'amount'],
  ['household', 'household'],
  ['description', 'description'],
  ['prevented', 'prevented'],
  ['type', 'kind'],
]);

/** What `mmb import grants` was asked, checked. */
export interface ImportArguments {
  file: string;
  team: string;
  apply: boolean;
  skipBad: boolean;
  /** `--ook-vergelijkbare` / `--also-similar`: book a grant that looks like one already booked. */
  alsoSimilar: boolean;
  columns: Partial<Record<SheetField, string>>;
  deposits: string | null;
}

/**
 * Reads and checks the arguments of `mmb import grants` (after the word `grants`).
 *
 * @example
 * parseImportArgs(['toekenningen.csv', '--team', 'noord']).apply // false
 */
export function parseImportArgs(args: string[]): ImportArguments {
  const { file, team, values } = readImportArgs(
    args,
    {
      team: { type: 'string' },
      apply: { type: 'boolean', default: false },
      'skip-bad': { type: 'boolean', default: false },
      'ook-vergelijkbare': { type: 'boolean', default: false },
      'also-similar': { type: 'boolean', default: false },
      columns: { type: 'string' },
      deposits: { type: 'string' },
    },
    'CSV-bestand met toekenningen',
  );
  if (values['skip-bad'] && !values.apply) throw wrong('--skip-bad hoort bij --apply.');
  const columns: Partial<Record<SheetField, string>> = {};
  if (values.columns !== undefined) {
    for (const pair of values.columns.split(',')) {
      const [name = '', header = ''] = pair.split('=');
      const field = FIELD_BY_NAME.get(name.trim().toLowerCase());
      if (!field || header.trim() === '' || pair.split('=').length !== 2) {
        throw wrong(
          `--columns "${pair}" kan niet: schrijf veld=kopnaam, bijv. datum=Wanneer,bedrag=Kosten (velden: ${Object.values(FIELD_NAMES).join(', ')}).`,
        );
      }
      columns[field] = header.trim();
    }
  }
  return {
    file,
    team,
    apply: values.apply,
    skipBad: values['skip-bad'],
    alsoSimilar: values['ook-vergelijkbare'] || values['also-similar'],
    columns,
    deposits: values.deposits ?? null,
  };
}

const SHEET_PROBLEM: Record<string, string> = {
  empty: 'is leeg',
  xlsx: 'is een Excel- of LibreOffice-werkmap (.xlsx/.ods), geen CSV: kies "Opslaan als" → CSV',
  xls: 'is een oud Excel-bestand (.xls), geen CSV: kies "Opslaan als" → CSV',
  pdf: 'is een PDF, geen CSV',
  binary: 'is geen tekstbestand, dus geen CSV',
};

/** Reads one CSV file into the rows of an import source; wrong input throws ImportInputError. */
function readSource(
  path: string,
  options: { deposits: boolean; columns: Partial<Record<SheetField, string>>; now: Date },
): { source: ImportSource; about: string } {
  const bytes = readImportFile(path);
  const decoded = decodeSheet(bytes);
  if (!decoded.ok) throw wrong(`${path} ${SHEET_PROBLEM[decoded.problem]}.`);
  const sheet = readGrantSheet(decoded.text, options);
  if (!sheet.ok) throw wrong(`${path}: ${sheet.problem}`);
  const separator = sheet.separator === '\t' ? 'tab' : sheet.separator;
  const columns = Object.entries(sheet.columns)
    .map(([field, header]) => `${FIELD_NAMES[field as SheetField]}="${header}"`)
    .join(', ');
  const about =
    `${basename(path)}: ${decoded.encoding}${decoded.bom ? ' met BOM' : ''}, scheidingsteken ${separator}, kolommen ${columns}` +
    (sheet.ignored.length
      ? `; niet gelezen: ${sheet.ignored.map((h) => `"${h}"`).join(', ')}`
      : '') +
    '.';
  return { source: { fileName: basename(path), rows: sheet.rows }, about };
}

const day = (date: string | null) => {
  if (date === null) return '?'.padEnd(10);
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
};

/** The report, in Dutch: per row, per household, the balance, and the totals. */
export function importReport(result: ImportResult): string[] {
  const lines: string[] = [];
  for (const o of result.outcomes) {
    const { row } = o;
    const amount = row.cents === null ? '?' : formatCents(row.cents);
    const what =
      row.kind === 'deposit'
        ? `storting    ${row.description}`
        : `hh ${row.household || '?'}`.padEnd(10) +
          ` ${(o.category ?? '').padEnd(15)} ${row.description}`;
    let verdict: string;
    if (o.status === 'duplicate') {
      verdict = `al geïmporteerd (${o.earlier!.fileName} regel ${o.earlier!.line}, ${day(localDateOf(o.earlier!.importedAt))}): niet nog eens`;
    } else if (o.status === 'bad') {
      verdict = `past niet: ${o.reasons.join('; ')}`;
    } else if (o.status === 'similar') {
      verdict = 'niet geboekt: lijkt al geboekt (zie twijfel)';
    } else {
      verdict = `past${o.number !== null ? ` (#${o.number})` : ''}${o.period ? `, periode ${o.period}` : ''}`;
    }
    lines.push(
      `${o.fileName} regel ${String(row.line).padStart(3)}  ${day(row.date)}  ${amount.padStart(12)}  ${what.trimEnd()}`,
    );
    lines.push(`      → ${verdict}`);
    for (const warning of o.warnings) lines.push(`      ⚠ twijfel: ${warning}`);
    if (o.similar)
      lines.push(`      ⚠ twijfel: ${similarDoubt(o.similar, o.status !== 'similar')}`);
  }
  lines.push('');
  for (const opened of result.openedPeriods) {
    lines.push(
      `Budgetperiode ${opened.name} was nog niet geopend: de bot opent haar zoals bij de start, met ${formatCents(opened.depositCents)} in de pot.`,
    );
  }
  if (result.households.length) {
    lines.push('Per huishouden (toegekend en open in de periode, met wat er al stond):');
    for (const h of result.households) {
      lines.push(
        `  hh ${h.household} (${h.period}): ${formatCents(h.usedCents)} van ${formatCents(h.capCents)}, waarvan geïmporteerd ${formatCents(h.importedCents)}; nog ${formatCents(Math.max(0, h.capCents - h.usedCents))} mogelijk`,
      );
    }
  }
  const fits = result.outcomes.filter((o) => o.status === 'fits');
  const grants = fits.filter((o) => o.row.kind === 'grant');
  const deposits = fits.filter((o) => o.row.kind === 'deposit');
  const sum = (list: typeof fits) => list.reduce((total, o) => total + (o.row.cents ?? 0), 0);
  lines.push(
    `Saldo: ${formatCents(result.balanceBeforeCents)} → ${formatCents(result.balanceAfterCents)} (toekenningen ${formatCents(sum(grants))}, stortingen ${formatCents(sum(deposits))}).`,
  );
  const bad = result.outcomes.filter((o) => o.status === 'bad').length;
  const duplicate = result.outcomes.filter((o) => o.status === 'duplicate').length;
  const similar = result.outcomes.filter((o) => o.status === 'similar').length;
  lines.push(
    `Samen: ${grants.length} ${grants.length === 1 ? 'toekenning' : 'toekenningen'} en ${deposits.length} ${deposits.length === 1 ? 'storting' : 'stortingen'} passen, ${bad} ${bad === 1 ? 'regel past' : 'regels passen'} niet, ${duplicate} al geïmporteerd.` +
      (similar
        ? ` ${similar} ${similar === 1 ? 'lijkt' : 'lijken'} al geboekt uit een andere bron: niet geboekt (--ook-vergelijkbare boekt ze toch).`
        : ''),
  );
  return lines;
}

/**
 * `mmb import grants FILE --team ID …`: brings a team's earlier grants (and deposits) in from its
 * own spreadsheet. Always shows first what it would book (run on an in-memory copy of the
 * database); with `--apply` books exactly that in one transaction. Returns the exit code: 0 done
 * (or shown), 1 a problem while running, 2 wrong input or a file with rows that do not fit
 * (then nothing is written).
 *
 * @example
 * await runImport(['grants', 'toekenningen.csv', '--team', 'noord']) // prints the dry run
 */
export async function runImport(args: string[], now: Date = new Date()): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === 'whatsapp') return runImportWhatsApp(rest, now);
  if (kind === '--help' || kind === '-h' || rest.includes('--help')) {
    console.log(IMPORT_USAGE);
    return 0;
  }
  try {
    if (kind === undefined) {
      throw wrong(
        'welke import? Gebruik "mmb import grants BESTAND --team ID" of "mmb import whatsapp CHAT.txt --team ID".',
      );
    }
    if (kind !== 'grants') {
      throw wrong(
        `"${kind}" ken ik niet: gebruik "mmb import grants BESTAND --team ID" of "mmb import whatsapp CHAT.txt --team ID".`,
      );
    }
    const options = parseImportArgs(rest);
    const sources = [readSource(options.file, { deposits: false, columns: options.columns, now })];
    if (options.deposits !== null) {
      sources.push(readSource(options.deposits, { deposits: true, columns: {}, now }));
    }
    const { database, config: configFile } = commandPaths();
    const config = configFile ? loadBotConfig(configFile.path) : EMPTY_CONFIG;
    // First on a copy: the file itself is only opened to read.
    const { team, preview } = previewImport(
      database.path,
      config,
      options.team,
      () => sources.map((s) => s.source),
      now,
      { alsoSimilar: options.alsoSimilar },
    );

    const fits = preview.outcomes.filter((o) => o.status === 'fits').length;
    const bad = preview.outcomes.filter((o) => o.status === 'bad').length;
    console.log(
      `Import voor ${team.name} (${team.id})${options.apply ? '' : ' — proef: er is niets geboekt'}.`,
    );
    for (const source of sources) console.log(source.about);
    console.log('');

    const refused = bad > 0 && !options.skipBad;
    if (!options.apply || refused || fits === 0) {
      for (const line of importReport(preview)) console.log(line);
      const similar = preview.outcomes.some((o) => o.status === 'similar');
      if (fits === 0 && bad === 0) {
        console.log(
          similar
            ? 'Er valt niets te boeken: de rest is al geïmporteerd of lijkt al geboekt (zie twijfel).'
            : 'Alles in dit bestand is al geïmporteerd: er valt niets te boeken.',
        );
        return 0;
      }
      if (refused) {
        console.log(
          `${options.apply ? 'Niets geboekt. ' : ''}--apply weigert het bestand zolang er regels niet passen: herstel ze${fits > 0 ? `, of geef --skip-bad om alleen de ${fits} regels die passen te boeken` : ''}.`,
        );
        return options.apply ? 2 : 0;
      }
      if (fits === 0) {
        console.log('Er is niets (nieuws) dat past: niets geboekt.');
        return 0;
      }
      console.log(`Dit was een proef. Met --apply boekt de bot deze ${fits} regels, in één keer.`);
      return 0;
    }

    // Apply: the same rows in one write transaction; it must come out as the preview did.
    const result = applyImport(
      database.path,
      team,
      sources.map((source) => source.source),
      now,
      preview,
      { alsoSimilar: options.alsoSimilar },
    );
    for (const line of importReport(result)) console.log(line);
    const numbers = result.outcomes.filter((o) => o.number !== null).map((o) => o.number!);
    console.log(
      `Geboekt, in één keer: ${numbers.length} toekenningen${numbers.length ? ` (#${Math.min(...numbers)}–#${Math.max(...numbers)})` : ''} en ${result.outcomes.filter((o) => o.status === 'fits' && o.row.kind === 'deposit').length} stortingen.${bad ? ` ${bad} regels overgeslagen (--skip-bad).` : ''}`,
    );
    return 0;
  } catch (error) {
    return importFailed(error, 'mmb import', IMPORT_USAGE.split('\n')[0]!);
  }
}
