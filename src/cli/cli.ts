import { readReplayFile } from './replay-file.ts';
import { parseArgs } from 'node:util';
import { MmbError } from '../core/errors.ts';

// Each command loads its own modules when it runs (`await import(…)`): `mmb state` or
// `mmb outbox` never loads grammY, Baileys, BullMQ or pdfkit, and starts in a fraction of a second.

const USAGE = `gebruik:
  mmb start                         de bot starten (zonder platform: de console-chat)
  mmb worker                        termijnen en overzichten via Redis afhandelen, naast de bot (REDIS_URL)
  mmb purge [--dry-run]             nu opruimen wat na MMB_RETENTION_DAYS weg mag (de bot doet het dagelijks)
  mmb replay FILE [--config FILE] [--db FILE] [--until ISO-TIJD] [--json]
  mmb state --db FILE [--json]
  mmb export (--team ID | --all) [--cycle N|vorige | --from DATUM --to DATUM] [--format csv|pdf] [--out FILE] [--met-huishoudens]
  mmb backup BESTAND [--db FILE] [--force]
  mmb web [--port N]                de monitor: een webpagina met de cijfers (MMB_WEB_PORT, MMB_PUBLIC_URL)
  mmb whatsapp link [--pairing-number 31612345678]   de bot aan zijn WhatsApp-nummer koppelen (bot gestopt)
  mmb import grants BESTAND --team ID [--apply [--skip-bad]] [--ook-vergelijkbare] [--columns …] [--deposits BESTAND]
  mmb import whatsapp CHAT.txt --team ID [--apply] [--ook-vergelijkbare] [--date-order dmy|mdy]
  mmb outbox [--text] | --retry ID | --all-failed   wat nog verstuurd moet worden; opgegeven berichten terugzetten
  mmb whatsapp replay FILE [--config FILE] [--db FILE] [--json]   Baileys-gebeurtenissen afspelen`;

/**
 * The `mmb` command line. Returns the exit code: 0 fine, 1 a problem while running, 2 wrong input.
 *
 * @example
 * await main(['replay', 'gesprek.jsonl', '--json']) // prints one JSON object, returns 0
 */
export async function main(argv: string[]): Promise<number> {
  const [command = 'start', ...rest] = argv;
  try {
    if (command === 'start') return await (await import('../app/main.ts')).startBot();
    if (command === 'worker') return await (await import('../app/worker.ts')).runWorker(rest);
    if (command === 'purge') return (await import('./purge.ts')).runPurge(rest);
    if (command === 'replay') return await runReplay(rest);
    if (command === 'state') return await runState(rest);
    if (command === 'export') return await (await import('./export.ts')).runExport(rest);
    if (command === 'web') return await (await import('./web.ts')).runWeb(rest);
    if (command === 'backup') return await (await import('./backup.ts')).runBackup(rest);
    if (command === 'whatsapp') {
      return await (await import('./whatsapp.ts')).runWhatsApp(rest);
    }
    if (command === 'import') return await (await import('./import.ts')).runImport(rest);
    if (command === 'outbox') return (await import('./outbox.ts')).runOutbox(rest);
    if (command === 'help' || command === '--help') {
      console.log(USAGE);
      return 0;
    }
    console.error(`Onbekend commando "${command}".\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof MmbError) {
      console.error(`mmb: ${error.message}`);
      return error.exitCode;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`mmb: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

async function runReplay(args: string[]): Promise<number> {
  const { values, input } = readReplayFile(
    args,
    {
      config: { type: 'string' },
      db: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    'replay file',
    USAGE,
  );
  const [{ parseReplay }, { loadBotConfig }, { openDatabase }, { replay }, { formatCents }, time] =
    await Promise.all([
      import('./replay-input.ts'),
      import('../store/bot-config.ts'),
      import('../store/database.ts'),
      import('./replay.ts'),
      import('../text/money.ts'),
      import('../text/time.ts'),
    ]);
  const { formatDeadline } = time;
  const lines = parseReplay(input);
  const until = values.until === undefined ? undefined : new Date(values.until);
  if (until && Number.isNaN(until.getTime())) {
    throw new MmbError(
      `--until "${values.until}" is not a time.`,
      'Use ISO, e.g. 2026-03-04T12:00:00+01:00.',
    );
  }
  const config = values.config ? loadBotConfig(values.config) : undefined;
  const db = openDatabase(values.db ?? ':memory:', { label: '--db' });
  try {
    const result = await replay(db, lines, {
      ...(config ? { config } : {}),
      ...(until ? { until } : {}),
    });
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      for (const reply of result.replies) {
        const text = reply.text.replace(/\n/g, '\n    ');
        console.log(`${formatDeadline(new Date(reply.at))} [${reply.chat}] 🤖 ${text}`);
        for (const name of reply.files ?? []) console.log(`    📎 ${name}`);
      }
      for (const team of result.teams) {
        console.log(
          `— ${team.id}: saldo ${formatCents(team.balanceCents)}, gereserveerd ${formatCents(team.reservedCents)}, beschikbaar ${formatCents(team.availableCents)}`,
        );
      }
    }
  } finally {
    db.close();
  }
  return 0;
}

async function runState(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (!values.db) throw new MmbError('Give the database with --db FILE.', USAGE);
  const [{ openDatabase, readProblem }, { takeSnapshot }, { Statements }, { formatCents }] =
    await Promise.all([
      import('../store/database.ts'),
      import('../store/snapshot.ts'),
      import('../store/statements.ts'),
      import('../text/money.ts'),
    ]);
  // Read-only and as it is: state never creates, migrates or changes the file it inspects.
  const file = values.db;
  const db = openDatabase(file, {
    access: 'read',
    label: '--db',
    onNotice: (line) => console.error(line),
  });
  try {
    let snapshot;
    try {
      snapshot = takeSnapshot(new Statements(db));
    } catch (error) {
      throw readProblem(error, db, file, { label: '--db' });
    }
    if (values.json) console.log(JSON.stringify(snapshot, null, 2));
    else {
      for (const team of snapshot.teams) {
        console.log(
          `${team.id}: saldo ${formatCents(team.balanceCents)}, gereserveerd ${formatCents(team.reservedCents)}, beschikbaar ${formatCents(team.availableCents)}, toegekend ${formatCents(team.grantedCents)}`,
        );
      }
      const open = snapshot.requests.filter((r) => r.status === 'open').length;
      console.log(
        `${snapshot.requests.length} aanvragen (${open} open), ${snapshot.ledger.length} boekingen`,
      );
    }
  } finally {
    db.close();
  }
  return 0;
}
