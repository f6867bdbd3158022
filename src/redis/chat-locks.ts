/**
 * One task at a time per chat, in the order they asked, within this process: a delivery job for
 * a chat waits while another job of that chat delivers, so a chat's messages keep their order.
 * Different chats never wait for each other.
 *
 * @example
 * const locks = new ChatLocks();
 * await Promise.all([locks.run('telegram:-1', sendA), locks.run('telegram:-1', sendB)]); // A, then B
 */
export class ChatLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` once the chat's earlier tasks are done; resolves with its result. */
  async run<T>(chatId: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(chatId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = before.then(() => mine);
    this.tails.set(chatId, tail);
    await before;
    try {
      return await task();
    } finally {
      release();
      if (this.tails.get(chatId) === tail) this.tails.delete(chatId);
    }
  }

  /** How many chats have a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
