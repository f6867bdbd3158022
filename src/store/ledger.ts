import type { Statements } from './statements.ts';

export type LedgerKind = 'deposit' | 'grant' | 'correction' | 'reversal';

/** One booking: money into the pot positive, out of it negative. */
export interface LedgerEntry {
  teamId: string;
  kind: LedgerKind;
  amountCents: number;
  requestId: number | null;
  periodStart: Date;
  at: Date;
  by: string | null;
  note: string | null;
}

/**
 * Appends an entry to the ledger. The ledger is append-only: the database refuses UPDATE and
 * DELETE on it, so a mistake is put right with a new entry.
 */
export function book(sql: Statements, entry: LedgerEntry): void {
  sql.run(
    `INSERT INTO ledger (team_id, kind, amount_cents, request_id, period_start, booked_at, booked_by, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    entry.teamId,
    entry.kind,
    entry.amountCents,
    entry.requestId,
    entry.periodStart.getTime(),
    entry.at.getTime(),
    entry.by,
    entry.note,
  );
}

/**
 * The team's balance: the sum of its ledger, as the ledger's triggers keep it in `team_balances`
 * (migration 009), in the transaction of each booking. An older database read as it is (`mmb
 * state` opens it read-only, unmigrated) has no such table: there the ledger is summed.
 *
 * @example
 * balanceOf(sql, 'noord') // 196700
 */
export function balanceOf(sql: Statements, teamId: string): number {
  if (!keepsBalances(sql)) {
    return sql.number(
      'SELECT coalesce(sum(amount_cents), 0) FROM ledger WHERE team_id = ?',
      teamId,
    );
  }
  return sql.number('SELECT balance_cents FROM team_balances WHERE team_id = ?', teamId);
}

const balancesKept = new WeakMap<Statements, boolean>();

/** Whether the database keeps running balances (migration 009), asked once per connection. */
function keepsBalances(sql: Statements): boolean {
  let kept = balancesKept.get(sql);
  if (kept === undefined) {
    kept =
      sql.get(
        "SELECT 1 AS yes FROM sqlite_schema WHERE type = 'table' AND name = 'team_balances'",
      ) !== undefined;
    balancesKept.set(sql, kept);
  }
  return kept;
}

/** What a request has cost the pot so far: its grant net of corrections and reversals (≥ 0). */
export function netSpentOn(sql: Statements, requestId: number): number {
  return (
    0 -
    sql.number('SELECT coalesce(sum(amount_cents), 0) FROM ledger WHERE request_id = ?', requestId)
  );
}
