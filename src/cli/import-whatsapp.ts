import { basename } from 'node:path';
import { similarDoubt, type ImportResult } from '../import/import-grants.ts';
import { EMPTY_CONFIG, loadBotConfig } from '../store/bot-config.ts';
import { openMemoryCopy } from '../store/database.ts';
import { maskImportText } from '../text/import-privacy.ts';
import { formatCents } from '../text/money.ts';
import { ZONE } from '../text/time.ts';
import { readWhatsAppExport } from '../import/whatsapp-export.ts';
import { commandPaths } from '../app/env.ts';
import * as importing from '../import/import-booking.ts';
import {
  grantRows,
  replayChat,
  WHATSAPP_IMPORT,
  type ChatHistory,
  type HistoryRequest,
} from '../import/whatsapp-history.ts';

export const IMPORT_WHATSAPP_USAGE = `gebruik: mmb import whatsapp CHAT.txt --team ID [--apply] [--ook-vergelijkbare] [--date-order dmy|mdy]
  CHAT.txt           een WhatsApp-chat, geëxporteerd met "Chat exporteren" → "Zonder media"
                     (Android of iPhone, Nederlands of Engels)
  --team ID          het team (moet al in de database van de bot staan)
  --apply            de toekenningen echt boeken, in één keer of niets; zonder --apply alleen laten zien
  --ook-vergelijkbare (of --also-similar) ook een toekenning boeken die lijkt op een die al
                     geboekt is (zelfde huishouden en bedrag, hooguit 14 dagen ertussen, uit een
                     ander bestand of de groep); zonder dit blijft die staan als twijfel
  --date-order       dmy (dag eerst) of mdy (maand eerst), als de datums het zelf niet zeggen
Leest MMB_DB en MMB_CONFIG zoals de bot.`;

/** Wrong input: told with what to do, exit code 2, nothing written. */
const wrong = (message: string) => new importing.ImportInputError(message);

const when = (at: Date) =>
  at
    .toLocaleString('nl-NL', {
      timeZone: ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    })
    .replace(',', '');

const OUTCOME: Record<HistoryRequest['status'], string> = {
  approved: 'toegekend',
  expired: 'verlopen',
  cancelled: 'geannuleerd',
  open: 'nog open aan het eind van de export: niet geboekt',
};

