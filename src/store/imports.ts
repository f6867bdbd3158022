import type { Statements } from './statements.ts';

/** Who booked what an import booked (ledger `booked_by`, request `requester_id`/`decided_by`). */
export const IMPORT_ACTOR = 'import';

/** A row brought in by `mmb import`, as recorded next to what it booked. */
export interface ImportedRow {
  teamId: string;
  rowHash: string;
  kind: 'grant' | 'deposit';
  fileName: string;
  line: number;
  requestId: number | null;
  ledgerId: number;
  importedAt: Date;
}

/**
 * The earlier import of a row with this content, or null.
 *
 * @example
 * findImportedRow(sql, 'noord', hash) // { fileName: 'toekenningen.csv', line: 4, … }
 */
export function findImportedRow(
  sql: Statements,
  teamId: string,
  rowHash: string,
): ImportedRow | null {
  const row = sql.get<{
    kind: 'grant' | 'deposit';
    file_name: string;
    line: number;
    request_id: number | null;
    ledger_id: number;
    imported_at: number;
  }>(
    'SELECT kind, file_name, line, request_id, ledger_id, imported_at FROM imports WHERE team_id = ? AND row_hash = ?',
    teamId,
    rowHash,
  );
  if (!row) return null;
  return {
    teamId,
    rowHash,
    kind: row.kind,
    fileName: row.file_name,
    line: row.line,
    requestId: row.request_id,
    ledgerId: row.ledger_id,
    importedAt: new Date(row.imported_at),
  };
}

/** Records an imported row; run in the transaction that booked it. */
export function recordImportedRow(sql: Statements, row: ImportedRow): void {
  sql.run(
    `INSERT INTO imports (team_id, row_hash, kind, file_name, line, request_id, ledger_id, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    row.teamId,
    row.rowHash,
    row.kind,
    row.fileName,
    row.line,
    row.requestId,
    row.ledgerId,
    row.importedAt.getTime(),
  );
}

/** The id of the ledger entry the connection appended last (after `book`). */
export function lastLedgerId(sql: Statements): number {
  return sql.number('SELECT last_insert_rowid()');
}

/** A grant already booked that a row looks like: same household and amount, days apart. */
export interface SimilarGrant {
  number: number;
  /** When it was approved. */
  at: Date;
  description: string;
  /** Where it came from: the file and line of its import, or null for a grant made in the chat. */
  fileName: string | null;
  line: number | null;
}

/**
 * The grant already booked for this household with this amount, approved at most `withinMs` from
 * `grant.at`, that came from another source than `grant.chatId`; the nearest in time, or null.
 *
 * @example
 * similarGrantWithin(sql, 'noord', { household: '12', cents: 3300, at, chatId }, 14 * 86_400_000)?.number // 4
 */
export function similarGrantWithin(
  sql: Statements,
  teamId: string,
  grant: { household: string; cents: number; at: Date; chatId: string },
  withinMs: number,
): SimilarGrant | null {
  const row = sql.get<{
    number: number;
    decided_at: number;
    description: string;
    file_name: string | null;
    line: number | null;
  }>(
    `SELECT r.number, r.decided_at, r.description, i.file_name, i.line
     FROM requests r LEFT JOIN imports i ON i.request_id = r.id
     WHERE r.team_id = ? AND r.status = 'approved' AND r.household = ? AND r.amount_cents = ?
       AND r.chat_id != ? AND r.decided_at BETWEEN ? AND ?
     ORDER BY abs(r.decided_at - ?), r.number LIMIT 1`,
    teamId,
    grant.household,
    grant.cents,
    grant.chatId,
    grant.at.getTime() - withinMs,
    grant.at.getTime() + withinMs,
    grant.at.getTime(),
  );
  if (!row) return null;
  return {
    number: row.number,
    at: new Date(row.decided_at),
    description: row.description,
    fileName: row.file_name,
    line: row.line,
  };
}
