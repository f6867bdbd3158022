import { readReplayFile } from './replay-file.ts';
import { parseArgs } from 'node:util';
import { MmbError } from '../core/errors.ts';
import { AdapterState } from '../store/adapter-state.ts';
import { loadBotConfig } from '../store/bot-config.ts';
import { openDatabase } from '../store/database.ts';
import { Statements } from '../store/statements.ts';
import { formatCents } from '../text/money.ts';
import { formatDeadline } from '../text/time.ts';
import { takeSnapshot } from '../store/snapshot.ts';
import { isDatabaseLocked, openBotDatabase } from '../store/bot-lock.ts';
import { commandPaths } from '../app/env.ts';

export const WHATSAPP_USAGE = `gebruik: mmb whatsapp link [--pairing-number 31612345678]
  koppelt de bot als gekoppeld apparaat aan het WhatsApp-nummer van zijn telefoon: scan de
  QR-code, of typ met --pairing-number (landcode en nummer, alleen cijfers) een koppelcode op de
  telefoon. De koppeling komt in de database (MMB_DB); stop de bot zolang u koppelt.
       mmb whatsapp replay FILE [--config FILE] [--db FILE] [--json]
  speelt Baileys-gebeurtenissen (JSON-regels {"at","event","data"}) af door de echte adapter en
  de bot, zonder telefoon, en toont wat de bot naar WhatsApp stuurde.`;

/** What linking is made with; the tests give a fake socket. */
export interface WhatsAppCommandOptions {
  makeSocket?: import('../../adapters/whatsapp/link.ts').SocketFactory;
  timeoutMs?: number;
  settleMs?: number;
}

/**
 * `mmb whatsapp link [--pairing-number N]`: links the bot's WhatsApp number on the database of
 * MMB_DB (and `.env`), holding the bot's lock meanwhile: a running bot would use the same
 * session, and two connections on one session push each other off. Returns the exit code.
 *
 * @example
 * await runWhatsApp(['link', '--pairing-number', '31612345678']) // prints the code; 0 once linked
 */
export async function runWhatsApp(
  args: string[],
  options: WhatsAppCommandOptions = {},
): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'help' || command === '--help') {
    console.log(WHATSAPP_USAGE);
    return 0;
  }
  if (command === 'replay') return await runWhatsAppReplay(rest);
  if (command !== 'link') {
    throw new MmbError(
      command === undefined
        ? 'Welk whatsapp-commando?'
        : `Het whatsapp-commando "${command}" ken ik niet.`,
      'Er zijn er twee: mmb whatsapp link en mmb whatsapp replay.',
    );
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      'pairing-number': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(WHATSAPP_USAGE);
    return 0;
  }
  const pairingNumber = values['pairing-number'];
  if (pairingNumber !== undefined) checkPairingNumber(pairingNumber);

  const { database } = commandPaths();
  if (isDatabaseLocked(database.path)) {
    throw new MmbError(
      `Er draait een bot op ${database.path} (${database.label}): die gebruikt dezelfde WhatsApp-sessie, en twee verbindingen op één sessie drukken elkaar weg.`,
      'Stop eerst de bot (bv. systemctl stop mmb), koppel, en start hem dan weer.',
    );
  }
  const { db, lock } = openBotDatabase(database.path, {
    label: database.label,
    onCreated: (path) =>
      process.stderr.write(
        `mmb: nieuwe, lege database ${path} (${database.label}): de WhatsApp-sessie komt daarin; start de bot op hetzelfde bestand.\n`,
      ),
  });
  try {
    // Baileys is loaded only for this command.
    const { baileysSocket, linkWhatsApp } = await import('../../adapters/whatsapp/link.ts');
    const { WHATSAPP_STORE } = await import('../../adapters/whatsapp/auth-state.ts');
    return await linkWhatsApp({
      store: new AdapterState(db, WHATSAPP_STORE),
      makeSocket: options.makeSocket ?? baileysSocket,
      ...(pairingNumber === undefined ? {} : { pairingNumber }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.settleMs === undefined ? {} : { settleMs: options.settleMs }),
    });
  } finally {
    db.close();
    lock.release();
  }
}

/** `--pairing-number`: the country code and number, digits only, 10 to 15 of them. */
function checkPairingNumber(value: string): void {
  const hint =
    'Geef de landcode en het nummer, alleen cijfers, zonder + of spaties: bv. 31612345678 voor 06 12345678.';
  if (/^0/.test(value.replace(/^\+/, '')))
    throw new MmbError(`--pairing-number "${value}" heeft geen landcode.`, hint);
  if (!/^[1-9]\d{9,14}$/.test(value))
    throw new MmbError(`--pairing-number "${value}" is zo geen telefoonnummer.`, hint);
}

/**
 * `mmb whatsapp replay FILE [--config FILE] [--db FILE] [--json]`: Baileys events through the real
 * adapter and engine over a replay socket (src/cli/whatsapp-replay.ts). Every line is checked
 * before anything runs or is written. `--json` prints `{"calls":[…]}`; else one line a call.
 */
async function runWhatsAppReplay(args: string[]): Promise<number> {
  const { values, input } = readReplayFile(
    args,
    {
      config: { type: 'string' },
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    'WhatsApp-replaybestand',
    'mmb whatsapp replay gebeurtenissen.jsonl --json',
  );
  // Baileys is loaded only for the whatsapp commands.
  const { parseWhatsAppReplay } = await import('../../adapters/whatsapp/replay-input.ts');
  const { whatsappReplay } = await import('./whatsapp-replay.ts');
  const lines = parseWhatsAppReplay(input);
  const config = values.config ? loadBotConfig(values.config) : undefined;
  const db = openDatabase(values.db ?? ':memory:', { label: '--db' });
  try {
    const { calls } = await whatsappReplay(db, lines, config ? { config } : {});
    if (values.json) {
      console.log(JSON.stringify({ calls }, null, 2));
      return 0;
    }
    for (const call of calls) console.log(describeCall(call));
    for (const team of takeSnapshot(new Statements(db)).teams)
      console.log(
        `— ${team.id}: saldo ${formatCents(team.balanceCents)}, gereserveerd ${formatCents(team.reservedCents)}, beschikbaar ${formatCents(team.availableCents)}`,
      );
  } finally {
    db.close();
  }
  return 0;
}

/** One socket call as a line: when, which group, and what the bot did there. */
function describeCall(call: {
  at: string;
  method: string;
  jid: string | null;
  content?: unknown;
  options?: unknown;
}): string {
  const when = formatDeadline(new Date(call.at));
  if (call.method === 'groupMetadata') return `${when} [${call.jid}] groepsgegevens opgevraagd`;
  if (call.method !== 'sendMessage') return `${when} ${call.method}`;
  const content = (call.content ?? {}) as {
    text?: string;
    react?: { text?: string; key?: { id?: string } };
    document?: { bytes?: number };
    fileName?: string;
    mimetype?: string;
  };
  const quoted = (call.options as { quoted?: { id?: string } } | undefined)?.quoted?.id;
  const what =
    content.text !== undefined
      ? `🤖 ${content.text.replace(/\n/g, '\n    ')}`
      : content.react
        ? `🤖 reageert ${content.react.text || '(reactie weg)'} op ${content.react.key?.id ?? '?'}`
        : content.document
          ? `🤖 📎 ${content.fileName ?? 'bestand'} (${content.mimetype ?? '?'}, ${content.document.bytes ?? '?'} bytes)`
          : `🤖 ${JSON.stringify(content)}`;
  return `${when} [${call.jid}] ${what}${quoted ? `  ↩ citeert ${quoted}` : ''}`;
}
