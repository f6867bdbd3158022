-- 001: the core budget model. Times are integer milliseconds since the epoch (UTC).
-- Money is integer euro cents. Never edit this file once landed: add 002_… instead.

CREATE TABLE teams (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  settings    TEXT NOT NULL,              -- JSON, validated by src/team-settings.ts
  source      TEXT NOT NULL CHECK (source IN ('config', 'chat', 'auto')),
  created_at  INTEGER NOT NULL
);

CREATE TABLE chat_links (
  chat_id     TEXT PRIMARY KEY,
  team_id     TEXT NOT NULL REFERENCES teams (id),
  linked_by   TEXT,
  linked_at   INTEGER NOT NULL
);

CREATE TABLE coordinators (
  team_id     TEXT NOT NULL REFERENCES teams (id),
  member_id   TEXT NOT NULL,
  named_by    TEXT,
  named_at    INTEGER NOT NULL,
  PRIMARY KEY (team_id, member_id)
);

CREATE TABLE members (
  id            TEXT PRIMARY KEY,
  display_name  TEXT,
  seen_at       INTEGER NOT NULL
);

-- Every inbound event, recorded in the transaction that applies it: a redelivery finds its key.
CREATE TABLE inbox (
  event_key   TEXT PRIMARY KEY,
  chat_id     TEXT NOT NULL,
  message_id  TEXT,
  sender_id   TEXT NOT NULL,
  event_at    INTEGER NOT NULL
);
CREATE INDEX inbox_message ON inbox (chat_id, message_id);

CREATE TABLE periods (
  team_id     TEXT NOT NULL REFERENCES teams (id),
  start_at    INTEGER NOT NULL,
  end_at      INTEGER NOT NULL,
  opened_at   INTEGER NOT NULL,
  PRIMARY KEY (team_id, start_at)
);

CREATE TABLE requests (
  id               INTEGER PRIMARY KEY,
  team_id          TEXT NOT NULL REFERENCES teams (id),
  number           INTEGER NOT NULL,
  chat_id          TEXT NOT NULL,
  message_id       TEXT NOT NULL,
  requester_id     TEXT NOT NULL,
  household        TEXT NOT NULL,
  amount_cents     INTEGER NOT NULL CHECK (amount_cents > 0),
  description      TEXT NOT NULL,          -- personal data masked
  prevented_cents  INTEGER,
  prevented_text   TEXT,
  period_start     INTEGER NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('open', 'approved', 'expired', 'cancelled')),
  created_at       INTEGER NOT NULL,
  deadline_at      INTEGER NOT NULL,
  remind_at        INTEGER,
  reminded_at      INTEGER,
  decided_at       INTEGER,
  decided_by       TEXT,
  UNIQUE (team_id, number),
  UNIQUE (chat_id, message_id)
);
CREATE INDEX requests_status ON requests (status, deadline_at);
CREATE INDEX requests_household ON requests (team_id, household, period_start);

CREATE TABLE votes (
  request_id  INTEGER NOT NULL REFERENCES requests (id),
  member_id   TEXT NOT NULL,
  value       TEXT NOT NULL CHECK (value IN ('ja', 'nee')),
  cast_at     INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('reply', 'number', 'alone', 'reaction', 'button')),
  PRIMARY KEY (request_id, member_id)
);

-- Money into the pot is positive, money out of it negative. The balance is the sum.
CREATE TABLE ledger (
  id            INTEGER PRIMARY KEY,
  team_id       TEXT NOT NULL REFERENCES teams (id),
  kind          TEXT NOT NULL CHECK (kind IN ('deposit', 'grant', 'correction', 'reversal')),
  amount_cents  INTEGER NOT NULL CHECK (amount_cents <> 0),
  request_id    INTEGER REFERENCES requests (id),
  period_start  INTEGER NOT NULL,
  booked_at     INTEGER NOT NULL,
  booked_by     TEXT,
  note          TEXT
);
CREATE INDEX ledger_team ON ledger (team_id);
CREATE INDEX ledger_request ON ledger (request_id);
CREATE UNIQUE INDEX ledger_one_grant ON ledger (request_id) WHERE kind = 'grant';

CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'the ledger is append-only: book a correction instead');
END;

CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
BEGIN
  SELECT RAISE(ABORT, 'the ledger is append-only: book a reversal instead');
END;

-- Every reply the bot owes, written in the same transaction as the decision behind it.
CREATE TABLE outbox (
  id                   INTEGER PRIMARY KEY,
  chat_id              TEXT NOT NULL,
  text                 TEXT NOT NULL,
  reply_to             TEXT,
  request_id           INTEGER REFERENCES requests (id),
  purpose              TEXT NOT NULL,
  created_at           INTEGER NOT NULL,
  attempts             INTEGER NOT NULL DEFAULT 0,
  next_attempt_at      INTEGER NOT NULL,
  sent_at              INTEGER,
  failed_at            INTEGER,
  platform_message_id  TEXT,
  last_error           TEXT
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_platform ON outbox (chat_id, platform_message_id);
CREATE INDEX outbox_chat_pending ON outbox (chat_id, id) WHERE sent_at IS NULL AND failed_at IS NULL;
