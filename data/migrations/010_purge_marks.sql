-- 010: how far the retention purge (src/store/retention.ts) went, per table, so what it removed
-- cannot come back as new. 'inbox': the newest event time whose dedupe key was purged; the engine
-- takes an event at or before it as applied before (a platform that redelivers an event older than
-- its key). 'subscription_sends': the newest send whose record was purged; a round made at or
-- before it is not sent to a subscriber again. Never edit this file once landed.

CREATE TABLE purge_marks (
  what        TEXT PRIMARY KEY,
  through_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- A database purged before this migration kept no mark: its oldest remaining key stands for it
-- (every key older than that was purged, or never came in before it and is older than it).
INSERT INTO purge_marks (what, through_at)
  SELECT 'inbox', oldest - 1 FROM (SELECT min(event_at) AS oldest FROM inbox) WHERE oldest IS NOT NULL;
