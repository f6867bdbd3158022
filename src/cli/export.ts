import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EMPTY_CONFIG, loadBotConfig } from '../store/bot-config.ts';
import { openDatabase, readProblem } from '../store/database.ts';
import { DatabaseError } from '../store/database-errors.ts';
import { configPath, loadDotEnv, loadEnv } from '../app/env.ts';
import { argsProblem } from '../core/args-problem.ts';
import { MmbError } from '../core/errors.ts';
import {
  EXPORT_FORMATS,
  exportFormat,
  isExportFormatName,
  type ExportFormatName,
} from '../overview/export-formats.ts';
import { grantCount, lastMoment, overviewTotals } from '../overview/export-totals.ts';
import { formatCents } from '../text/money.ts';
import type { Overview } from '../overview/overview.ts';
import { overviewFor, type OverviewRequest } from '../overview/overview-store.ts';
import { Statements } from '../store/statements.ts';
import { teamsAsConfigured } from '../store/configured-teams.ts';
import type { Team } from '../store/teams.ts';
import { localDateOf, startOfLocalDate } from '../text/time.ts';

/** The export formats' names (src/overview/export-formats.ts); the first is the default. */
const FORMATS = EXPORT_FORMATS.map((format) => format.name);
const [DEFAULT_FORMAT, ...OTHER_FORMATS] = FORMATS;
/** 'csv of pdf' */
const FORMAT_CHOICE = `${FORMATS.slice(0, -1).join(', ')} of ${FORMATS.at(-1)}`;

export const EXPORT_USAGE = `gebruik: mmb export (--team ID | --all) [--cycle N|vorige|huidige | --from JJJJ-MM-DD [--to JJJJ-MM-DD]]
                  [--format ${FORMATS.join('|')}] [--out BESTAND] [--met-huishoudens]
  --team ID          één team (mag vaker: --team noord --team zuid)
  --all              alle teams, per team en samen
  --cycle N          ronde N van elk team; 'vorige' (standaard) of 'huidige' (tot nu)
  --from, --to       elke periode, beide dagen inbegrepen (Amsterdamse tijd); --to is standaard vandaag
  --format           ${DEFAULT_FORMAT} (standaard, of wat --out als extensie heeft) of ${OTHER_FORMATS.join(' of ')}
  --out BESTAND      standaard mmb-overzicht-<team|alle>-<van>-<tot>.<${FORMATS.join('|')}> in deze map
  --met-huishoudens  huishoudcodes opnemen (alleen voor intern gebruik)
Leest MMB_DB en MMB_CONFIG zoals de bot.`;

/** A wrong command line: told to the user with the option it is about, exit code 2. */
class ExportArgumentError extends Error {}

const wrong = (message: string) => new ExportArgumentError(message);

/** What `mmb export` was asked, checked. */
export interface ExportArguments {
  teams: string[] | 'all';
  request: OverviewRequest;
  format: ExportFormatName;
  out: string | null;
  households: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local date from an option, or an error naming the option. */
function localDate(option: string, value: string): string {
  const real =
    ISO_DATE.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!real) {
    throw wrong(`${option} "${value}" is geen datum: gebruik JJJJ-MM-DD, bijv. 2026-03-02.`);
  }
  return value;
}

/** The day after a local date (YYYY-MM-DD). */
function nextDay(date: string): string {
  return localDateOf(new Date(startOfLocalDate(date).getTime() + 36 * 3_600_000));
}

/**
 * Reads and checks the arguments of `mmb export`. Throws an error that names the wrong option.
 * `today` is the local date `--to` defaults to.
 *
 * @example
 * parseExportArgs(['--team', 'noord', '--from', '2026-03-01', '--to', '2026-03-31'], '2026-04-02').request
 * // { kind: 'range', from: 2026-03-01 00:00 Amsterdam, to: 2026-04-01 00:00 Amsterdam }
 */
