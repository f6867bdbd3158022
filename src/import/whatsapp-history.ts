import { VirtualClock } from '../core/clock.ts';
import { Engine } from '../engine/engine.ts';
import type { ImportRow } from './import-grants.ts';
import type { BotConfig } from '../store/bot-config.ts';
import type { Db } from '../store/database.ts';
import { lastOutboxId, textsAfter } from '../store/outbox.ts';
import {
  dropChatImports,
  madeRequest,
  openRequestsOfChat,
  requestsOfChat,
  voteCounted,
  votesInOrder,
} from './history-store.ts';
import { linkChat, type Team } from '../store/teams.ts';
import { parseMessage } from '../text/parse-message.ts';
import { maskImportText } from '../text/import-privacy.ts';
import { describeKinds } from '../text/privacy/index.ts';
import { localDateOf } from '../text/time.ts';
import { memberKey, shownName, type ChatMessage } from './whatsapp-export.ts';

/** The prefix of member ids and of the chat a WhatsApp export is replayed in (on a copy only). */
export const WHATSAPP_IMPORT = 'import-whatsapp';

/** One vote as the engine counted it (the member's latest). */
export interface HistoryVote {
  name: string;
  vote: 'ja' | 'nee';
  at: Date;
}

/** A request the engine made of a message in the export, and what became of it. */
export interface HistoryRequest {
  line: number;
  at: Date;
  requester: string;
  amountCents: number;
  household: string;
  description: string;
  preventedCents: number | null;
  preventedText: string | null;
  status: 'approved' | 'expired' | 'cancelled' | 'open';
  decidedAt: Date | null;
  votes: HistoryVote[];
}

/** A message that looked like a request but was none, with the bot's reason. */
export interface HistoryRefusal {
  line: number;
  at: Date;
  sender: string;
  text: string;
  reasons: string[];
}

/** Something the import is not sure about, in Dutch. */
export interface HistoryDoubt {
  line: number;
  sender: string;
  text: string;
  why: string;
}

/** What replaying an export did. */
export interface ChatHistory {
  requests: HistoryRequest[];
  refused: HistoryRefusal[];
  doubts: HistoryDoubt[];
}

