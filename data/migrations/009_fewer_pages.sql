-- Fewer pages per commit (issue 13): every event's synced commit writes the pages of each b-tree
-- it touches, so tables keyed by their primary key alone keep no second b-tree, indexes that only
-- some queries need are partial or go, and a team's balance is kept as it changes.

-- The dedupe record: keyed by its text key only (WITHOUT ROWID: one b-tree, not a table plus its
-- key). inbox_message goes: /coordinator looks a message's sender up by its key
-- (commands/member-role.ts), the private chat by the key's chat prefix (src/engine/private-chat.ts).
CREATE TABLE inbox_009 (
  event_key   TEXT PRIMARY KEY,
  chat_id     TEXT NOT NULL,
  message_id  TEXT,
  sender_id   TEXT NOT NULL,
  event_at    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO inbox_009 (event_key, chat_id, message_id, sender_id, event_at)
  SELECT event_key, chat_id, message_id, sender_id, event_at FROM inbox;
DROP TABLE inbox;
ALTER TABLE inbox_009 RENAME TO inbox;

-- Votes: keyed by (request, member), WITHOUT ROWID.
CREATE TABLE votes_009 (
  request_id  INTEGER NOT NULL REFERENCES requests (id),
  member_id   TEXT NOT NULL,
  value       TEXT NOT NULL CHECK (value IN ('ja', 'nee')),
  cast_at     INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('reply', 'number', 'alone', 'reaction', 'button')),
  PRIMARY KEY (request_id, member_id)
) WITHOUT ROWID;
INSERT INTO votes_009 (request_id, member_id, value, cast_at, source)
  SELECT request_id, member_id, value, cast_at, source FROM votes;
DROP TABLE votes;
ALTER TABLE votes_009 RENAME TO votes;

-- The outbox: one partial index of what waits, per chat in order, with its time, serves both
-- pendingMessages and nextPendingAt (src/delivery/outbox.ts) without a temporary b-tree.
DROP INDEX outbox_pending;
DROP INDEX outbox_chat_pending;
CREATE INDEX outbox_waiting ON outbox (chat_id, id, next_attempt_at, sent_at, failed_at)
  WHERE sent_at IS NULL AND failed_at IS NULL;

-- The ledger: ledger_team is the first column of ledger_team_amount, which serves all it did.
DROP INDEX ledger_team;

-- Open requests by team: in number order (/open) with their amounts (the reservations), so /open
-- reads the open ones only, not the team's whole history.
DROP INDEX requests_open_team;
CREATE INDEX requests_open_team ON requests (team_id, number, amount_cents) WHERE status = 'open';

-- A team's balance, kept by the ledger's own triggers in the same transaction (exact: integer
-- cents, every insert, and a delete or update should one ever be allowed), so balanceOf reads one
-- row instead of summing the team's whole ledger.
CREATE TABLE team_balances (
  team_id        TEXT PRIMARY KEY,
  balance_cents  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO team_balances (team_id, balance_cents)
  SELECT team_id, sum(amount_cents) FROM ledger GROUP BY team_id;

CREATE TRIGGER ledger_balance_insert AFTER INSERT ON ledger
BEGIN
  INSERT INTO team_balances (team_id, balance_cents) VALUES (new.team_id, new.amount_cents)
    ON CONFLICT (team_id) DO UPDATE SET balance_cents = balance_cents + excluded.balance_cents;
END;

CREATE TRIGGER ledger_balance_delete AFTER DELETE ON ledger
BEGIN
  UPDATE team_balances SET balance_cents = balance_cents - old.amount_cents
   WHERE team_id = old.team_id;
END;

CREATE TRIGGER ledger_balance_update AFTER UPDATE OF team_id, amount_cents ON ledger
BEGIN
  UPDATE team_balances SET balance_cents = balance_cents - old.amount_cents
   WHERE team_id = old.team_id;
  INSERT INTO team_balances (team_id, balance_cents) VALUES (new.team_id, new.amount_cents)
    ON CONFLICT (team_id) DO UPDATE SET balance_cents = balance_cents + excluded.balance_cents;
END;
