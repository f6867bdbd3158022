/**
 * How to call each `mmb` command: its usage line (what `mmb help` lists, and what an error in that
 * command prints under its one line) and its own page (`mmb help COMMAND`). Pages that live with
 * their command are loaded only when asked for.
 */
interface CommandUsage {
  /** The command and its options, e.g. `mmb state [--db BESTAND] [--json]`. */
  line: string;
  /** What it does, in a few words, for the list. */
  what: string;
  /** The full page for `mmb help COMMAND`; without one the line and `what` are shown. */
  page?: () => Promise<string>;
}

/** Every command, by its words after `mmb` (`whatsapp link`), in the order `mmb help` lists them. */
export const COMMANDS: Readonly<Record<string, CommandUsage>> = {
  start: {
    line: 'mmb start',
    what: 'de bot starten (zonder platform: de console-chat)',
    page: async () => `gebruik: mmb start
  Start de bot op de database van MMB_DB (standaard data/mmb.sqlite) met de teams uit MMB_CONFIG
  (standaard data/teams.json als dat er is). Is er geen chatplatform ingesteld, dan praat u met
  de bot in deze terminal (de console-chat). Leest de omgeving en .env; zie .env.example.`,
  },
  worker: {
    line: 'mmb worker',
    what: 'termijnen en overzichten via Redis afhandelen, naast de bot (REDIS_URL)',
    page: async () => `gebruik: mmb worker
  Handelt termijnen, herinneringen en overzichten af via Redis (BullMQ), naast een draaiende bot
  met MMB_DUE=off. Heeft REDIS_URL nodig en dezelfde MMB_DB als de bot.`,
  },
  purge: {
    line: 'mmb purge [--dry-run]',
    what: 'nu opruimen wat na MMB_RETENTION_DAYS weg mag (de bot doet het dagelijks)',
    page: async () => (await import('./purge.ts')).PURGE_USAGE,
  },
  replay: {
    line: 'mmb replay BESTAND [--config BESTAND] [--db BESTAND] [--until ISO-TIJD] [--json]',
    what: 'een gesprek (JSON-regels) afspelen en tonen wat de bot deed',
    page: async () => `gebruik: mmb replay BESTAND [--config BESTAND] [--db BESTAND] [--until ISO-TIJD] [--json]
  Speelt een gesprek af door de bot, zonder chatplatform: één JSON-object per regel, een bericht
  {at, chat, from, id, text}, een reactie {at, chat, from, react, to}, een knop
  {at, chat, from, button, request} of een tik van de klok {at}.
  --config BESTAND   teams, coördinatoren en regels (standaard: een testteam)
  --db BESTAND       de toestand in dit bestand bewaren (standaard alleen in het geheugen;
                     replay leest MMB_DB bewust niet: het raakt de database van de bot nooit)
  --until ISO-TIJD   de klok tot dit moment doorzetten, bv. 2026-03-04T12:00:00+01:00
  --json             antwoorden, teams, aanvragen en boekingen als één JSON-object`,
  },
  state: {
    line: 'mmb state [--db BESTAND] [--json]',
    what: 'de potten, aanvragen en boekingen in de database tonen (alleen lezen)',
    page: async () => `gebruik: mmb state [--db BESTAND] [--json]
  Toont per team saldo, gereserveerd, beschikbaar en toegekend, en het aantal aanvragen en
  boekingen. Leest alleen: maakt, migreert of verandert de database nooit.
  --db BESTAND  de database (standaard MMB_DB, uit de omgeving of .env, anders data/mmb.sqlite)
  --json        alles als één JSON-object`,
  },
  export: {
    line: 'mmb export (--team ID | --all) [--cycle N|vorige|huidige | --from JJJJ-MM-DD [--to JJJJ-MM-DD]] [--format csv|pdf] [--out BESTAND] [--met-huishoudens]',
    what: 'het overzicht als CSV of PDF',
    page: async () => (await import('./export.ts')).EXPORT_USAGE,
  },
  backup: {
    line: 'mmb backup BESTAND [--db BESTAND] [--force]',
    what: 'een veilige kopie van de database, ook terwijl de bot draait',
    page: async () => (await import('./backup.ts')).BACKUP_USAGE,
  },
  web: {
    line: 'mmb web [--port N]',
    what: 'de monitor: een webpagina met de cijfers (MMB_WEB_PORT, MMB_PUBLIC_URL)',
    page: async () => (await import('./web.ts')).WEB_USAGE,
  },
  'whatsapp link': {
    line: 'mmb whatsapp link [--pairing-number 31612345678]',
    what: 'de bot aan zijn WhatsApp-nummer koppelen (bot gestopt)',
    page: async () => (await import('./whatsapp.ts')).WHATSAPP_USAGE,
  },
  'whatsapp replay': {
    line: 'mmb whatsapp replay BESTAND [--config BESTAND] [--db BESTAND] [--json]',
    what: 'Baileys-gebeurtenissen afspelen',
    page: async () => (await import('./whatsapp.ts')).WHATSAPP_USAGE,
  },
  'import grants': {
    line: 'mmb import grants BESTAND --team ID [--apply] [--skip-bad] [--ook-vergelijkbare] [--columns …] [--deposits BESTAND]',
    what: 'toekenningen uit een CSV inlezen',
    page: async () => (await import('./import.ts')).IMPORT_USAGE,
  },
  'import whatsapp': {
    line: 'mmb import whatsapp CHAT.txt --team ID [--apply] [--ook-vergelijkbare] [--date-order dmy|mdy]',
    what: 'toekenningen uit een geëxporteerde WhatsApp-chat inlezen',
    page: async () => (await import('./import-whatsapp.ts')).IMPORT_WHATSAPP_USAGE,
  },
  outbox: {
    line: 'mmb outbox [--text] | --retry ID | --all-failed',
    what: 'wat nog verstuurd moet worden; opgegeven berichten terugzetten',
    page: async () => (await import('./outbox.ts')).OUTBOX_USAGE,
  },
  help: {
    line: 'mmb help [COMMANDO]',
    what: 'deze lijst, of de uitleg van één commando',
  },
};