/** A short piece of a message (already masked) to show in the report. */
const snippet = (masked: string) => {
  const flat = masked.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 69)}…` : flat;
};

/**
 * Takes earlier WhatsApp imports out of a copy of the database (the ledger's delete guard is
 * dropped on the copy only), so a replay of an export that was imported before judges its
 * requests against the pot and caps as they were, and the booking recognises them by content.
 * The inbox purge mark goes too: it is for the live chats' events (src/store/purge-marks.ts),
 * and the export's messages, in a chat of their own, are older than it.
 */
function withoutEarlierChatImports(db: Db): void {
  dropChatImports(db, `${WHATSAPP_IMPORT}:`);
}

/**
 * Runs the messages of a WhatsApp export through the real engine, each at its own time, in a
 * chat of its own linked to the team, on a virtual clock: everything due on the way (expiry at
 * the deadline, a new budget period) fires in time order, as it would have live. Requests are
 * read by the live parser, "ja"/"nee" counted under the live rules (a lone one only while
 * exactly one request is open). Members are `import-whatsapp:<name>`. The clock stops at the
 * export's last message: what is open then stays open.
 *
 * Run it on a copy of the database (openMemoryCopy): it writes requests, votes and replies.
 *
 * @example
 * const history = replayChat(openMemoryCopy(db), team, config, chat.messages, 'chat.txt');
 * history.requests.filter((r) => r.status === 'approved') // the grants
 */
export function replayChat(
  db: Db,
  team: Team,
  config: BotConfig | null,
  messages: ChatMessage[],
  fileName: string,
): ChatHistory {
  withoutEarlierChatImports(db);
  const chatId = `${WHATSAPP_IMPORT}:${fileName}`;
  const clock = new VirtualClock(messages[0]?.at ?? new Date(0));
  const engine = new Engine({ db, clock, ...(config ? { config } : {}) });
  const sql = engine.sql;
  linkChat(sql, chatId, team.id, WHATSAPP_IMPORT, clock.now());
  const names = new Map<string, string>();
  const refused: HistoryRefusal[] = [];
  const doubts: HistoryDoubt[] = [];

  for (const message of messages) {
    if (message.at > clock.now()) {
      for (let due = engine.nextDueAt(); due && due <= message.at; due = engine.nextDueAt()) {
        clock.set(due);
        engine.runDue(due);
      }
      clock.set(message.at);
    }
    const senderId = `${WHATSAPP_IMPORT}:${memberKey(message.sender)}`;
    const name = shownName(message.sender);
    // Rule 11: masked before anything reads it; what was masked is a doubt of its own.
    const masked = maskImportText(message.text, message.at);
    if (masked.kinds.length > 0) {
      doubts.push({
        line: message.line,
        sender: name,
        text: snippet(masked.text),
        why: `persoonsgegevens (${describeKinds(masked.kinds)}) weggelaten vóór het lezen: niet opgeslagen en niet getoond`,
      });
    }
    names.set(senderId, name);
    const lastReply = lastOutboxId(sql);
    const messageId = String(message.line);
    engine.handle({
      kind: 'message',
      chatId,
      senderId,
      senderName: name,
      messageId,
      at: message.at,
      text: masked.text,
      replyTo: null,
    });
    const replies = textsAfter(sql, lastReply, chatId);
    if (madeRequest(sql, chatId, messageId)) continue;
    const parsed = parseMessage(masked.text);
    const text = snippet(masked.text);
    const said = replies.map((r) => r.replace(/\s+/g, ' ').trim());
    const doubt = (why: string) => doubts.push({ line: message.line, sender: name, text, why });
    if (parsed.kind === 'request' || parsed.kind === 'request-problem') {
      refused.push({
        line: message.line,
        at: message.at,
        sender: name,
        text,
        reasons: said.length ? said : ['de bot gaf geen antwoord'],
      });
      if (parsed.kind === 'request-problem') {
        doubt(`de bot vroeg: ${said.join(' ') || 'om een bedrag of huishouden'}; niets geboekt`);
      }
      continue;
    }
    if (parsed.kind !== 'vote') continue;
    if (voteCounted(sql, chatId, senderId, message.at)) continue;
    const open = openRequestsOfChat(sql, chatId);
    if (open.length > 1 && parsed.requestNumber === null) {
      doubt(
        `een losse "${parsed.vote}" terwijl ${open.length} aanvragen open stonden (regels ${open.map((r) => r.line).join(', ')}): niet geteld; de bot vroeg welke`,
      );
    } else if (open.length === 1 && open[0]!.requester_id === senderId) {
      doubt(`een "${parsed.vote}" van de aanvrager zelf (regel ${open[0]!.line}): telt niet mee`);
    } else if (open.length === 0) {
      doubt(`een "${parsed.vote}" terwijl er geen aanvraag open stond: niet geteld`);
    } else {
      doubt(`niet als stem geteld${said.length ? `; de bot zei: ${said.join(' ')}` : ''}`);
    }
  }

  const requests = requestsOfChat(sql, chatId).map((r) => ({
    line: Number(r.message_id),
    at: new Date(r.created_at),
    requester: names.get(r.requester_id) ?? r.requester_id,
    amountCents: r.amount_cents,
    household: r.household,
    description: r.description,
    preventedCents: r.prevented_cents,
    preventedText: r.prevented_text,
    status: r.status,
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at),
    votes: votesInOrder(sql, r.id).map((v) => ({
      name: names.get(v.member_id) ?? v.member_id,
      vote: v.value,
      at: new Date(v.cast_at),
    })),
  }));
  return { requests, refused, doubts };
}

/**
 * The grants of a replayed export as rows for `bookImport`, each at the moment it was approved;
 * requests still open at the end of the export are not among them.
 *
 * @example
 * bookImport(sql, team, [{ fileName, chatId, rows: grantRows(history) }], now)
 */
export function grantRows(history: ChatHistory): ImportRow[] {
  return history.requests
    .filter((r) => r.status === 'approved' && r.decidedAt !== null)
    .map((r) => ({
      line: r.line,
      kind: 'grant' as const,
      date: localDateOf(r.decidedAt!),
      at: r.decidedAt!,
      cents: r.amountCents,
      household: r.household,
      description: r.description,
      preventedCents: r.preventedCents,
      preventedText: r.preventedText,
      problems: [],
    }));
}
