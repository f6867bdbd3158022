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