/** The report of a replayed export, in Dutch: per request, what it is unsure about, the totals. */
export function chatReport(
  fileName: string,
  history: ChatHistory,
  booking: ImportResult,
): string[] {
  const lines: string[] = [];
  const items = [
    ...history.requests.map((r) => ({ line: r.line, request: r, refusal: null })),
    ...history.refused.map((r) => ({ line: r.line, request: null, refusal: r })),
  ].sort((a, b) => a.line - b.line);
  const booked = new Map(booking.outcomes.map((o) => [o.row.line, o]));
  for (const { request, refusal } of items) {
    if (refusal) {
      lines.push(
        `${fileName} regel ${String(refusal.line).padStart(4)}  ${when(refusal.at)}  ${refusal.sender}: ${refusal.text}`,
      );
      lines.push(`      → geen aanvraag: ${refusal.reasons.join(' ')}`);
      continue;
    }
    const r = request!;
    lines.push(
      `${fileName} regel ${String(r.line).padStart(4)}  ${when(r.at)}  ${formatCents(r.amountCents).padStart(12)}  hh ${r.household.padEnd(6)} ${r.description}  (${r.requester})`,
    );
    const votes = r.votes.map((v) => `${v.name} ${v.vote} ${when(v.at)}`).join(', ');
    lines.push(`      stemmen: ${votes || 'geen'}`);
    let outcome = OUTCOME[r.status] + (r.decidedAt ? ` (${when(r.decidedAt)})` : '');
    const o = booked.get(r.line);
    if (o?.status === 'duplicate') {
      outcome += `; al geïmporteerd (${o.earlier!.fileName} regel ${o.earlier!.line}): niet nog eens`;
    } else if (o?.status === 'bad') {
      outcome += `; past niet: ${o.reasons.join('; ')}`;
    } else if (o?.status === 'similar') {
      outcome += '; niet geboekt: lijkt al geboekt (zie twijfel)';
    } else if (o?.number !== null && o?.number !== undefined) {
      outcome += `; boeking #${o.number}${o.period ? `, periode ${o.period}` : ''}`;
    }
    lines.push(`      → ${outcome}`);
    if (o?.similar)
      lines.push(`      ⚠ twijfel: ${similarDoubt(o.similar, o.status !== 'similar')}`);
  }
  if (history.doubts.length) {
    lines.push('');
    lines.push('Twijfel (niets van geraden; kijk deze regels na):');
    for (const d of history.doubts) {
      lines.push(`  regel ${d.line} ${d.sender ? `${d.sender}: ` : ''}${d.text}`);
      lines.push(`      ⚠ ${d.why}`);
    }
  }
  lines.push('');
  const count = (status: HistoryRequest['status']) =>
    history.requests.filter((r) => r.status === status);
  const sum = (list: HistoryRequest[]) => list.reduce((t, r) => t + r.amountCents, 0);
  const granted = count('approved');
  lines.push(
    `Aanvragen: ${history.requests.length}; toegekend ${granted.length} (${formatCents(sum(granted))}), verlopen ${count('expired').length}, geannuleerd ${count('cancelled').length}, nog open ${count('open').length} (${formatCents(sum(count('open')))}); geen aanvraag ${history.refused.length}; twijfel ${history.doubts.length}.`,
  );
  if (count('open').length) {
    lines.push(
      'Wat aan het eind van de export nog open stond, wordt niet geboekt: dien het zo nodig opnieuw in bij de bot.',
    );
  }
  const fits = booking.outcomes.filter((o) => o.status === 'fits');
  const duplicates = booking.outcomes.filter((o) => o.status === 'duplicate').length;
  const bad = booking.outcomes.filter((o) => o.status === 'bad').length;
  const similar = booking.outcomes.filter((o) => o.status === 'similar').length;
  lines.push(
    `Te boeken: ${fits.length} ${fits.length === 1 ? 'toekenning' : 'toekenningen'} (${formatCents(fits.reduce((t, o) => t + (o.row.cents ?? 0), 0))}), ${duplicates} al geïmporteerd${bad ? `, ${bad} passen niet` : ''}${similar ? `, ${similar} ${similar === 1 ? 'lijkt' : 'lijken'} al geboekt (niet geboekt; --ook-vergelijkbare boekt ze toch)` : ''}. Saldo: ${formatCents(booking.balanceBeforeCents)} → ${formatCents(booking.balanceAfterCents)}.`,
  );
  return lines;
}

/**
 * `mmb import whatsapp CHAT.txt --team ID [--apply]`: replays a team's WhatsApp history through
 * the engine (on an in-memory copy of the database) and shows per request its votes and outcome,
 * what it is unsure about and the totals; with `--apply` books the grants as `import grants`
 * books a CSV row, in one transaction, recognised by content on a re-import. Returns the exit
 * code: 0 done (or shown), 1 a problem while running, 2 wrong input (nothing written).
 *
 * @example
 * await runImportWhatsApp(['chat.txt', '--team', 'noord']) // prints the dry run
 */
