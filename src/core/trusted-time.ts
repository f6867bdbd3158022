/** What `trustedTime` judges an event's time on. */
export interface TimeEvidence {
  /** The time the platform hands over: for WhatsApp the sender's phone set it. Null when none. */
  platformAt: Date | null;
  /** When the bot received the event (its own, injected clock). */
  receivedAt: Date;
  /** The trusted time of the last event the bot took in from the same chat; null when none. */
  lastSeenInChat: Date | null;
  /** The event waited while the bot was away (offline catch-up, WhatsApp's `append`). */
  backlog: boolean;
}

/**
 * The time an event counts at when a sender's device set its timestamp (docs/rules.md rule 14): a
 * live event at the moment the bot received it; a backlog event at its own time when that lies
 * between the last event seen from its chat and now, else at the nearer end of that window. The
 * answer is never later than `receivedAt` and — the bot's clock running forward — never earlier
 * than `lastSeenInChat`, so a chat's events count in the order the bot received them.
 *
 * @example
 * const now = new Date('2026-03-02T10:00:00Z');
 * trustedTime({ platformAt: new Date('2027-01-01T00:00:00Z'), receivedAt: now, lastSeenInChat: null, backlog: false }) // now
 * trustedTime({ platformAt: new Date('2026-03-02T09:30:00Z'), receivedAt: now,
 *   lastSeenInChat: new Date('2026-03-02T09:00:00Z'), backlog: true })  // 09:30: within the window
 * trustedTime({ platformAt: new Date('2026-02-23T09:30:00Z'), receivedAt: now,
 *   lastSeenInChat: new Date('2026-03-02T09:00:00Z'), backlog: true })  // 09:00: a week behind
 */
export function trustedTime({
  platformAt,
  receivedAt,
  lastSeenInChat,
  backlog,
}: TimeEvidence): Date {
  const now = receivedAt.getTime();
  if (!backlog || platformAt === null || Number.isNaN(platformAt.getTime())) return new Date(now);
  // A clock that stepped back since the last event: now is all the bot can say.
  const from = lastSeenInChat === null ? -Infinity : Math.min(lastSeenInChat.getTime(), now);
  return new Date(Math.min(now, Math.max(from, platformAt.getTime())));
}
