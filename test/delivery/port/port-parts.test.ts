import { describe, expect, it } from 'vitest';
import { isTelegramGroup, MAX_MESSAGE_CHARS } from '../../../adapters/telegram/telegram-limits.ts';
import { VirtualClock } from '../../../src/core/clock.ts';
import { backoffMs } from '../../../src/delivery/port/backoff.ts';
import { ChatRateLimiter } from '../../../src/delivery/port/chat-rate-limiter.ts';
import { splitText } from '../../../src/delivery/port/split-text.ts';

describe('the send budget per chat', () => {
  it('lets a burst through, then paces the chat and caps a group at its minute limit', () => {
    const clock = new VirtualClock(new Date('2026-01-01T00:00:00Z'));
    const limiter = new ChatRateLimiter(
      { perSecond: 1, burst: 3, perMinuteInGroup: 5 },
      clock,
      isTelegramGroup,
    );
    expect([1, 2, 3].map(() => limiter.take('telegram:-1'))).toEqual([0, 0, 0]);
    expect(limiter.take('telegram:-1')).toBe(1000);
    expect(limiter.take('telegram:42')).toBe(0); // another chat has its own budget
    const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));
    later(1000);
    expect(limiter.take('telegram:-1')).toBe(0);
    later(1000);
    expect(limiter.take('telegram:-1')).toBe(0); // five in this minute now
    later(5000);
    expect(limiter.take('telegram:-1')).toBe(53_001); // the window is full until the first send is a minute old
    later(53_001);
    expect(limiter.take('telegram:-1')).toBe(0);
  });
});

describe('splitting long texts', () => {
  it('splits long texts at line ends into parts Telegram accepts', () => {
    const text = Array.from({ length: 300 }, (_, i) => `regel ${i} ${'x'.repeat(20)}`).join('\n');
    const parts = splitText(text, MAX_MESSAGE_CHARS);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join('\n')).toBe(text);
    expect(splitText('kort', MAX_MESSAGE_CHARS)).toEqual(['kort']);
  });
});

describe('the back-off', () => {
  it('waits a second, doubling, up to its limit', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, 60_000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(10, 60_000)).toBe(60_000);
    expect(backoffMs(10, 10 * 60_000)).toBe(10 * 60_000);
  });
});
