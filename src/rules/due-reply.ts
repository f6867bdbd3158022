import type { Reply } from '../delivery/outbox.ts';

/** A reply owed to a chat by something that fell due (a deadline, a new period, an overview). */
export interface DueReply {
  chatId: string;
  reply: Reply;
}
