import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { inWriteTransaction, openDatabase } from '../../src/store/database.ts';
import { Dispatcher } from '../../src/delivery/dispatcher.ts';
import { DeliveryError } from '../../src/delivery/port/delivery-error.ts';
import { createLogger } from '../../src/core/logger.ts';
import { enqueueNoticeOnce } from '../../src/delivery/notices.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import { requestView } from '../../src/rules/request-view.ts';
import { countExpired, DailyPurge, purgeExpired } from '../../src/store/retention.ts';
import { Harness } from '../support/harness.ts';

const DAY = 86_400_000;
const later = (h: Harness, days: number) => new Date(h.clock.now().getTime() + days * DAY);

/** A dispatcher that delivers chat `noord` (platform ids `p<outbox id>`), fails `broken:` chats, and has no route for `telegram:`. */
const deliverAll = async (h: Harness) => {
  const dispatcher = new Dispatcher(h.engine.sql, h.clock);
  dispatcher.register('', async (message) => ({ platformMessageId: `p${message.id}` }));
  dispatcher.register('broken', async () => {
    throw new DeliveryError('gone', { permanent: true });
  });
  await dispatcher.flush();
  await dispatcher.stop();
};

const count = (h: Harness, sql: string, ...params: string[]) => h.engine.sql.number(sql, ...params);

const EXPORT_FILE = {
  filename: 'overzicht.csv',
  mediaType: 'text/csv',
  data: new TextEncoder().encode('Samenvatting;Team Noord\r\n'),
};

/**
 * A team's month: a granted request, an open one, chatter, an export, a notice; a message that
 * waits for its platform and one that was given up. Everything that could go out went out.
 */
async function aMonthOfChat(h: Harness) {
  h.handle({
    kind: 'message',
    chatId: 'noord',
    senderId: 'erik',
    senderName: 'Erik',
    messageId: 'chat1',
    at: h.clock.now(),
    text: 'goedemorgen allemaal',
  });
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
  h.say('anna', 'pinpas €75 voor huishouden 7');
  const at = h.clock.now();
  inWriteTransaction(h.db, () => {
    enqueue(h.engine.sql, 'noord', { text: '📎 Overzicht', files: [EXPORT_FILE] }, at);
    enqueue(h.engine.sql, 'telegram:-100', { text: 'wacht op Telegram', files: [EXPORT_FILE] }, at);
    enqueue(h.engine.sql, 'broken:1', { text: 'komt nooit aan' }, at);
  });
  enqueueNoticeOnce(h.engine.sql, 'noord', 'privacy-mode', 'Maak mij beheerder', at);
  await deliverAll(h);
}

describe('files of delivered messages', () => {
  it('are dropped as the message is marked sent; a message still waiting keeps its files', async () => {
    const h = new Harness();
    await aMonthOfChat(h);
    expect(count(h, 'SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL')).toBeGreaterThan(5);
    expect(
      h.engine.sql.all<{ chat_id: string }>(
        'SELECT o.chat_id FROM outbox_files f JOIN outbox o ON o.id = f.outbox_id',
      ),
    ).toEqual([{ chat_id: 'telegram:-100' }]);
  });
});

