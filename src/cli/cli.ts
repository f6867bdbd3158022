import { readReplayFile } from './replay-file.ts';
import { parseArgs } from 'node:util';
import { argsProblem } from '../core/args-problem.ts';
import { MmbError } from '../core/errors.ts';
import { helpPage, usageLines, USAGE } from './usage.ts';

// Each command loads its own modules when it runs (`await import(…)`): `mmb state` or
// `mmb outbox` never loads grammY, Baileys, BullMQ or pdfkit, and starts in a fraction of a second.

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
    if (command === 'help' || command === '--help' || command === '-h') return await help(rest);
    return unknownCommand(command);
  } catch (error) {
    // One line that says what is wrong, and (for wrong input) the one usage line that applies.
    const wrongArgs = argsProblem(error);
    const problem =
      error instanceof MmbError
        ? { message: error.message, exitCode: error.exitCode }
        : wrongArgs === null
          ? null
          : { message: sentence(wrongArgs), exitCode: 2 as const };
    if (problem === null) throw error;
    const usage = problem.exitCode === 2 ? usageLines(argv) : '';
    console.error(`mmb: ${problem.message}${usage ? `\n${usage}` : ''}`);
    return problem.exitCode;
  }
}

/** `mmb help`: the whole list; `mmb help COMMAND`: that command's page. */
async function help(words: string[]): Promise<number> {
  if (words.length === 0) {
    console.log(USAGE);
    return 0;
  }
  const page = await helpPage(words);
  if (page === null) return unknownCommand(words.join(' '));
  console.log(page);
  return 0;
}

/** A command `mmb` does not know: one line and where the list is, never the list itself. */
function unknownCommand(command: string): 2 {
  console.error(`mmb: Het commando "${command}" ken ik niet. Alle commando's: mmb help`);
  return 2;
}

/** A sentence starts with a capital. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

async function runReplay(args: string[]): Promise<number> {
  const { values, input } = readReplayFile(
    args,
    {
      config: { type: 'string' },
      db: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    'replay-bestand',
    'mmb replay gesprek.jsonl --json',
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
      `--until "${values.until}" is geen tijd.`,
      'Schrijf hem als ISO-tijd, bv. 2026-03-04T12:00:00+01:00.',
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
  const { commandPaths } = await import('../app/env.ts');
  const { database } = commandPaths({ db: values.db });
  const [{ openDatabase, readProblem }, { takeSnapshot }, { Statements }, { formatCents }] =
    await Promise.all([
      import('../store/database.ts'),
      import('../store/snapshot.ts'),
      import('../store/statements.ts'),
      import('../text/money.ts'),
    ]);
  // Read-only and as it is: state never creates, migrates or changes the file it inspects.
  const { path: file, label } = database;
  const db = openDatabase(file, {
    access: 'read',
    label,
    onNotice: (line) => console.error(line),
  });
  try {
    let snapshot;
    try {
      snapshot = takeSnapshot(new Statements(db));
    } catch (error) {
      throw readProblem(error, db, file, { label });
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
