import { createHash } from 'node:crypto';
import { localMoment } from '../text/time.ts';

/**
 * Reading a WhatsApp "Chat exporteren" file (without media), as Android and iPhone write it, in
 * Dutch and English date and time styles. Pure: text in, messages out. Times in the file are the
 * phone's local time, read as Amsterdam time.
 *
 * Android: `27-11-2026 14:05 - Anna: tekst`, `27/11/2026, 14:05 - Anna: tekst`,
 * `27-11-26 14:05 - …`, English `11/27/26, 2:05 PM - Anna: tekst`.
 * iPhone: `[27-11-2026 14:05:33] Anna: tekst`, `[27/11/2026, 14:05:33] Anna: tekst`,
 * `[11/27/26, 2:05:33 PM] Anna: tekst`, often with U+200E marks in front.
 * A line that does not start like that continues the message above it (a multi-line message).
 */

/** One message someone wrote, with its continuation lines joined by `\n`. */
export interface ChatMessage {
  /** The line (1-based) the message starts on. */
  line: number;
  /** The moment, read as Amsterdam time. */
  at: Date;
  /** The date and time as written in the file. */
  written: string;
  /** The name as the export shows it (a contact name, or a phone number). */
  sender: string;
  text: string;
}

/** A line that could not be read, with the reason in Dutch. */
export interface UnreadLine {
  line: number;
  text: string;
  reason: string;
}

/** The whole export, or why it cannot be read (in Dutch). */
export type ReadChat =
  | {
      ok: true;
      format: 'android' | 'iphone';
      /** How slash dates were read: day first or month first. */
      dateOrder: 'dmy' | 'mdy';
      messages: ChatMessage[];
      /** System lines skipped: encryption notice, added, left, group name or icon changed. */
      system: number;
      /** Messages that were only media (`<Media weggelaten>`, `(bestand bijgevoegd)`). */
      media: number;
      /** Messages that were deleted (`Dit bericht is verwijderd`). */
      deleted: number;
      unread: UnreadLine[];
    }
  | { ok: false; problem: string };

export interface ReadChatOptions {
  /** The order of day and month when the dates themselves do not tell (`--date-order`). */
  dateOrder?: 'dmy' | 'mdy';
}

