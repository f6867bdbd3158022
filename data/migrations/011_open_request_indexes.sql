-- What falls due is read from open requests only (nextRequestDue in src/store/requests.ts: the
-- earliest open deadline, the earliest reminder still to send), so its two indexes hold open
-- requests only (issue 13). A request leaves them when it is decided or reminded: the indexes stay
-- as small as what is open instead of growing with a team's whole history, and deciding a request
-- deletes index entries instead of moving them.
DROP INDEX requests_status;
DROP INDEX requests_reminder;
CREATE INDEX requests_open_deadline ON requests (deadline_at) WHERE status = 'open';
CREATE INDEX requests_open_reminder ON requests (remind_at)
  WHERE status = 'open' AND remind_at IS NOT NULL AND reminded_at IS NULL;
