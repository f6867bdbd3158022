-- 016: sign-in links for the monitor web page (issue 21). `/web` in a private chat stores one row
-- per link: its public id and only the SHA-256 hash of its secret, who it is for, and when it
-- stops working (10 minutes). The web process reads this table read-only; that a link was used is
-- written in the web process's own sessions file (src/web/web-sessions.ts), so the ledger's file
-- is never opened for writing by it. `/web uit` writes the moment every session of that person
-- ended: a session whose link is not younger than that moment is refused at its next request.
-- Never edit this file once landed.

CREATE TABLE web_links (
  id           TEXT PRIMARY KEY,
  secret_hash  BLOB NOT NULL CHECK (length(secret_hash) = 32),
  member_id    TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX web_links_expiry ON web_links (expires_at);

CREATE TABLE web_sign_outs (
  member_id  TEXT PRIMARY KEY,
  at         INTEGER NOT NULL
);