const SPACE = '[ \\u00a0\\u202f]';
const DATE = '(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{2}|\\d{4})';
const TIME = `(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:${SPACE}?([AaPp])\\.?${SPACE}?[Mm]\\.?)?`;
/** `27-11-2026 14:05 - rest` (Android). */
const ANDROID = new RegExp(`^${DATE},?${SPACE}${TIME}${SPACE}[-–]${SPACE}(.*)$`);
/** `[27-11-2026 14:05:33] rest` (iPhone). */
const IPHONE = new RegExp(`^\\[${DATE},?${SPACE}${TIME}\\](.*)$`);
/** Invisible marks WhatsApp puts around names and in front of system lines. */
const MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** The `Name: ` in front of a message. */
const SENDER = /^([^:]{1,100}?): ([\s\S]*)$/;
/** A system line's words (Dutch and English), also when it has a colon in it. */
const SYSTEM: readonly RegExp[] = [
  /end-to-end (versleuteld|encrypted)/i,
  /\b(added|removed|left|joined using|created group|created this group)\b/i,
  /\b(changed the (subject|group|description|settings)|changed this group's)\b/i,
  /\b(is now an admin|changed their phone number|security code)\b/i,
  /\b(is vertrokken|is toegetreden|beveiligingscode|is nu beheerder|telefoonnummer gewijzigd|uitnodigingslink)\b/i,
  /\b(groepsnaam|groepsafbeelding|groepsbeschrijving|groepsinstellingen)\b/i,
  /^(je|jij|you)\b/i,
];
/** `heeft` … and a past participle: `Anna heeft Bas toegevoegd`, `… heeft de groepsnaam gewijzigd`. */
const HEEFT = /\b(heeft|hebt)\b/i;
const DONE = /\b(toegevoegd|verwijderd|aangemaakt|gewijzigd|veranderd|verlaten|toegetreden)\b/i;
/** A whole message that is only a left-out medium. */
const MEDIA =
  /^<?(media|afbeelding|image|video|audio|sticker|gif|document|contactkaart|contact card|spraakbericht|voice message)\s+(weggelaten|omitted)>?$/i;
/** An attachment line: `IMG-20261127-WA0001.jpg (bestand bijgevoegd)`, `<bijgevoegd: 0001-PHOTO.jpg>`. */
const ATTACHMENT = /^[^\s(][^(]*\((?:bestand bijgevoegd|file attached)\)$/i;
const ATTACHED = /^<(?:bijgevoegd|attached): [^>]*>$/i;
/** Whether a line only names an attachment. */
const isAttachment = (line: string) => ATTACHMENT.test(line) || ATTACHED.test(line);
/** A deleted message. */
const DELETED =
  /^(dit bericht is verwijderd|this message was deleted|je hebt dit bericht verwijderd|you deleted this message)\.?$/i;
/** The mark WhatsApp appends to an edited message. */
const EDITED = /<(?:dit bericht is bewerkt|this message was edited)>$/i;

/** Every RegExp this module uses (for the ReDoS check in the tests). */
export const WHATSAPP_PATTERNS: readonly RegExp[] = [
  ANDROID,
  IPHONE,
  MARKS,
  SENDER,
  ...SYSTEM,
  HEEFT,
  DONE,
  MEDIA,
  ATTACHMENT,
  ATTACHED,
  DELETED,
  EDITED,
];

interface Header {
  line: number;
  format: 'android' | 'iphone';
  first: number;
  second: number;
  separator: string;
  year: number;
  hour: number;
  minute: number;
  seconds: number;
  written: string;
  rest: string;
}

function readHeader(raw: string, line: number): Header | null {
  const text = raw.replace(/^[\u200e\u200f\ufeff]+/, '');
  const android = ANDROID.exec(text);
  const match = android ?? IPHONE.exec(text);
  if (!match) return null;
  const [, d1, separator, d2, y, h, mi, s, ampm, rest] = match;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
  }
  const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
  return {
    line,
    format: android ? 'android' : 'iphone',
    first: Number(d1),
    second: Number(d2),
    separator: separator!,
    year,
    hour,
    minute: Number(mi),
    seconds: s ? Number(s) : 0,
    written: text
      .slice(0, text.length - rest!.length)
      .replace(/[\s\-–[\]]+$/, '')
      .replace(/^\[/, ''),
    rest: android ? rest! : rest!.replace(/^[ \u00a0\u202f]/, ''),
  };
}

/** Whether the words before a colon are a system line's (not a name). */
const isSystem = (words: string) =>
  SYSTEM.some((p) => p.test(words)) || (HEEFT.test(words) && DONE.test(words));

const momentOf = (h: Header, order: 'dmy' | 'mdy') =>
  order === 'dmy'
    ? localMoment(h.year, h.second, h.first, h.hour, h.minute, h.seconds)
    : localMoment(h.year, h.first, h.second, h.hour, h.minute, h.seconds);

/** Whether the headers' moments never go back in time when read in this order. */
function inOrder(headers: Header[], order: 'dmy' | 'mdy'): boolean {
  let last = -Infinity;
  for (const h of headers) {
    const at = momentOf(h, order);
    if (!at) return false;
    // A minute back happens (a message sent offline); a day back does not.
    if (at.getTime() < last - 86_400_000) return false;
    last = Math.max(last, at.getTime());
  }
  return true;
}

/**
 * The order of day and month for the file: told by a number above 12, else by which reading
 * keeps the messages in time order, else by the separator (`-` and `.` are day first). Slash
 * dates that fit both ways are not guessed.
 */
function decideOrder(
  headers: Header[],
  given: 'dmy' | 'mdy' | undefined,
): { order: 'dmy' | 'mdy' } | { problem: string } {
  if (given) return { order: given };
  const dayFirst = headers.find((h) => h.first > 12);
  const monthFirst = headers.find((h) => h.second > 12);
  if (dayFirst && monthFirst) {
    return {
      problem: `de datums staan door elkaar: "${dayFirst.written}" (regel ${dayFirst.line}) heeft de dag voorop, "${monthFirst.written}" (regel ${monthFirst.line}) de maand.`,
    };
  }
  if (dayFirst) return { order: 'dmy' };
  if (monthFirst) return { order: 'mdy' };
  const dmy = inOrder(headers, 'dmy');
  const mdy = inOrder(headers, 'mdy');
  if (dmy && !mdy) return { order: 'dmy' };
  if (mdy && !dmy) return { order: 'mdy' };
  if (headers.every((h) => h.separator !== '/')) return { order: 'dmy' };
  const example = headers[0]!;
  return {
    problem: `uit de datums valt niet op te maken of "${example.written}" dag-maand of maand-dag is (geen dag boven de 12). Geef --date-order dmy (dag eerst, zoals in Nederland) of --date-order mdy (maand eerst, Amerikaans).`,
  };
}

/**
 * The member key of a name in an export: lower case, without accents, marks and punctuation. A
 * phone number (a sender who was not in the phone's contacts) becomes `nummer-` and a short hash,
 * so no number is stored.
 *
 * @example
 * memberKey('Anna de Vries') // 'anna-de-vries'
 * memberKey('‪+31 6 12345678‬') // 'nummer-…' (a hash, not the number)
 */
export function memberKey(name: string): string {
  const clean = cleanName(name);
  if (isPhoneNumber(clean)) {
    const digits = clean.replace(/\D/g, '');
    return `nummer-${createHash('sha256').update(digits).digest('hex').slice(0, 10)}`;
  }
  return (
    clean
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'onbekend'
  );
}

/** A name without WhatsApp's invisible marks and the `~ ` it puts before names not in contacts. */
export const cleanName = (name: string) =>
  name.replace(MARKS, '').replace(/^~\s*/, '').replace(/\s+/g, ' ').trim();

/** Whether a name in the export is a phone number. */
export const isPhoneNumber = (name: string) => /^\+?[\d\s()-]{8,}$/.test(cleanName(name));

/**
 * A name to show: a phone number shown only by its last two digits.
 *
 * @example
 * shownName('+31 6 12345678') // 'nummer …78'
 */
export function shownName(name: string): string {
  const clean = cleanName(name);
  return isPhoneNumber(clean) ? `nummer …${clean.replace(/\D/g, '').slice(-2)}` : clean;
}

/**
 * Reads a WhatsApp export: its messages (multi-line ones joined), what it skipped (system
 * lines, left-out media, deleted messages) and the lines it could not read. A file whose first
 * line is not a WhatsApp line is refused, with what was expected.
 *
 * @example
 * const chat = readWhatsAppExport(
 *   '27-11-2026 14:05 - Anna: grofvuil €33 voor hh 12\nvoorkomt boete\n27-11-2026 14:07 - Bert: ja\n',
 * );
 * chat.ok && chat.messages.map((m) => [m.line, m.sender, m.text])
 * // [[1, 'Anna', 'grofvuil €33 voor hh 12\nvoorkomt boete'], [3, 'Bert', 'ja']]
 * @example
 * readWhatsAppExport('[11/27/26, 2:05:33 PM] Anna: ja').ok // true (month first, 14:05:33)
 * @example
 * readWhatsAppExport('boodschappenlijst\nmelk') // { ok: false, problem: 'lijkt geen WhatsApp-export: …' }
 */
export function readWhatsAppExport(text: string, options: ReadChatOptions = {}): ReadChat {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const firstIndex = lines.findIndex((l) => l.replace(MARKS, '').trim() !== '');
  if (firstIndex < 0) return { ok: false, problem: 'is leeg.' };
  if (!readHeader(lines[firstIndex]!, firstIndex + 1)) {
    return {
      ok: false,
      problem:
        'lijkt geen WhatsApp-export: de eerste regel begint niet met een datum en tijd zoals "27-11-2026 14:05 - Naam: tekst" (Android) of "[27-11-2026 14:05:33] Naam: tekst" (iPhone). Exporteer de chat in WhatsApp met "Chat exporteren" → "Zonder media".',
    };
  }

  // First the lines as they stand: headers with their continuation lines.
  const entries: { header: Header; body: string[] }[] = [];
  for (let i = firstIndex; i < lines.length; i++) {
    const header = readHeader(lines[i]!, i + 1);
    if (header) entries.push({ header, body: [header.rest] });
    else entries.at(-1)!.body.push(lines[i]!);
  }
  const decided = decideOrder(
    entries.map((e) => e.header),
    options.dateOrder,
  );
  if ('problem' in decided) return { ok: false, problem: decided.problem };
  const { order } = decided;

  const messages: ChatMessage[] = [];
  const unread: UnreadLine[] = [];
  let system = 0;
  let media = 0;
  let deleted = 0;
  let iphone = 0;
  for (const { header, body } of entries) {
    if (header.format === 'iphone') iphone++;
    const at = momentOf(header, order);
    if (!at) {
      unread.push({
        line: header.line,
        text: lines[header.line - 1]!.slice(0, 80),
        reason: `"${header.written}" is geen bestaande datum en tijd`,
      });
      continue;
    }
    const first = body[0]!;
    // A system line starts with a mark (iPhone), or has no "Name: " or a system phrase before it.
    const sender = SENDER.exec(first);
    if (!sender || /^[\u200e\u200f]/.test(first) || isSystem(sender[1]!)) {
      system++;
      continue;
    }
    const [, name, start] = sender;
    const raw = [start!, ...body.slice(1)];
    if (/^[\u200e\u200f]/.test(start!)) {
      const plain = start!.replace(MARKS, '').trim();
      if (DELETED.test(plain)) deleted++;
      else if (MEDIA.test(plain) || isAttachment(plain)) media++;
      else system++;
      if (!(isAttachment(plain) && body.length > 1)) continue;
    }
    const kept = raw
      .map((l) => l.replace(MARKS, '').trimEnd())
      .filter((l) => !isAttachment(l.trim()) && !MEDIA.test(l.trim()));
    const joined = kept.join('\n').trim().replace(EDITED, '').trim();
    if (joined === '') {
      media++;
      continue;
    }
    if (DELETED.test(joined)) {
      deleted++;
      continue;
    }
    messages.push({
      line: header.line,
      at,
      written: header.written,
      sender: cleanName(name!),
      text: joined,
    });
  }
  return {
    ok: true,
    format: iphone * 2 > entries.length ? 'iphone' : 'android',
    dateOrder: order,
    messages,
    system,
    media,
    deleted,
    unread,
  };
}
