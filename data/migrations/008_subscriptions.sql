-- 008: communicatieadviseurs (and coordinators) who asked, in their private chat with the bot, for
-- the overview of their teams after each six-weekly round (/abonneer; /opzeggen removes the row).
-- subscription_sends says which team's round went to whom: written in the transaction that queues
-- the message, so a round is never sent twice, also across a restart. Never edit this file once landed.

CREATE TABLE subscriptions (
  member_id      TEXT PRIMARY KEY,
  chat_id        TEXT NOT NULL,
  subscribed_at  INTEGER NOT NULL
);

CREATE TABLE subscription_sends (
  member_id  TEXT NOT NULL,
  team_id    TEXT NOT NULL REFERENCES teams (id),
  cycle      INTEGER NOT NULL CHECK (cycle >= 1),
  sent_at    INTEGER NOT NULL,
  PRIMARY KEY (member_id, team_id, cycle)
);
