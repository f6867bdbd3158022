import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memberKey, readWhatsAppExport } from '../../src/import/whatsapp-export.ts';

const EXAMPLE = readFileSync(
  join(import.meta.dirname, '../../docs/whatsapp-voorbeeld.txt'),
  'utf8',
);

const read = (text: string, options = {}) => {
  const chat = readWhatsAppExport(text, options);
  if (!chat.ok) throw new Error(chat.problem);
  return chat;
};
const rows = (text: string) =>
  read(text).messages.map((m) => [m.line, m.at.toISOString(), m.sender, m.text]);

describe('reading a WhatsApp export', () => {
  it('Android, Dutch: multi-line messages joined, system lines, media and deleted messages skipped', () => {
    const chat = read(EXAMPLE);
    expect(chat.format).toBe('android');
    expect(chat.dateOrder).toBe('dmy');
    expect(chat.messages[0]).toMatchObject({
      line: 4,
      sender: 'Anna',
      written: '03-02-2026 10:02',
      text: 'Grofvuil €33 voor huishouden HH-12\nStaat al twee weken bij de voordeur, de verhuurder dreigt met een boete.\nvoorkomt boete € 95',
    });
    expect(chat.messages[0]!.at.toISOString()).toBe('2026-02-03T09:02:00.000Z'); // CET
    expect(chat.messages.map((m) => m.line)).not.toContain(8); // <Media weggelaten>
    expect(chat).toMatchObject({ system: 4, media: 1, deleted: 1, unread: [] });
    expect(chat.messages).toHaveLength(15);
  });

  it('iPhone, Dutch: [date time], U+200E system lines, attachments, a caption kept', () => {
    const text =
      '\u200e[27-11-2026 14:00:01] MMB Noord: \u200eBerichten en gesprekken worden end-to-end versleuteld.\n' +
      '\u200e[27-11-2026 14:00:02] \u200eAnna heeft Bas toegevoegd\n' +
      '[27-11-2026 14:05:33] Anna: grofvuil €33 voor hh 12\n' +
      'tweede regel\n' +
      '[27-11-2026 14:06:00] Bas: \u200eafbeelding weggelaten\n' +
      '[27-11-2026 14:07:00] ~\u202fCarla: \u200e<bijgevoegd: 00000012-PHOTO-2026-11-27.jpg>\n' +
      'de zolder\n' +
      '[27-11-2026 14:08:00] Bas: ja <Dit bericht is bewerkt>\n' +
      '[27-11-2026 14:09:00] Dirk: \u200eDit bericht is verwijderd.\n';
    const chat = read(text);
    expect(chat.format).toBe('iphone');
    expect(rows(text)).toEqual([
      [3, '2026-11-27T13:05:33.000Z', 'Anna', 'grofvuil €33 voor hh 12\ntweede regel'],
      [6, '2026-11-27T13:07:00.000Z', 'Carla', 'de zolder'],
      [8, '2026-11-27T13:08:00.000Z', 'Bas', 'ja'],
    ]);
    expect(chat).toMatchObject({ system: 2, media: 2, deleted: 1 });
  });

  it('English styles: Android 11/27/26, 2:05 PM and iPhone [27/11/2026, 14:05:33], system lines in English', () => {
    const android =
      '11/27/26, 2:00 PM - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.\n' +
      '11/27/26, 2:01 PM - Anna added Bas\n' +
      '11/27/26, 2:05 PM - Anna: bus pass €45 hh 3\n' +
      '11/27/26, 2:06\u202fPM - Bas: <Media omitted>\n' +
      '11/28/26, 9:15 AM - Bas: ja\n' +
      '11/28/26, 9:16 AM - Carla: This message was deleted\n' +
      '11/28/26, 9:17 AM - Dirk left\n';
    const a = read(android);
    expect(a.dateOrder).toBe('mdy');
    expect(rows(android)).toEqual([
      [3, '2026-11-27T13:05:00.000Z', 'Anna', 'bus pass €45 hh 3'],
      [5, '2026-11-28T08:15:00.000Z', 'Bas', 'ja'],
    ]);
    expect(a).toMatchObject({ system: 3, media: 1, deleted: 1 });
    const iphone =
      '[27/11/2026, 14:05:33] Anna: bus pass €45 hh 3\n[28/11/2026, 09:15:00] Bas: ja\n';
    expect(read(iphone).dateOrder).toBe('dmy');
    expect(rows(iphone)[1]).toEqual([2, '2026-11-28T08:15:00.000Z', 'Bas', 'ja']);
  });

  it('day or month first: by the dates, else by time order, else not guessed (--date-order)', () => {
    expect(read('[12/03/2026, 10:00:00] A: x\n[13/03/2026, 11:00:00] B: y\n').dateOrder).toBe(
      'dmy',
    );
    // 10/03 then 01/04: only day first keeps the messages in time order.
    expect(read('[10/03/2026, 10:00:00] A: x\n[01/04/2026, 11:00:00] B: y\n').dateOrder).toBe(
      'dmy',
    );
    const same = '[01/02/2026, 10:00:00] A: x\n[01/02/2026, 11:00:00] B: y\n';
    const undecided = readWhatsAppExport(same);
    expect(!undecided.ok && undecided.problem).toMatch(/--date-order dmy/);
    expect(read(same, { dateOrder: 'dmy' }).messages[0]!.at.toISOString()).toBe(
      '2026-02-01T09:00:00.000Z',
    );
    // Dashes are day first (Dutch).
    expect(read('01-02-26 10:00 - A: x\n').messages[0]!.at.toISOString()).toBe(
      '2026-02-01T09:00:00.000Z',
    );
  });

  it('a file that is not an export; a header with an impossible date is listed, not guessed', () => {
    const notes = readWhatsAppExport('boodschappenlijst\nmelk\n');
    expect(!notes.ok && notes.problem).toMatch(/lijkt geen WhatsApp-export/);
    const chat = read('27-11-2026 14:05 - Anna: x\n31-02-2026 10:00 - Bas: ja\n');
    expect(chat.unread).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringMatching(/geen bestaande datum/) }),
    ]);
  });

  it('member keys: normalised names; a phone number is never kept', () => {
    expect(memberKey('Anna de Vries')).toBe('anna-de-vries');
    expect(memberKey('~ Zoë')).toBe('zoe');
    const key = memberKey('\u202a+31 6 12345678\u202c');
    expect(key).toMatch(/^nummer-[0-9a-f]{10}$/);
    expect(key).not.toMatch(/12345678/);
  });
});
