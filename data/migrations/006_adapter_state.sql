-- 006: each chat adapter's own state, as text under (adapter, category, id): e.g. the WhatsApp
-- session (its credentials and encryption keys), so it lives, and is backed up, with the rest of
-- the bot's state. The core never reads it. Never edit once landed.

CREATE TABLE adapter_state (
  adapter  TEXT NOT NULL,
  category TEXT NOT NULL,
  id       TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (adapter, category, id)
) WITHOUT ROWID;
