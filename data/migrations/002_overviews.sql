-- 002: the six-weekly overviews as they were posted, communication advisers, and files that
-- travel with an outbox message (exports). Never edit this file once landed.

CREATE TABLE overviews (
  id        INTEGER PRIMARY KEY,
  team_id   TEXT NOT NULL REFERENCES teams (id),
  cycle     INTEGER NOT NULL CHECK (cycle >= 1),
  from_at   INTEGER NOT NULL,
  to_at     INTEGER NOT NULL,
  made_at   INTEGER NOT NULL,
  posted    INTEGER NOT NULL CHECK (posted IN (0, 1)),
  data      TEXT NOT NULL,                  -- the overview as JSON, exactly as it was made
  UNIQUE (team_id, cycle)
);

CREATE TRIGGER overviews_no_update BEFORE UPDATE ON overviews
BEGIN
  SELECT RAISE(ABORT, 'a stored overview is never changed');
END;

CREATE TABLE advisers (
  team_id     TEXT NOT NULL REFERENCES teams (id),
  member_id   TEXT NOT NULL,
  named_by    TEXT,
  named_at    INTEGER NOT NULL,
  PRIMARY KEY (team_id, member_id)
);

CREATE TABLE outbox_files (
  outbox_id   INTEGER NOT NULL REFERENCES outbox (id),
  position    INTEGER NOT NULL,
  filename    TEXT NOT NULL,
  media_type  TEXT NOT NULL,
  data        BLOB NOT NULL,
  PRIMARY KEY (outbox_id, position)
);
