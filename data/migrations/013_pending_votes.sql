-- One person, one vote (DOMAIN.md rule 15): a vote from an identity the bot cannot tie to a person
-- yet (a WhatsApp LID whose phone number is not known) is kept here, apart from the votes that
-- count. Once the identity is resolved it moves to `votes` under the person's id (merge-member.ts),
-- unless it was the requester's own or that person voted later under the other id.
CREATE TABLE pending_votes (
  request_id  INTEGER NOT NULL REFERENCES requests (id),
  member_id   TEXT NOT NULL,
  value       TEXT NOT NULL CHECK (value IN ('ja', 'nee')),
  cast_at     INTEGER NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('reply', 'number', 'alone', 'reaction', 'button')),
  PRIMARY KEY (request_id, member_id)
) WITHOUT ROWID;
CREATE INDEX pending_votes_member ON pending_votes (member_id);
