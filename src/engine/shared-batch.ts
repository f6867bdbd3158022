import type { BatchTicket } from '../delivery/port/batch-ticket.ts';
import { writeFailure, type Db } from '../store/database.ts';

/** One adapter's share in the shared transaction (see SharedBatch). */
class Ticket implements BatchTicket {
  open = true;
  /** Events of it wait in the open shared transaction, not durable yet. */
  pending = false;
  /** A commit that failed undid events of it: its own commit must report that. */
  lost = false;
}

/** What a ticket's commit throws when an earlier commit (another ticket's) undid its events. */
export class BatchUndone extends Error {
  override readonly name = 'BatchUndone';
  constructor() {
    super('a commit that failed undid events of this batch: they must be delivered again');
  }
}

export interface SharedBatchHooks {
  /** After every commit (or failed commit) of the shared transaction: render, tell listeners. */
  afterCommit: (committed: boolean) => void;
  /** After the shared transaction was undone: what it wrote must be read again. */
  undone: () => void;
}

/**
 * Group commit with owners: one SQLite write transaction (`BEGIN IMMEDIATE`) shared by every
 * open ticket — one per adapter batch (Telegram's getUpdates answer, a Baileys batch, pasted
 * console lines) — so events of several platforms still share one synced commit, each event its
 * own savepoint.
 *
 * - `begin` gives a ticket and joins the open transaction (or opens one).
 * - Any ticket's `commit` commits the shared transaction (committing early is always safe); the
 *   tickets still open keep batching: the next event of one of them opens a new transaction.
 * - When a commit fails, every ticket that had events in the undone transaction is marked lost:
 *   its own `commit` throws (BatchUndone), so every adapter asks its platform again — never only
 *   the one whose commit happened to fail.
 * - A write outside any ticket while the transaction is open (`settle`) commits it before it
 *   returns, so its caller never confirms something that is not durable.
 *
 * @example
 * const shared = new SharedBatch(db, { afterCommit: () => notify(), undone: () => forget() });
 * const telegram = shared.begin();
 * const console_ = shared.begin(); // joins the same transaction
 * shared.join(telegram); handleOne(); // a savepoint of the shared transaction
 * shared.commit(console_); // commits telegram's event too; telegram keeps its ticket
 * shared.commit(telegram); // nothing left to commit: fine
 */
export class SharedBatch {
  private readonly tickets = new Set<Ticket>();
  /** The shared transaction is open (this class began it and has not ended it). */
  private transaction = false;

  constructor(
    private readonly db: Db,
    private readonly hooks: SharedBatchHooks,
  ) {}

  /** Whether the shared transaction is open: what it holds is not durable yet. */
  get open(): boolean {
    return this.transaction;
  }

  /**
   * A new ticket, joining the open shared transaction or opening one. Throws when none can be
   * opened (another writer holds the lock, or a transaction that is not ours is open).
   */
  begin(): BatchTicket {
    this.openTransaction();
    const ticket = new Ticket();
    this.tickets.add(ticket);
    return ticket;
  }

  /**
   * Puts the next write of `ticket` inside the shared transaction (re-opening it after an early
   * commit). Returns false when it cannot — the ticket is not open here, or the lock is taken —:
   * the write is then on its own and must be `settle`d like any write outside a ticket.
   */
  join(ticket: BatchTicket): boolean {
    if (!(ticket instanceof Ticket) || !this.tickets.has(ticket)) return false;
    try {
      this.openTransaction();
    } catch {
      return false; // the write takes its own transaction
    }
    ticket.pending = true;
    return true;
  }

  /**
   * Closes `ticket`: commits the shared transaction when it is open (with every ticket's events
   * in it). Throws when that commit failed, or when an earlier one undid events of this ticket
   * (BatchUndone): its events must then be delivered again. A ticket closed already is a no-op.
   */
  commit(ticket: BatchTicket): void {
    if (!(ticket instanceof Ticket) || !this.tickets.has(ticket)) return;
    try {
      this.settle(); // while the ticket is still counted in: a failure marks it lost too
    } finally {
      this.tickets.delete(ticket);
      ticket.open = false;
    }
    if (ticket.lost) throw new BatchUndone();
  }

  /**
   * Makes what was written so far durable: commits the shared transaction if it is open (a no-op
   * otherwise). Throws when the commit failed; every ticket with events in it is then lost. Call
   * it after any write that belongs to no ticket, before the caller may confirm it.
   */
  settle(): void {
    if (!this.transaction) return;
    this.transaction = false;
    const touched = [...this.tickets].filter((ticket) => ticket.pending);
    for (const ticket of this.tickets) ticket.pending = false;
    const db = this.db;
    if (!db.open) {
      for (const ticket of touched) ticket.lost = true; // close() discarded it
      return;
    }
    let committed = false;
    try {
      // SQLite itself rolls a transaction back on some errors (a full disk): then all is lost.
      if (!db.inTransaction) throw new Error('the batch was rolled back before its commit');
      db.exec('COMMIT');
      committed = true;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      for (const ticket of touched) ticket.lost = true;
      this.hooks.undone();
      throw writeFailure(db, error);
    } finally {
      this.hooks.afterCommit(committed);
    }
  }

  private openTransaction(): void {
    if (this.transaction) return;
    if (this.db.inTransaction) throw new Error('a transaction is already open');
    this.db.exec('BEGIN IMMEDIATE');
    this.transaction = true;
  }
}
