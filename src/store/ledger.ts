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

/** The team's balance: the sum of its ledger. */
export function balanceOf(sql: Statements, teamId: string): number {
  return sql.number('SELECT coalesce(sum(amount_cents), 0) FROM ledger WHERE team_id = ?', teamId);
}

/** What a request has cost the pot so far: its grant net of corrections and reversals (≥ 0). */
export function netSpentOn(sql: Statements, requestId: number): number {
  return (
    0 -
    sql.number('SELECT coalesce(sum(amount_cents), 0) FROM ledger WHERE request_id = ?', requestId)
  );
}
