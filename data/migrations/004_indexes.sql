-- 004: indexes the benchmark asked for (sums and lists that grew with history). Never edit once landed.

CREATE INDEX ledger_team_amount ON ledger (team_id, amount_cents);
CREATE INDEX requests_open_team ON requests (team_id, amount_cents) WHERE status = 'open';
CREATE INDEX requests_open_chat ON requests (chat_id, number) WHERE status = 'open';
CREATE INDEX requests_reminder ON requests (status, reminded_at, remind_at);
