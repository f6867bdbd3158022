-- Fewer pages in each event's synced commit (issue 13): a reply used to enter three indexes of
-- the outbox when it was queued. Two of them now hold only the rows their queries look for.

-- outbox_platform finds the request behind a reply to one of the bot's messages by the id the
-- platform gave that message (src/store/requests.ts), so it holds delivered messages only: a
-- reply enters it when it is marked sent, in the delivery's own commit, not in the event's.
DROP INDEX outbox_platform;
CREATE INDEX outbox_platform ON outbox (chat_id, platform_message_id)
  WHERE platform_message_id IS NOT NULL;

-- outbox_request finds a request's own message (the one its votes go under, request-view.ts);
-- the tallies, decisions and reminders about it need no index.
DROP INDEX outbox_request;
CREATE INDEX outbox_request ON outbox (request_id) WHERE purpose = 'request-opened';

-- A one-off notice is queued once per chat (src/delivery/notices.ts): it looked for an earlier one
-- through outbox_platform's chat column; now through an index of the notices alone.
CREATE INDEX outbox_notice ON outbox (chat_id) WHERE purpose = 'privacy-mode';