export function parseExportArgs(args: string[], today: string): ExportArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      allowPositionals: false,
      strict: true,
      options: {
        team: { type: 'string', multiple: true },
        all: { type: 'boolean', default: false },
        cycle: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'met-huishoudens': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw wrong(argsProblem(error) ?? 'de argumenten kloppen niet.');
  }
  const teams = values.team ?? [];
  if (values.all && teams.length) {
    throw wrong('--team en --all gaan niet samen.');
  }
  if (!values.all && !teams.length) {
    throw wrong('Kies --team ID of --all.');
  }
  for (const id of teams) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_:@.-]{0,199}$/.test(id)) {
      throw wrong(`--team "${id}" is geen team-id.`);
    }
  }

  let request: OverviewRequest;
  if (values.cycle !== undefined && (values.from !== undefined || values.to !== undefined)) {
    throw wrong('--cycle en --from/--to gaan niet samen.');
  }
  if (values.to !== undefined && values.from === undefined) {
    throw wrong('--to heeft --from nodig.');
  }
  if (values.from !== undefined) {
    const from = localDate('--from', values.from);
    const to = localDate('--to', values.to ?? today);
    if (to < from) {
      throw wrong(`--to ${to} ligt vóór --from ${from}.`);
    }
    request = { kind: 'range', from: startOfLocalDate(from), to: startOfLocalDate(nextDay(to)) };
  } else {
    const cycle = (values.cycle ?? 'vorige').toLowerCase();
    if (cycle === 'vorige' || cycle === 'previous') request = { kind: 'previous' };
    else if (cycle === 'huidige' || cycle === 'current') request = { kind: 'current' };
    else if (/^[1-9]\d{0,4}$/.test(cycle)) request = { kind: 'cycle', cycle: Number(cycle) };
    else {
      throw wrong(
        `--cycle "${values.cycle}" kan niet: een rondenummer (1, 2, …), 'vorige' of 'huidige'.`,
      );
    }
  }

  const ending = values.out?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const extension = ending !== undefined && isExportFormatName(ending) ? ending : undefined;
  let format: ExportFormatName;
  if (values.format === undefined) format = extension ?? DEFAULT_FORMAT!;
  else if (isExportFormatName(values.format)) format = values.format;
  else throw wrong(`--format "${values.format}" kan niet: ${FORMAT_CHOICE}.`);
  if (extension && extension !== format) {
    throw wrong(
      `--out eindigt op .${extension} maar --format is ${format}: die passen niet bij elkaar.`,
    );
  }
  if (values.out !== undefined) {
    if (values.out.trim() === '' || values.out.endsWith('/')) {
      throw wrong(`--out "${values.out}" is geen bestandsnaam.`);
    }
  }

  return {
    teams: values.all ? 'all' : [...new Set(teams)],
    request,
    format,
    out: values.out ?? null,
    households: values['met-huishoudens'],
  };
}

/**
 * A tiny progress bar on stderr, redrawn in place; silent when stderr is not a terminal (a log
 * file or a pipe gets the one closing line on stdout instead). Twenty lines: no dependency needed.
 */
export class ProgressBar {
  private done = 0;

  constructor(
    private readonly stream: { write(text: string): unknown; isTTY?: boolean },
    private readonly total: number,
    private readonly label: string,
  ) {}

  /** One more done; `what` says which. */
  tick(what: string): void {
    this.done += 1;
    if (!this.stream.isTTY) return;
    const width = 24;
    const filled = Math.round((this.done / this.total) * width);
    this.stream.write(
      `\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${what.slice(0, 30).padEnd(30)}`,
    );
  }

  /** Clears the bar (a terminal only). */
  finish(): void {
    if (this.stream.isTTY) this.stream.write('\r\x1b[2K');
  }
}

/** The default file name: mmb-overzicht-<team|alle>-<from>-<to>.<ext>. */
function defaultName(overviews: Overview[], teams: string[] | 'all', format: string): string {
  const from = localDateOf(new Date(Math.min(...overviews.map((o) => Date.parse(o.from)))));
  const to = localDateOf(new Date(Math.max(...overviews.map((o) => lastMoment(o).getTime()))));
  const who = teams === 'all' ? 'alle' : teams.join('-');
  return `mmb-overzicht-${who}-${from}-${to}.${format}`;
}

