import type { Clock } from '../../src/core/clock.ts';

/** How fast the bot may send into one chat. */
export interface RateLimits {
  /** The steady pace in one chat, messages a second. */
  perSecond: number;
  /** How many may go at once before that pace applies. */
  burst: number;
  /** At most this many in one group (a negative chat id) in any 60 seconds. */
  perMinuteInGroup: number;
}

/** Telegram's published limits: about one message a second in a chat, 20 a minute in a group. */
export const TELEGRAM_LIMITS: RateLimits = { perSecond: 1, burst: 3, perMinuteInGroup: 20 };

interface ChatBudget {
  tokens: number;
  at: number;
  /** Send times within the last minute (groups only), oldest first. */
  recent: number[];
}

const MINUTE = 60_000;

/**
 * A send budget per chat: a token bucket for the per-second pace and a sliding minute window
 * for groups. It never waits itself: `take` says how long to wait, so the outbox keeps the
 * message (and the chat's order) and tries again then, instead of dropping it.
 *
 * @example
 * const limiter = new ChatRateLimiter(TELEGRAM_LIMITS, systemClock);
 * limiter.take(-1001, 1) // 0: send now
 * limiter.take(-1001, 3) // 1000 (or so): wait that many ms, nothing was taken
 */
export class ChatRateLimiter {
  private readonly chats = new Map<number, ChatBudget>();

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock,
  ) {}

  /** Takes `cost` sends from a chat's budget: 0 when they may go now, else the ms to wait first. */
  take(chat: number, cost = 1): number {
    const now = this.clock.now().getTime();
    const budget = this.budget(chat, now);
    const { perSecond, burst, perMinuteInGroup } = this.limits;
    budget.tokens = Math.min(burst, budget.tokens + ((now - budget.at) * perSecond) / 1000);
    budget.at = now;
    while (budget.recent.length > 0 && budget.recent[0]! <= now - MINUTE) budget.recent.shift();
    const need = Math.min(cost, burst);
    let wait = budget.tokens >= need ? 0 : Math.ceil(((need - budget.tokens) * 1000) / perSecond);
    const inWindow = Math.min(cost, perMinuteInGroup);
    if (chat < 0 && budget.recent.length + inWindow > perMinuteInGroup) {
      const mustLeave = budget.recent[budget.recent.length + inWindow - perMinuteInGroup - 1]!;
      wait = Math.max(wait, mustLeave + MINUTE - now + 1);
    }
    if (wait > 0) return wait;
    budget.tokens -= need;
    if (chat < 0) for (let i = 0; i < inWindow; i++) budget.recent.push(now);
    return 0;
  }

  private budget(chat: number, now: number): ChatBudget {
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
