import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.ts';
import type { IncomingEvent } from '../../src/core/incoming.ts';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { openDatabase } from '../../src/store/database.ts';
import { migrate, readMigrations } from '../../src/store/migrate.ts';
import { Engine } from '../../src/engine/engine.ts';
import { purgeExpired } from '../../src/store/retention.ts';
import { Harness } from '../support/harness.ts';
import { tempDir } from '../support/temp-dir.ts';

const DAY = 86_400_000;
const later = (h: Harness, days: number) => new Date(h.clock.now().getTime() + days * DAY);
const inboxKeys = (h: Harness) => h.engine.sql.number('SELECT count(*) FROM inbox');

/**
 * A granted request (three votes, one by reaction) and a deposit, as the platform delivered them:
 * the same events, with their platform ids and times, can be delivered again.
 */
function aGrantAndADeposit(h: Harness): IncomingEvent[] {
  const at = h.clock.now();
  const message = (senderId: string, messageId: string, text: string): IncomingEvent => ({
    kind: 'message',
    chatId: 'noord',
    senderId,
    messageId,
    at,
    text,
    replyTo: null,
  });
  const events: IncomingEvent[] = [
    message('anna', 'req', 'grofvuil €33 voor huishouden 12'),
    message('bas', 'v1', 'ja #1'),
    message('carla', 'v2', 'ja #1'),
    message('coco', 'dep', '/storten 10'),
  ];
  for (const event of events) h.handle(event);
  const opened = h.engine.sql.get<{ platform_message_id: string | null; id: number }>(
    "SELECT id, platform_message_id FROM outbox WHERE purpose = 'request-opened'",
  )!;
  const reaction: IncomingEvent = {
    kind: 'reaction',
    chatId: 'noord',
    senderId: 'dirk',
    eventId: 'dirk-like',
    targetMessageId: 'req',
    emoji: '👍',
    at,
  };
  h.handle(reaction);
  expect(opened.id).toBeGreaterThan(0);
  return [...events, reaction];
}

describe('an event redelivered after its inbox key was purged', () => {
  it('changes nothing: no second request, vote or debit, and no reply', () => {
    const h = new Harness();
    const events = aGrantAndADeposit(h);
    expect(h.request(1)).toMatchObject({ status: 'approved' });
    h.at(later(h, 31)); // the round's overview is posted on the way
    const before = JSON.stringify(h.state());
    const ledgerRows = h.engine.sql.number('SELECT count(*) FROM ledger');
    h.replies();
    expect(purgeExpired(h.db, h.clock.now(), 30).inboxKeys).toBe(events.length);
    expect(inboxKeys(h)).toBe(0);

    // A WhatsApp history sync on re-link, a replay of old updates: the same events again.
    for (const event of events) expect(h.handle(event)).toEqual({ applied: false, replies: 0 });
    expect(h.replies()).toEqual([]);
    expect(JSON.stringify(h.state())).toBe(before);
    expect(h.engine.sql.number('SELECT count(*) FROM ledger')).toBe(ledgerRows);
    expect(h.engine.sql.number('SELECT count(*) FROM requests')).toBe(1);
    expect(inboxKeys(h)).toBe(0); // not stored again either
  });

  it('is judged by the newest purged event: one just after it is applied, one at it is not', () => {
    const h = new Harness();
    h.say('anna', 'goedemorgen');
    const newestPurged = h.clock.now().getTime();
    h.advance(60);
    h.say('bas', 'ook goedemorgen'); // kept: one hour younger than the purge's cut-off
    purgeExpired(h.db, new Date(newestPurged + 30 * DAY + 30 * 60_000), 30);
    expect(inboxKeys(h)).toBe(1);

    h.replies();
    h.say('carla', 'grofvuil €33 voor huishouden 12', { at: new Date(newestPurged) });
    expect(h.last).toEqual({ applied: false, replies: 0 });
    h.say('carla', 'grofvuil €33 voor huishouden 12', { at: new Date(newestPurged + 1) });
    expect(h.last).toEqual({ applied: true, replies: 1 });
    expect(h.texts()).toEqual([expect.stringMatching(/^📝 Aanvraag #1: € 33,00/)]);
  });

  it('stays applied across a restart, and after a purge by another connection (mmb purge)', () => {
    const file = join(tempDir('mmb-redelivery-'), 'mmb.sqlite');
    const first = new Harness(undefined, undefined, { db: openDatabase(file) });
    const events = aGrantAndADeposit(first);
    purgeExpired(first.db, later(first, 31), 30);
    first.db.close();

    const lines: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const db = openDatabase(file);
    const clock = { now: () => later(first, 31) };
    const config = BotConfigSchema.parse({
      admins: ['admin'],
      teams: [{ id: 'noord', chats: ['noord'], coordinators: ['coco'], startDate: '2026-01-05' }],
    });
    const engine = new Engine({ db, clock, config, logger });
    const before = JSON.stringify(engine.sql.all('SELECT * FROM ledger ORDER BY id'));
    for (const event of events) expect(engine.handle(event).applied).toBe(false);
    expect(JSON.stringify(engine.sql.all('SELECT * FROM ledger ORDER BY id'))).toBe(before);
    // Logged at debug, without the message text.
    const skipped = lines.filter((line) => line.includes('"event already applied"'));
    expect(skipped).toHaveLength(events.length);
    expect(lines.join('\n')).not.toContain('grofvuil');

    // A message it has applied since; then another connection purges while this one runs.
    const late = { ...events[1]!, messageId: 'v9', text: 'nog een ja', at: later(first, 1) };
    expect(engine.handle(late).applied).toBe(true);
    const other = openDatabase(file);
    purgeExpired(other, later(first, 40), 30);
    other.close();
    expect(engine.sql.number('SELECT count(*) FROM inbox')).toBe(0);
    expect(engine.handle(late).applied).toBe(false);
    db.close();
  });
});

describe('migration 010', () => {
  it('marks a database purged before it by its oldest remaining inbox key', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      readMigrations().filter((m) => m.version <= 9),
    );
    db.exec(
      `INSERT INTO inbox VALUES ('m|c|2', 'c', '2', 'bas', 2000), ('m|c|1', 'c', '1', 'anna', 1000)`,
    );
    migrate(db);
    expect(db.prepare('SELECT what, through_at FROM purge_marks').all()).toEqual([
      { what: 'inbox', through_at: 999 },
    ]);

    const empty = new Database(':memory:');
    migrate(empty);
    expect(empty.prepare('SELECT count(*) FROM purge_marks').pluck().get()).toBe(0);
  });
});
