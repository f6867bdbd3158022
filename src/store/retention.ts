import type { Clock } from '../core/clock.ts';
import { inWriteTransaction, type Db } from './database.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { touchDue } from './due-version.ts';
import { markPurged } from './purge-marks.ts';

const DAY_MS = 86_400_000;

/**
 * How many days the bot keeps what it only needs for a while (MMB_RETENTION_DAYS): the text of a
 * delivered reply, the dedupe key of an inbound message, the name of a member who was not seen
 * since. 30 days is well past every window in which the same event can come in again (Telegram
 * keeps an update 24 hours, WhatsApp retries a webhook up to 7 days) and past the vote window
 * (24 hours by default), and leaves a month to look into a complaint about what the bot said;
 * after that the accounts (requests, votes, ledger, stored overviews) say all that is needed.
 */
export const DEFAULT_RETENTION_DAYS = 30;
/** Fewer days would forget an event's dedupe key while WhatsApp may still deliver it again. */
export const MIN_RETENTION_DAYS = 8;
/** More than ten years is not a retention period. */
export const MAX_RETENTION_DAYS = 3650;

/** What a purge removed (or, in a dry run, would remove). */
export interface PurgeCounts {
  /** Files of delivered messages (exports): rows of `outbox_files`. */
  files: number;
  /** Their size in bytes. */
  fileBytes: number;
  /** Texts of delivered messages older than the retention period, blanked. */
  texts: number;
  /** Dedupe keys of inbound events older than the retention period (`inbox`). */
  inboxKeys: number;
  /** Names of members not seen within the retention period and without a role in a team. */
  members: number;
  /**
   * Records of which overview round went to which subscriber (`subscription_sends`): sent before
   * the retention period, or to someone no longer subscribed.
   */
  subscriptionSends: number;
}

/**
 * The rows each part of the purge takes. Messages not delivered (waiting, or given up) are never
 * touched. A delivered message keeps its row and its ids: they map a platform message id back to
 * a request (a reply or reaction to the bot's message, a Telegram tally edit), and a notice sent
 * once (`enqueueNoticeOnce`) is recognised by its purpose. The opening message of a request still
 * open keeps its text: a Telegram tally edit shows it again.
 */
const FILES_OF_SENT = `outbox_id IN (SELECT id FROM outbox WHERE sent_at IS NOT NULL)`;
const OLD_SENT_TEXTS = `sent_at IS NOT NULL AND sent_at < @cutoff AND text <> ''
  AND NOT (purpose = 'request-opened'
           AND request_id IN (SELECT id FROM requests WHERE status = 'open'))`;
const OLD_INBOX = `event_at < @cutoff`;
/**
 * A round is sent at the moment it was made (see unsentRounds), so an old record is an old round:
 * the purge mark keeps it from being sent again. Someone who unsubscribed gets no round before
 * they subscribe again (unsentRounds starts at `subscribed_at`): their records are not needed.
 */
const OLD_SENDS = `sent_at < @cutoff`;
const UNNEEDED_SENDS = `(${OLD_SENDS} OR member_id NOT IN (SELECT member_id FROM subscriptions))`;
/** A name is shown for coordinators and advisers; anyone else's only while they are around. */
const OLD_MEMBERS = `seen_at < @cutoff
  AND id NOT IN (SELECT member_id FROM coordinators UNION SELECT member_id FROM advisers)`;

const cutoffOf = (now: Date, days: number): number => {
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS)
    throw new RangeError(
      `retention days must be a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`,
    );
  return now.getTime() - days * DAY_MS;
};

/**
 * What `purgeExpired` would remove now, without changing anything (`mmb purge --dry-run`).
 *
 * @example
 * countExpired(db, new Date(), 30) // { files: 2, fileBytes: 48213, texts: 120, inboxKeys: 340, members: 1, subscriptionSends: 4 }
 */
