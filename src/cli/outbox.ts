import { parseArgs } from 'node:util';
import { MmbError } from '../core/errors.ts';
import { inWriteTransaction, openDatabase, readProblem } from '../store/database.ts';
import { Statements } from '../store/statements.ts';
import {
  deliveryStateOf,
  givenUpIds,
  putBack,
  unsentMessages,
  type UnsentMessage,
} from '../store/outbox.ts';
import { formatDeadline } from '../text/time.ts';
import { commandPaths } from '../app/env.ts';

export const OUTBOX_USAGE = `gebruik: mmb outbox [--text] | --retry ID [--retry ID …] | --all-failed
  laat zien wat nog verstuurd moet worden en wat de bot heeft opgegeven (nummer, chat, soort,
  pogingen, laatste fout, wanneer); de tekst van de berichten alleen met --text.
  --retry ID     zet een opgegeven bericht terug: pogingen op 0, volgende poging nu
  --all-failed   zet alle opgegeven berichten terug
  Leest MMB_DB (en .env); werkt met en zonder Redis, ook naast de draaiende bot.`;

type Row = UnsentMessage;

const wrong = (message: string) => new MmbError(message, '');

const times = (n: number) => `${n} ${n === 1 ? 'poging' : 'pogingen'}`;

/** One message as a line (and its text, indented, with `--text`). */
function line(row: Row, withText: boolean): string {
  const when =
    row.failed_at === null
      ? `volgende poging ${formatDeadline(new Date(row.next_attempt_at))}`
      : `opgegeven ${formatDeadline(new Date(row.failed_at))}`;
  const error = row.last_error ? `, laatste fout ${row.last_error}` : '';
  const head = `  #${row.id}  ${row.chat_id}  ${row.purpose}  ${times(row.attempts)}${error}, ${when}`;
  return withText ? `${head}\n    ${row.text.replace(/\n/g, '\n    ')}` : head;
}

/**
 * What waits to be delivered and what was given up, in Dutch, a line each (the message text only
 * with `withText`).
 */
export function outboxReport(sql: Statements, withText: boolean): string[] {
  const rows = unsentMessages(sql);
  const waiting = rows.filter((row) => row.failed_at === null);
  const failed = rows.filter((row) => row.failed_at !== null);
  const out = [`Wacht op verzending: ${waiting.length}`];
  out.push(...waiting.map((row) => line(row, withText)));
  out.push(`Opgegeven: ${failed.length}`);
  out.push(...failed.map((row) => line(row, withText)));
  if (failed.length > 0)
    out.push('Terugzetten: mmb outbox --retry NUMMER (één bericht) of --all-failed (alle).');
  return out;
}

/**
 * Puts given-up messages back (attempts 0, next attempt `now`) in one transaction. Every id
 * must be a message that was given up; otherwise nothing changes. Returns the ids put back.
 */
export function retryFailed(sql: Statements, ids: number[] | 'all', now: Date): number[] {
  return inWriteTransaction(sql.db, () => {
    const chosen = ids === 'all' ? givenUpIds(sql) : ids;
    for (const id of chosen) {
      const row = deliveryStateOf(sql, id);
      if (!row) throw wrong(`--retry ${id}: er is geen bericht #${id} in de outbox.`);
      if (row.sent_at !== null) throw wrong(`--retry ${id}: bericht #${id} is al verstuurd.`);
      if (row.failed_at === null)
        throw wrong(
          `--retry ${id}: bericht #${id} is niet opgegeven; het wacht nog op verzending.`,
        );
      putBack(sql, id, now);
    }
    return chosen;
  });
}

/**
 * `mmb outbox`: lists the outbox of MMB_DB (read-only), or puts given-up messages back
 * (`--retry ID`, `--all-failed`; the database must exist). Exit 2 on wrong input.
 *
 * @example
 * runOutbox(['--all-failed']) // 'Teruggezet: #12, #15. …', returns 0
 */
export function runOutbox(args: string[], now: Date = new Date()): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      text: { type: 'boolean', default: false },
      retry: { type: 'string', multiple: true },
      'all-failed': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(OUTBOX_USAGE);
    return 0;
  }
  if (positionals.length > 0) throw wrong(`Onbekend argument "${positionals[0]}".`);
  const retry = values.retry ?? [];
  const allFailed = values['all-failed'];
  if (retry.length > 0 && allFailed) throw wrong('Kies --retry ID of --all-failed, niet allebei.');
  const ids = retry.map((text) => {
    if (!/^[1-9]\d{0,15}$/.test(text))
      throw wrong(`--retry "${text}" is geen berichtnummer (een heel getal, bv. --retry 12).`);
    return Number(text);
  });
  const change = allFailed || ids.length > 0;
  const { database } = commandPaths();
  // Listing only reads; putting back writes, but never creates or migrates a database.
  const db = openDatabase(database.path, {
    access: change ? 'existing' : 'read',
    label: database.label,
    onNotice: (line) => console.error(line),
  });
  try {
    const sql = new Statements(db);
    if (!change) {
      let report: string[];
      try {
        report = outboxReport(sql, values.text);
      } catch (error) {
        throw readProblem(error, db, database.path, { label: database.label });
      }
      console.log(report.join('\n'));
      return 0;
    }
    const done = retryFailed(sql, allFailed ? 'all' : ids, now);
    console.log(
      done.length === 0
        ? 'Er waren geen opgegeven berichten; er is niets veranderd.'
        : `Teruggezet: ${done.map((id) => `#${id}`).join(', ')}. De draaiende bot verstuurt ${done.length === 1 ? 'het' : 'ze'} bij zijn volgende verzendronde (uiterlijk binnen een uur, meteen na een herstart).`,
    );
    return 0;
  } finally {
    db.close();
  }
}
