/** How many bot messages are remembered (the most recent ones; older ones are simply edited). */
const REMEMBERED = 2_000;

/**
 * What the bot's own request messages show now — their text and whether their vote buttons are
 * under them — as far as this run sent or edited them. An edit to exactly that is skipped:
 * Telegram would only answer "message is not modified", after a round trip and a send from the
 * chat's budget. Three votes in one batch then cost one edit, not three. Bounded: the oldest
 * message is forgotten first (then it is edited as before).
 *
 * @example
 * const shown = new ShownMessages();
 * shown.remember(-1001, '42', 'Aanvraag #1 …', 1);
 * shown.shows(-1001, '42', 'Aanvraag #1 …', 1); // true: no edit needed
 * shown.shows(-1001, '42', 'Aanvraag #1 …', null); // false: the buttons must go
 */
export class ShownMessages {
  private readonly shown = new Map<string, string>();

  constructor(private readonly limit = REMEMBERED) {}

  /** Remembers that message `id` in `chat` shows `text`, with the buttons of request `buttons`. */
  remember(chat: number, id: string, text: string, buttons: number | null): void {
    const key = `${chat}:${id}`;
    this.shown.delete(key); // to the end: the most recent
    this.shown.set(key, `${buttons ?? ''}\u0000${text}`);
    if (this.shown.size > this.limit) this.shown.delete(this.shown.keys().next().value!);
  }

  /** Whether message `id` in `chat` is known to show exactly this already. */
  shows(chat: number, id: string, text: string, buttons: number | null): boolean {
    return this.shown.get(`${chat}:${id}`) === `${buttons ?? ''}\u0000${text}`;
  }

  /** Forgets a message (an edit failed: what it shows is not known any more). */
  forget(chat: number, id: string): void {
    this.shown.delete(`${chat}:${id}`);
  }
}