export function countExpired(db: Db, now: Date, days: number): PurgeCounts {
  const cutoff = cutoffOf(now, days);
  const count = (sql: string) => db.prepare(sql).pluck().get({ cutoff }) as number;
  const files = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(length(data)), 0) AS bytes FROM outbox_files WHERE ${FILES_OF_SENT}`,
    )
    .get() as { n: number; bytes: number };
  return {
    files: files.n,
    fileBytes: files.bytes,
    texts: count(`SELECT count(*) FROM outbox WHERE ${OLD_SENT_TEXTS}`),
    inboxKeys: count(`SELECT count(*) FROM inbox WHERE ${OLD_INBOX}`),
    members: count(`SELECT count(*) FROM members WHERE ${OLD_MEMBERS}`),
    subscriptionSends: count(`SELECT count(*) FROM subscription_sends WHERE ${UNNEEDED_SENDS}`),
  };
}

/**
 * Removes what the bot no longer needs (AVG: keep no more than needed), in one write
 * transaction: the files of delivered messages, the texts of messages delivered more than `days`
 * days ago (the row and its ids stay), inbound dedupe keys older than that, the names of members
 * not seen since who hold no role, and the records of overview rounds sent to subscribers before
 * then or to someone no longer subscribed. The accounts — requests, votes, ledger, stored
 * overviews — are kept. What it removed cannot come back as new: it marks how far it went
 * (purge-marks.ts), and the engine takes an event at or before the inbox mark as applied before,
 * a subscription sends no round at or before the sends mark. Afterwards the write-ahead log is
 * checkpointed and emptied, so with `secure_delete` (see openDatabase) the removed text is gone
 * from the files on disk too.
 *
 * @example
 * purgeExpired(db, clock.now(), 30) // { files: 2, fileBytes: 48213, texts: 120, inboxKeys: 340, members: 1, subscriptionSends: 4 }
 */
export function purgeExpired(db: Db, now: Date, days: number): PurgeCounts {
  const cutoff = cutoffOf(now, days);
  const counts = inWriteTransaction(db, () => {
    const found = countExpired(db, now, days);
    const run = (sql: string) => db.prepare(sql).run({ cutoff }).changes;
    db.prepare(`DELETE FROM outbox_files WHERE ${FILES_OF_SENT}`).run();
    const newest = (sql: string) => db.prepare(sql).pluck().get({ cutoff }) as number | null;
    const texts = run(`UPDATE outbox SET text = '' WHERE ${OLD_SENT_TEXTS}`);
    const inboxThrough = newest(`SELECT max(event_at) FROM inbox WHERE ${OLD_INBOX}`);
    if (inboxThrough !== null) markPurged(db, 'inbox', inboxThrough);
    const inboxKeys = run(`DELETE FROM inbox WHERE ${OLD_INBOX}`);
    const members = run(`DELETE FROM members WHERE ${OLD_MEMBERS}`);
    const sendsThrough = newest(`SELECT max(sent_at) FROM subscription_sends WHERE ${OLD_SENDS}`);
    if (sendsThrough !== null) markPurged(db, 'subscription_sends', sendsThrough);
    const subscriptionSends = run(`DELETE FROM subscription_sends WHERE ${UNNEEDED_SENDS}`);
    if (subscriptionSends > 0) touchDue(db, 'team'); // what a subscription owes next
    return { ...found, texts, inboxKeys, members, subscriptionSends };
  });
  // Also when nothing changed now: files dropped at delivery may still sit in old log frames.
  if (!db.inTransaction && !db.memory) db.pragma('wal_checkpoint(TRUNCATE)');
  return counts;
}

export interface DailyPurgeOptions {
  db: Db;
  clock: Clock;
  /** MMB_RETENTION_DAYS. */
  days: number;
  logger?: Logger;
  /** How often (default: every 24 hours). */
  everyMs?: number;
}

const MAX_SLEEP_MS = 60 * 60_000; // wake at least hourly: a suspended machine or a changed clock
const BUSY_RETRY_MS = 1000;

/**
 * Purges at start and then every 24 hours by the injected clock (checked at least hourly, so a
 * laptop that slept still purges when it wakes). Waits while an engine batch holds the
 * connection in a transaction. A failure is logged and tried again at the next turn.
 */
export class DailyPurge {
  private timer: NodeJS.Timeout | null = null;
  private nextAt = 0;
  private running = false;

  constructor(private readonly options: DailyPurgeOptions) {}

  /** Purges now and keeps purging daily until `stop`. */
  start(): void {
    this.running = true;
    this.nextAt = this.options.clock.now().getTime();
    this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private tick(): void {
    if (!this.running) return;
    const { db, clock, days } = this.options;
    const logger = this.options.logger ?? silentLogger;
    const now = clock.now();
    if (now.getTime() >= this.nextAt) {
      if (db.inTransaction) return this.arm(BUSY_RETRY_MS);
      this.nextAt = now.getTime() + (this.options.everyMs ?? DAY_MS);
      try {
        const counts = purgeExpired(db, now, days);
        logger.info({ ...counts, days }, 'retention purge');
      } catch (error) {
        logger.error({ error: (error as Error).name }, 'retention purge failed');
      }
    }
    this.arm(Math.min(this.nextAt - clock.now().getTime(), MAX_SLEEP_MS));
  }

  private arm(wait: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), Math.max(0, wait));
    this.timer.unref();
  }
}
