-- 007: grants and deposits brought in from a team's own spreadsheet (`mmb import`), before the bot
-- came. Each imported row points at the ledger entry it booked (and, for a grant, its request), with
-- the file and line it came from. A row is recognised by its content (row_hash), so the same file
-- imported again books nothing twice. Never edit this file once landed.

CREATE TABLE imports (
  id           INTEGER PRIMARY KEY,
  team_id      TEXT NOT NULL REFERENCES teams (id),
  row_hash     TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('grant', 'deposit')),
  file_name    TEXT NOT NULL,
  line         INTEGER NOT NULL CHECK (line >= 1),
  request_id   INTEGER REFERENCES requests (id),
  ledger_id    INTEGER NOT NULL REFERENCES ledger (id),
  imported_at  INTEGER NOT NULL,
  UNIQUE (team_id, row_hash),
  CHECK ((kind = 'grant') = (request_id IS NOT NULL))
);
CREATE INDEX imports_request ON imports (request_id) WHERE request_id IS NOT NULL;