/** The whole list, for `mmb help`. */
export const USAGE = [
  'gebruik: mmb COMMANDO … (mmb help COMMANDO legt één commando uit)',
  ...Object.values(COMMANDS).map(({ line, what }) =>
    line.length <= 32 ? `  ${line.padEnd(32)}  ${what}` : `  ${line}\n  ${' '.repeat(32)}  ${what}`,
  ),
].join('\n');

/**
 * The commands the words after `mmb` name: `['state']` → state; `['whatsapp', 'link', …]` →
 * whatsapp link; `['whatsapp']` → both whatsapp commands. Empty for a command `mmb` does not know.
 */
export function commandsOf(words: readonly string[]): string[] {
  const [first = 'start', second] = words;
  if (COMMANDS[first]) return [first];
  if (second !== undefined && COMMANDS[`${first} ${second}`]) return [`${first} ${second}`];
  return Object.keys(COMMANDS).filter((name) => name.startsWith(`${first} `));
}

/**
 * The usage line(s) that apply to the words after `mmb`, for under an error: one line per command
 * they name, never the whole list. Empty for an unknown command, and for one without options.
 *
 * @example
 * usageLines(['state', '--db']) // 'gebruik: mmb state [--db BESTAND] [--json]'
 */
export function usageLines(words: readonly string[]): string {
  return (
    commandsOf(words)
      // `mmb start` and `mmb worker` take nothing to choose: their line would help no one.
      .filter((name) => COMMANDS[name]!.line !== `mmb ${name}`)
      .map((name) => `gebruik: ${COMMANDS[name]!.line}`)
      .join('\n')
  );
}

/**
 * The page of one command for `mmb help COMMAND`, or null when `mmb` does not know it.
 *
 * @example
 * await helpPage(['state']) // 'gebruik: mmb state [--db BESTAND] [--json]\n  Toont per team …'
 */
export async function helpPage(words: readonly string[]): Promise<string | null> {
  const names = commandsOf(words);
  if (names.length === 0) return null;
  const pages = await Promise.all(
    names.map(async (name) => {
      const { line, what, page } = COMMANDS[name]!;
      return page ? await page() : `gebruik: ${line}\n  ${what}`;
    }),
  );
  return [...new Set(pages)].join('\n\n');
}