/** Writes the file whole or not at all: a temporary file next to it, then a rename. */
function writeWhole(path: string, bytes: Uint8Array): void {
  const temporary = resolve(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, bytes, { mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function describe(request: OverviewRequest): string {
  if (request.kind === 'cycle') return `ronde ${request.cycle}`;
  if (request.kind === 'previous') return 'de vorige ronde';
  if (request.kind === 'current') return 'de huidige ronde';
  return 'die periode';
}

/**
 * `mmb export …`: the overview of one team or all teams, over a cycle or any range, as CSV or
 * PDF, written to a file. Returns the exit code: 0 written, 1 a problem while running, 2 wrong
 * input (then nothing is written).
 *
 * @example
 * await runExport(['--all', '--cycle', '2', '--format', 'pdf']) // writes mmb-overzicht-alle-….pdf
 */
export async function runExport(args: string[], now: Date = new Date()): Promise<number> {
  try {
    if (args.includes('--help') || args.includes('-h')) {
      console.log(EXPORT_USAGE);
      return 0;
    }
    const options = parseExportArgs(args, localDateOf(now));
    loadDotEnv();
    const env = loadEnv();
    const file = configPath(env);
    const config = file ? loadBotConfig(file) : EMPTY_CONFIG;
    if (env.MMB_DB !== ':memory:' && !existsSync(env.MMB_DB)) {
      throw wrong(
        `MMB_DB: de database ${env.MMB_DB} bestaat niet. Wijs MMB_DB naar de database van de bot.`,
      );
    }
    const out = options.out === null ? null : resolve(options.out);
    if (out !== null) {
      const folder = dirname(out);
      if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw wrong(`--out: de map ${folder} bestaat niet.`);
      }
      if (existsSync(out) && statSync(out).isDirectory()) {
        throw wrong(`--out ${options.out} is een map: geef een bestandsnaam.`);
      }
    }

    // Read-only and as it is: an export never creates, migrates or changes the database.
    const db = openDatabase(env.MMB_DB, {
      access: 'read',
      label: 'MMB_DB',
      onNotice: (line) => console.error(line),
    });
    let overviews: Overview[];
    try {
      const sql = new Statements(db);
      const known = teamsAsConfigured(sql, config);
      let teams: Team[];
      if (options.teams === 'all') {
        teams = known;
        if (teams.length === 0) throw wrong('--all: er staan nog geen teams in de database.');
      } else {
        teams = options.teams.map((id) => {
          const team = known.find((t) => t.id === id);
          if (!team) {
            const ids = known.map((t) => t.id).join(', ') || 'geen';
            throw wrong(`--team "${id}": dat team staat niet in de database. Teams: ${ids}.`);
          }
          return team;
        });
      }
      const progress =
        teams.length > 1 ? new ProgressBar(process.stderr, teams.length, 'export') : null;
      overviews = [];
      const missing: string[] = [];
      for (const team of teams) {
        const overview = overviewFor(sql, team, options.request, now);
        if (overview) overviews.push(overview);
        else missing.push(team.id);
        progress?.tick(team.name);
      }
      progress?.finish();
      if (overviews.length === 0) {
        throw wrong(
          `${options.request.kind === 'range' ? '--from/--to' : '--cycle'}: ${describe(options.request)} bestaat (nog) niet voor ${missing.join(', ')} Probeer --cycle huidige of --from/--to.`,
        );
      }
      if (missing.length) {
        console.error(
          `mmb export: geen ${describe(options.request)} voor ${missing.join(', ')}; die teams staan er niet in.`,
        );
      }
    } catch (error) {
      throw readProblem(error, db, env.MMB_DB, { label: 'MMB_DB' });
    } finally {
      db.close();
    }

    const bytes = exportFormat(options.format)!.render(overviews, {
      households: options.households,
    });
    const path = out ?? resolve(defaultName(overviews, options.teams, options.format));
    writeWhole(path, bytes);
    const totals = overviewTotals(overviews);
    console.log(
      `${path}: ${overviews.length === 1 ? overviews[0]!.teamName : `${overviews.length} teams`}, ${grantCount(totals.grants)}, uitgegeven ${formatCents(totals.spentCents)}${options.households ? ' (met huishoudcodes)' : ''}.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DatabaseError) {
      console.error(`mmb export: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ExportArgumentError || error instanceof MmbError) {
      console.error(`mmb export: ${error.message}\n${EXPORT_USAGE.split('\n')[0]}`);
      return 2;
    }
    throw error;
  }
}
