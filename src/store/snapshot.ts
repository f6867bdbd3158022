import { potTotals } from './budget.ts';
import { allRequests } from './requests.ts';
import type { Statements } from './statements.ts';
import { listTeams } from './teams.ts';

/** The state of a database as plain JSON: what `mmb state --json` and replay print. */
export interface Snapshot {
  teams: {
    id: string;
    balanceCents: number;
    reservedCents: number;
    availableCents: number;
    grantedCents: number;
  }[];
  requests: {
    number: number;
    team: string;
    chat: string;
    messageId: string;
    requester: string;
    household: string;
    amountCents: number;
    description: string;
    status: string;
    yes: string[];
    no: string[];
    createdAt: string;
    decidedAt: string | null;
  }[];
  ledger: { team: string; kind: string; amountCents: number; request: number | null; at: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Reads the whole state: teams with their pot, requests with their votes, and the ledger.
 * `grantedCents` is what the team's requests cost the pot (grants net of corrections).
 */
export function takeSnapshot(sql: Statements): Snapshot {
  const teams = listTeams(sql).map((team) => ({
    id: team.id,
    ...potTotals(sql, team.id),
    grantedCents:
      0 -
      sql.number(
        'SELECT coalesce(sum(amount_cents), 0) FROM ledger WHERE team_id = ? AND request_id IS NOT NULL',
        team.id,
      ),
  }));
  const votes = sql.all<{ request_id: number; member_id: string; value: string }>(
    'SELECT request_id, member_id, value FROM votes ORDER BY cast_at, member_id',
  );
  const byRequest = new Map<number, { member_id: string; value: string }[]>();
  for (const vote of votes)
    byRequest.set(vote.request_id, [...(byRequest.get(vote.request_id) ?? []), vote]);
  const votesOf = (id: number, value: string) =>
    (byRequest.get(id) ?? []).filter((v) => v.value === value).map((v) => v.member_id);
  const requests = allRequests(sql).map((r) => ({
    number: r.number,
    team: r.teamId,
    chat: r.chatId,
    messageId: r.messageId,
    requester: r.requesterId,
    household: r.household,
    amountCents: r.amountCents,
    description: r.description,
    status: r.status,
    yes: votesOf(r.id, 'ja'),
    no: votesOf(r.id, 'nee'),
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
  const ledger = sql
    .all<{
      team_id: string;
      kind: string;
      amount_cents: number;
      number: number | null;
      booked_at: number;
    }>(
      `SELECT l.team_id, l.kind, l.amount_cents, r.number, l.booked_at FROM ledger l
       LEFT JOIN requests r ON r.id = l.request_id ORDER BY l.id`,
    )
    .map((l) => ({
      team: l.team_id,
      kind: l.kind,
      amountCents: l.amount_cents,
      request: l.number,
      at: iso(l.booked_at),
    }));
  return { teams, requests, ledger };
}
