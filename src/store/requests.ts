import { touchDue } from './due-version.ts';
import type { Statements } from './statements.ts';

export type RequestStatus = 'open' | 'approved' | 'expired' | 'cancelled';

/** A budget request as stored. Times are instants, money in cents. */
export interface BudgetRequest {
  id: number;
  teamId: string;
  number: number;
  chatId: string;
  messageId: string;
  requesterId: string;
  household: string;
  amountCents: number;
  description: string;
  preventedCents: number | null;
  preventedText: string | null;
  periodStart: Date;
  status: RequestStatus;
  createdAt: Date;
  deadlineAt: Date;
  remindAt: Date | null;
  remindedAt: Date | null;
  decidedAt: Date | null;
  decidedBy: string | null;
}

interface RequestRow {
  id: number;
  team_id: string;
  number: number;
  chat_id: string;
  message_id: string;
  requester_id: string;
  household: string;
  amount_cents: number;
  description: string;
  prevented_cents: number | null;
  prevented_text: string | null;
  period_start: number;
  status: RequestStatus;
  created_at: number;
  deadline_at: number;
  remind_at: number | null;
  reminded_at: number | null;
  decided_at: number | null;
  decided_by: string | null;
}

/** Every column of a request, named (not `SELECT *`): what toRequest reads, in one place. */
const COLUMN_NAMES = [
  'id',
  'team_id',
  'number',
  'chat_id',
  'message_id',
  'requester_id',
  'household',
  'amount_cents',
  'description',
  'prevented_cents',
  'prevented_text',
  'period_start',
  'status',
  'created_at',
  'deadline_at',
  'remind_at',
  'reminded_at',
  'decided_at',
  'decided_by',
] as const satisfies readonly (keyof RequestRow)[];
const COLUMNS = COLUMN_NAMES.join(', ');
const R_COLUMNS = COLUMN_NAMES.map((name) => `r.${name}`).join(', ');

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

const toRequest = (row: RequestRow): BudgetRequest => ({
  id: row.id,
  teamId: row.team_id,
  number: row.number,
  chatId: row.chat_id,
  messageId: row.message_id,
  requesterId: row.requester_id,
  household: row.household,
  amountCents: row.amount_cents,
  description: row.description,
  preventedCents: row.prevented_cents,
  preventedText: row.prevented_text,
  periodStart: new Date(row.period_start),
  status: row.status,
  createdAt: new Date(row.created_at),
  deadlineAt: new Date(row.deadline_at),
  remindAt: date(row.remind_at),
  remindedAt: date(row.reminded_at),
  decidedAt: date(row.decided_at),
  decidedBy: row.decided_by,
});

const one = (row: RequestRow | undefined) => (row ? toRequest(row) : null);

export type NewRequest = Omit<
  BudgetRequest,
  'id' | 'number' | 'status' | 'remindedAt' | 'decidedAt' | 'decidedBy'
>;

