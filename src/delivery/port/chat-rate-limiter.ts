import type { Clock } from '../../core/clock.ts';

/** How fast the bot may send into one chat. */
export interface RateLimits {
  /** The steady pace in one chat, messages a second. */
  perSecond: number;
  /** How many may go at once before that pace applies. */
  burst: number;
  /** At most this many in one group chat in any 60 seconds. */
  perMinuteInGroup: number;
}

interface ChatBudget {
  tokens: number;
  at: number;
  /** Send times within the last minute (groups only), oldest first. */
  recent: number[];
}

const MINUTE = 60_000;

/**
 * A send budget per chat, keyed by the core's chat id (`telegram:-1001…`): a token bucket for
 * the per-second pace and a sliding minute window for group chats. The platform's limits and
 * which chats are groups are passed in. It never waits itself: `take` says how long to wait, so
 * the outbox keeps the message (and the chat's order) and tries again then, instead of dropping it.
 *
 * @example
 * const limits = { perSecond: 1, burst: 3, perMinuteInGroup: 20 };
 * const limiter = new ChatRateLimiter(limits, systemClock, (chatId) => chatId.includes(':-'));
 * limiter.take('telegram:-1001', 1) // 0: send now
 * limiter.take('telegram:-1001', 3) // 1000 (or so): wait that many ms, nothing was taken
 */
export class ChatRateLimiter {
  private readonly chats = new Map<string, ChatBudget>();

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock,
    /** Whether a chat is a group (the minute window applies to groups only). */
    private readonly isGroup: (chatId: string) => boolean = () => false,
  ) {}

  /** Takes `cost` sends from a chat's budget: 0 when they may go now, else the ms to wait first. */
  take(chatId: string, cost = 1): number {
    const group = this.isGroup(chatId);
    const now = this.clock.now().getTime();
    const budget = this.budget(chatId, now);
    const { perSecond, burst, perMinuteInGroup } = this.limits;
    budget.tokens = Math.min(burst, budget.tokens + ((now - budget.at) * perSecond) / 1000);
    budget.at = now;
    while (budget.recent.length > 0 && budget.recent[0]! <= now - MINUTE) budget.recent.shift();
    const need = Math.min(cost, burst);
    let wait = budget.tokens >= need ? 0 : Math.ceil(((need - budget.tokens) * 1000) / perSecond);
    const inWindow = Math.min(cost, perMinuteInGroup);
    if (group && budget.recent.length + inWindow > perMinuteInGroup) {
      const mustLeave = budget.recent[budget.recent.length + inWindow - perMinuteInGroup - 1]!;
      wait = Math.max(wait, mustLeave + MINUTE - now + 1);
    }
    if (wait > 0) return wait;
    budget.tokens -= need;
    if (group) for (let i = 0; i < inWindow; i++) budget.recent.push(now);
    return 0;
  }

  private budget(chat: string, now: number): ChatBudget {
    let budget = this.chats.get(chat);
    if (!budget) {
      if (this.chats.size >= 10_000) this.forgetIdle(now);
      budget = { tokens: this.limits.burst, at: now, recent: [] };
      this.chats.set(chat, budget);
    }
    return budget;
  }

  private forgetIdle(now: number): void {
    for (const [chat, budget] of this.chats) {
      if (now - budget.at > MINUTE) this.chats.delete(chat);
    }
  }
}
