import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { main } from '../../src/cli/cli.ts';
import { openDatabase } from '../../src/store/database.ts';
import { Harness } from '../support/harness.ts';
import { NOORD_CONFIG } from '../support/team-noord.ts';
import { tempDir } from '../support/temp-dir.ts';

/** What `mmb state --json` tells of a bot's database, as far as the import tests look. */
export interface ImportedState {
  teams: { id: string; balanceCents: number; grantedCents: number }[];
  requests: { number: number; household: string; amountCents: number; status: string }[];
  ledger: { kind: string; amountCents: number; request: number | null }[];
}

/** `mmb` run in-process on a bot's database, its output caught per command. */
export interface ImportCli {
  /** The test's own folder (the database and teams.json live here). */
  readonly dir: string;
  readonly dbPath: string;
  /** What the last command printed, one string per console.log / console.error call. */
  readonly out: string[];
  readonly errors: string[];
  /** Writes a file into the test's folder and gives its path. */
  write(name: string, bytes: Uint8Array | string): string;
  /** Runs `mmb …args` and gives its exit code. */
  mmb(...args: string[]): Promise<number>;
  /** The database as `mmb state --json` tells it. */
  state(): Promise<ImportedState>;
}

/**
 * Before each test: a bot database of team Noord that has run since 1 June 2026 (period 2026 open
 * with € 2.000, team start 5 January), its teams.json, MMB_DB and MMB_CONFIG pointing there, and
 * the console caught; after each, all of it put back.
 *
 * @example
 * const cli = useImportCli('mmb-import-');
 * it('…', async () => { expect(await cli.mmb('import', 'grants', file, '--team', 'noord')).toBe(0) });
 */
export function useImportCli(prefix: string): ImportCli {
  const saved = { MMB_DB: process.env.MMB_DB, MMB_CONFIG: process.env.MMB_CONFIG };
  const cli = {
    dir: '',
    dbPath: '',
    out: [] as string[],
    errors: [] as string[],
    write(name: string, bytes: Uint8Array | string): string {
      const path = join(cli.dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    async mmb(...args: string[]): Promise<number> {
      cli.out = [];
      cli.errors = [];
      return main(args);
    },
    async state(): Promise<ImportedState> {
      await cli.mmb('state', '--db', cli.dbPath, '--json');
      return JSON.parse(cli.out.join('\n')) as ImportedState;
    },
  };
  beforeEach(() => {
    cli.dir = tempDir(prefix);
    cli.dbPath = join(cli.dir, 'mmb.sqlite');
    const h = new Harness(NOORD_CONFIG, '2026-06-01T09:00:00+02:00', {
      db: openDatabase(cli.dbPath),
    });
    h.db.close();
    writeFileSync(join(cli.dir, 'teams.json'), JSON.stringify(NOORD_CONFIG));
    process.env.MMB_DB = cli.dbPath;
    process.env.MMB_CONFIG = join(cli.dir, 'teams.json');
    cli.out = [];
    cli.errors = [];
    vi.spyOn(console, 'log').mockImplementation(
      (...a: unknown[]) => void cli.out.push(a.join(' ')),
    );
    vi.spyOn(console, 'error').mockImplementation(
      (...a: unknown[]) => void cli.errors.push(a.join(' ')),
    );
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  return cli;
}
