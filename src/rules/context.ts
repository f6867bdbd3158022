import type { Mention } from '../core/incoming.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';

/** Everything a rule or command needs to know about the event it handles. */
export interface EventContext {
  sql: Statements;
  team: Team;
  chatId: string;
  senderId: string;
  /**
   * The sender's identity is not resolved yet (a WhatsApp LID without its phone number): their
   * vote is kept but waits until it is (docs/rules.md rule 15).
   */
  senderPending?: boolean;
  /** The platform id of the message being handled (null for reactions and buttons). */
  messageId: string | null;
  /** The message this one answers, if any. */
  replyTo: string | null;
  /** The members the message names by a mention with their id (empty or absent: none). */
  mentions?: readonly Mention[];
  /** The event's own time: every rule is judged on it. */
  at: Date;
  isAdmin: boolean;
  isCoordinator: boolean;
  /** A communicatieadviseur of the team (may export overviews). */
  isAdviser: boolean;
}