/** Stores a new open request with the team's next number. */
export function insertRequest(sql: Statements, request: NewRequest): BudgetRequest {
  const number = sql.number(
    'SELECT coalesce(max(number), 0) + 1 FROM requests WHERE team_id = ?',
    request.teamId,
  );
  touchDue(sql.db, 'request');
  const result = sql.run(
    `INSERT INTO requests (team_id, number, chat_id, message_id, requester_id, household, amount_cents,
       description, prevented_cents, prevented_text, period_start, status, created_at, deadline_at, remind_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
    request.teamId,
    number,
    request.chatId,
    request.messageId,
    request.requesterId,
    request.household,
    request.amountCents,
    request.description,
    request.preventedCents,
    request.preventedText,
    request.periodStart.getTime(),
    request.createdAt.getTime(),
    request.deadlineAt.getTime(),
    request.remindAt?.getTime() ?? null,
  );
  // The row as stored, without reading it back.
  return {
    ...request,
    id: Number(result.lastInsertRowid),
    number,
    status: 'open',
    remindAt: request.remindAt ?? null,
    remindedAt: null,
    decidedAt: null,
    decidedBy: null,
  };
}

/** A request by its row id. */
export function requestById(sql: Statements, id: number): BudgetRequest | null {
  return one(sql.get<RequestRow>(`SELECT ${COLUMNS} FROM requests WHERE id = ?`, id));
}

/** A request by its number within a team (#12). */
export function requestByNumber(
  sql: Statements,
  teamId: string,
  number: number,
): BudgetRequest | null {
  return one(
    sql.get<RequestRow>(
      `SELECT ${COLUMNS} FROM requests WHERE team_id = ? AND number = ?`,
      teamId,
      number,
    ),
  );
}

/**
 * The request a chat message is about: the request message itself, or a bot message about
 * a request (once the adapter has recorded the platform id it got when sending).
 */
export function requestForMessage(
  sql: Statements,
  chatId: string,
  messageId: string,
): BudgetRequest | null {
  const direct = sql.get<RequestRow>(
    `SELECT ${COLUMNS} FROM requests WHERE chat_id = ? AND message_id = ?`,
    chatId,
    messageId,
  );
  if (direct) return toRequest(direct);
  return one(
    sql.get<RequestRow>(
      `SELECT ${R_COLUMNS} FROM outbox o JOIN requests r ON r.id = o.request_id
       WHERE o.chat_id = ? AND o.platform_message_id = ?`,
      chatId,
      messageId,
    ),
  );
}

/** Every request, by team and number. */
export function allRequests(sql: Statements): BudgetRequest[] {
  return sql
    .all<RequestRow>(`SELECT ${COLUMNS} FROM requests ORDER BY team_id, number`)
    .map(toRequest);
}

/** The open requests of a chat, oldest first. */
export function openRequestsInChat(sql: Statements, chatId: string): BudgetRequest[] {
  return sql
    .all<RequestRow>(
      `SELECT ${COLUMNS} FROM requests WHERE chat_id = ? AND status = 'open' ORDER BY number`,
      chatId,
    )
    .map(toRequest);
}

/** The open requests of a team, oldest first. */
export function openRequestsOfTeam(sql: Statements, teamId: string): BudgetRequest[] {
  return sql
    .all<RequestRow>(
      // The open ones only (migration 009's partial index), not the team's whole history.
      `SELECT ${COLUMNS} FROM requests INDEXED BY requests_open_team
       WHERE team_id = ? AND status = 'open' ORDER BY number`,
      teamId,
    )
    .map(toRequest);
}

/** Closes an open request: approved, expired or cancelled. Returns false if it was not open. */
export function decideRequest(
  sql: Statements,
  id: number,
  status: Exclude<RequestStatus, 'open'>,
  at: Date,
  by: string | null,
): boolean {
  touchDue(sql.db, 'request');
  return (
    sql.run(
      "UPDATE requests SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = 'open'",
      status,
      at.getTime(),
      by,
      id,
    ).changes === 1
  );
}

/** Notes that the reminder for a request went out. */
export function markReminded(sql: Statements, id: number, at: Date): void {
  touchDue(sql.db, 'request');
  sql.run('UPDATE requests SET reminded_at = ? WHERE id = ?', at.getTime(), id);
}

/** The earliest open deadline or pending reminder, with what it is. */
export function nextRequestDue(
  sql: Statements,
): { at: Date; requestId: number; what: 'expire' | 'remind' } | null {
  const expire = sql.get<{ id: number; at: number }>(
    "SELECT id, deadline_at AS at FROM requests WHERE status = 'open' ORDER BY deadline_at, id LIMIT 1",
  );
  const remind = sql.get<{ id: number; at: number }>(
    `SELECT id, remind_at AS at FROM requests
     WHERE status = 'open' AND remind_at IS NOT NULL AND reminded_at IS NULL ORDER BY remind_at, id LIMIT 1`,
  );
  if (remind && (!expire || remind.at < expire.at))
    return { at: new Date(remind.at), requestId: remind.id, what: 'remind' };
  if (expire) return { at: new Date(expire.at), requestId: expire.id, what: 'expire' };
  return null;
}