describe('purgeExpired', () => {
  it('blanks old delivered texts, drops old inbox keys and unneeded names, and keeps the accounts', async () => {
    const h = new Harness();
    await aMonthOfChat(h);
    const accounts = JSON.stringify(h.state());
    const votes = count(h, 'SELECT count(*) FROM votes');
    const outboxRows = count(h, 'SELECT count(*) FROM outbox');
    const sent = count(h, 'SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL');

    expect(purgeExpired(h.db, later(h, 29), 30)).toEqual({
      files: 0,
      fileBytes: 0,
      texts: 0,
      inboxKeys: 0,
      members: 0,
      subscriptionSends: 0,
    });

    const now = later(h, 31);
    const dry = countExpired(h.db, now, 30);
    const counts = purgeExpired(h.db, now, 30);
    expect(counts).toEqual(dry);
    // Every delivered text but the opening of request #2, which is still open.
    expect(counts).toEqual({
      files: 0,
      fileBytes: 0,
      texts: sent - 1,
      inboxKeys: 6,
      members: 5, // erik, anna, bas, carla, dirk; coco is a coordinator
      subscriptionSends: 0,
    });
    expect(count(h, "SELECT count(*) FROM outbox WHERE text = ''")).toBe(sent - 1);
    expect(
      h.engine.sql.all('SELECT chat_id, text FROM outbox WHERE sent_at IS NULL ORDER BY id'),
    ).toEqual([
      { chat_id: 'telegram:-100', text: 'wacht op Telegram' },
      { chat_id: 'broken:1', text: 'komt nooit aan' },
    ]);
    expect(count(h, 'SELECT count(*) FROM outbox_files')).toBe(1); // the one still waiting
    expect(count(h, 'SELECT count(*) FROM outbox')).toBe(outboxRows); // rows and ids stay
    expect(count(h, 'SELECT count(*) FROM inbox')).toBe(0);
    expect(h.engine.sql.all('SELECT id FROM members')).toEqual([]);
    expect(JSON.stringify(h.state())).toBe(accounts);
    expect(count(h, 'SELECT count(*) FROM votes')).toBe(votes);

    expect(purgeExpired(h.db, now, 30)).toEqual({
      files: 0,
      fileBytes: 0,
      texts: 0,
      inboxKeys: 0,
      members: 0,
      subscriptionSends: 0,
    });
  });

  it('keeps what the lookups need: a reply to the bot, a tally edit, a notice sent once', async () => {
    const h = new Harness();
    await aMonthOfChat(h);
    const opened = (number: number) =>
      h.engine.sql.get<{ platform_message_id: string; request_id: number; text: string }>(
        `SELECT o.platform_message_id, o.request_id, o.text FROM outbox o
         JOIN requests r ON r.id = o.request_id WHERE r.number = ? AND o.purpose = 'request-opened'`,
        String(number),
      )!;
    const openText = opened(2).text;
    purgeExpired(h.db, later(h, 31), 30);

    // The granted request's message is told again from the request; the open one keeps its text.
    expect(opened(1).text).toBe('');
    expect(requestView(h.engine.sql, opened(1).request_id)!.text).toMatch(
      /^📝 Aanvraag #1: € 33,00 grofvuil voor huishouden 12\. .*\n\n✅ Toegekend · 3 van 3 ja\.$/s,
    );
    expect(requestView(h.engine.sql, opened(2).request_id)!.openedText).toBe(openText);
    // A "ja" in reply to the bot's message still finds its request (a new message: later than
    // every purged one, which count as applied).
    h.replies();
    h.advance(1);
    h.say('bas', 'ja', { replyTo: opened(2).platform_message_id });
    expect(h.texts().join('\n')).toContain('#2: 1 van 3 ja');
    // A notice sent before is not sent again.
    expect(
      enqueueNoticeOnce(h.engine.sql, 'noord', 'privacy-mode', 'Maak mij beheerder', h.clock.now()),
    ).toBe(false);
  });

  it('refuses a retention shorter than a redelivery window', () => {
    const h = new Harness();
    expect(() => purgeExpired(h.db, h.clock.now(), 7)).toThrow(RangeError);
    expect(() => countExpired(h.db, h.clock.now(), 30.5)).toThrow(RangeError);
  });

  it('leaves no purged text or file in the database files on disk (secure_delete)', async () => {
    const file = join(tempDir('mmb-retention-'), 'mmb.sqlite');
    const h = new Harness(undefined, undefined, { db: openDatabase(file) });
    const secretText = 'GEHEIME-TEKST-7319 in een antwoord';
    const secretFile = 'GEHEIM-BESTAND-2468;'.repeat(600); // overflow pages
    const at = h.clock.now();
    inWriteTransaction(h.db, () =>
      enqueue(
        h.engine.sql,
        'noord',
        {
          text: secretText,
          files: [
            {
              filename: 'x.csv',
              mediaType: 'text/csv',
              data: new TextEncoder().encode(secretFile),
            },
          ],
        },
        at,
      ),
    );
    h.db.pragma('wal_checkpoint(FULL)'); // as SQLite does by itself now and then
    const onDisk = () =>
      [file, `${file}-wal`]
        .filter((path) => existsSync(path))
        .map((path) => readFileSync(path).toString('latin1'))
        .join('');
    // Booleans, not the bytes: a failure should not print the database.
    expect(onDisk().includes('GEHEIME-TEKST-7319')).toBe(true);
    expect(onDisk().includes('GEHEIM-BESTAND-2468')).toBe(true);

    await deliverAll(h);
    purgeExpired(h.db, later(h, 31), 30);
    expect(onDisk().includes('GEHEIME-TEKST-7319')).toBe(false);
    expect(onDisk().includes('GEHEIM-BESTAND-2468')).toBe(false);
    h.db.close();
  });
});

describe('DailyPurge', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('purges at start and then every 24 hours, and waits while a batch is open', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00+01:00') });
    const clock = { now: () => new Date() };
    const h = new Harness(undefined, '2026-03-02T09:00:00+01:00');
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const purges = () => lines.filter((line) => line.includes('"retention purge"'));
    const purge = new DailyPurge({ db: h.db, clock, days: 30, logger });
    purge.start();
    expect(purges()).toHaveLength(1);

    h.say('anna', 'goedemorgen'); // an inbox key, gone 30 days later
    await vi.advanceTimersByTimeAsync(DAY - 1000);
    expect(purges()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(purges()).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(DAY - 5000);
    h.db.exec('BEGIN IMMEDIATE'); // an engine batch, open between awaits
    await vi.advanceTimersByTimeAsync(10_000);
    expect(purges()).toHaveLength(2);
    h.db.exec('COMMIT');
    await vi.advanceTimersByTimeAsync(1000);
    expect(purges()).toHaveLength(3);

    expect(count(h, 'SELECT count(*) FROM inbox')).toBe(1);
    await vi.advanceTimersByTimeAsync(29 * DAY);
    expect(purges()).toHaveLength(32);
    expect(count(h, 'SELECT count(*) FROM inbox')).toBe(0);
    // The key went in the first purge more than 30 days after it came in (day 30, 6 s past).
    const removed = purges().map((line) => (JSON.parse(line) as { inboxKeys: number }).inboxKeys);
    expect(removed.indexOf(1)).toBe(30);
    expect(JSON.parse(purges()[30]!)).toMatchObject({ days: 30, texts: 0, files: 0 });

    purge.stop();
    await vi.advanceTimersByTimeAsync(3 * DAY);
    expect(purges()).toHaveLength(32);
  });
});