export async function runImportWhatsApp(args: string[], now: Date = new Date()): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(IMPORT_WHATSAPP_USAGE);
    return 0;
  }
  try {
    const {
      file: path,
      team: teamId,
      values,
    } = importing.readImportArgs(
      args,
      {
        team: { type: 'string' },
        apply: { type: 'boolean', default: false },
        'ook-vergelijkbare': { type: 'boolean', default: false },
        'also-similar': { type: 'boolean', default: false },
        'date-order': { type: 'string' },
      },
      'WhatsApp-export (een .txt)',
    );
    const order = values['date-order'];
    if (order !== undefined && order !== 'dmy' && order !== 'mdy') {
      throw wrong('--date-order is dmy (dag eerst) of mdy (maand eerst).');
    }
    const fileName = basename(path);
    const importOptions = {
      alsoSimilar: Boolean(values['ook-vergelijkbare'] || values['also-similar']),
    };

    const bytes = importing.readImportFile(path);
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      throw wrong(
        `${path} is een zip-bestand: pak het uit en geef het .txt-bestand, of exporteer "Zonder media".`,
      );
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (text.includes('\u0000') || text.includes('\ufffd')) {
      throw wrong(`${path} is geen tekstbestand (UTF-8), dus geen WhatsApp-export.`);
    }
    const chat = readWhatsAppExport(text, order ? { dateOrder: order } : {});
    if (!chat.ok) throw wrong(`${path} ${chat.problem}`);
    if (chat.messages.length === 0) throw wrong(`${path} bevat geen berichten om te lezen.`);

    const { database, config: configFile } = commandPaths();
    const config = configFile ? loadBotConfig(configFile.path) : null;
    // First on copies: the file itself is only opened to read.
    const replayed: { history?: ChatHistory } = {};
    const { team, sources, preview } = importing.previewImport(
      database.path,
      config ?? EMPTY_CONFIG,
      teamId,
      (reader, found) => {
        const replayCopy = openMemoryCopy(reader);
        try {
          replayed.history = replayChat(replayCopy, found, config, chat.messages, fileName);
        } finally {
          replayCopy.close();
        }
        const rows = grantRows(replayed.history);
        return [{ fileName, chatId: `${WHATSAPP_IMPORT}:${fileName}`, rows }];
      },
      now,
      importOptions,
    );
    const history = replayed.history;
    if (!history) throw new Error('the chat was not replayed');
    for (const u of chat.unread) {
      const text = maskImportText(u.text, now).text; // rule 11: never shown as it stands
      history.doubts.push({ line: u.line, sender: '', text, why: u.reason });
    }
    history.doubts.sort((a, b) => a.line - b.line);

    console.log(
      `WhatsApp-import voor ${team.name} (${team.id})${values.apply ? '' : ' — proef: er is niets geboekt'}.`,
    );
    console.log(
      `${fileName}: ${chat.format === 'iphone' ? 'iPhone' : 'Android'}, datums ${chat.dateOrder === 'dmy' ? 'dag-maand' : 'maand-dag'}; ${chat.messages.length} berichten, ${chat.system} systeemregels, ${chat.media} media weggelaten, ${chat.deleted} verwijderd.`,
    );
    console.log('');
    const fits = preview.outcomes.filter((o) => o.status === 'fits').length;
    const bad = preview.outcomes.filter((o) => o.status === 'bad').length;
    if (!values.apply || fits === 0 || bad > 0) {
      for (const line of chatReport(fileName, history, preview)) console.log(line);
      if (bad > 0) {
        console.log(
          `${values.apply ? 'Niets geboekt. ' : ''}Er zijn toekenningen die nu niet (meer) passen: kijk ze na; --apply boekt alles of niets.`,
        );
        return values.apply ? 2 : 0;
      }
      if (fits === 0) {
        console.log(
          preview.outcomes.some((o) => o.status === 'similar')
            ? 'Er valt niets te boeken: de rest is al geïmporteerd of lijkt al geboekt (zie twijfel).'
            : preview.outcomes.length > 0
              ? 'Alles uit deze export is al geïmporteerd: er valt niets te boeken.'
              : 'Er is niets om te boeken.',
        );
        return 0;
      }
      console.log(
        `Dit was een proef. Met --apply boekt de bot deze ${fits} ${fits === 1 ? 'toekenning' : 'toekenningen'}, in één keer.`,
      );
      return 0;
    }

    const result = importing.applyImport(database.path, team, sources, now, preview, importOptions);
    for (const line of chatReport(fileName, history, result)) console.log(line);
    const numbers = result.outcomes.filter((o) => o.number !== null).map((o) => o.number!);
    console.log(
      `Geboekt, in één keer: ${numbers.length} ${numbers.length === 1 ? 'toekenning' : 'toekenningen'}${numbers.length ? ` (#${Math.min(...numbers)}–#${Math.max(...numbers)})` : ''}.`,
    );
    return 0;
  } catch (error) {
    return importing.importFailed(
      error,
      'mmb import whatsapp',
      IMPORT_WHATSAPP_USAGE.split('\n')[0]!,
    );
  }
}
