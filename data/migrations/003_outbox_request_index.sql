-- 003: find the bot's message about a request (its 'request-opened' message, edited in place as
-- votes come in) without reading the whole outbox. Never edit this file once landed.

CREATE INDEX outbox_request ON outbox (request_id, purpose) WHERE request_id IS NOT NULL;
