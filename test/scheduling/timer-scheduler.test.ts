import { afterEach, describe, expect, it, vi } from 'vitest';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { openDatabase } from '../../src/store/database.ts';
import { Engine } from '../../src/engine/engine.ts';
import type { DueSource } from '../../src/scheduling/due-source.ts';
import { TimerScheduler } from '../../src/scheduling/timer-scheduler.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('TimerScheduler', () => {
  it('fires a deadline when its timer comes, and what was overdue at start at once', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00+01:00') });
    const clock = { now: () => new Date() };
    const db = openDatabase(':memory:');
    const config = BotConfigSchema.parse({
      teams: [{ id: 'noord', chats: ['noord'], startDate: '2026-01-05', reminderBefore: '0' }],
    });
    const engine = new Engine({ db, clock, config });
    engine.handle({
      kind: 'message',
      chatId: 'noord',
      senderId: 'anna',
      messageId: '1',
      at: clock.now(),
      text: 'pinpas €75 hh 7',
    });
    const scheduler = new TimerScheduler(engine, clock);
    await scheduler.start();
    const status = () => engine.sql.get<{ status: string }>('SELECT status FROM requests')?.status;
    await vi.advanceTimersByTimeAsync(24 * 3_600_000 - 1000);
    expect(status()).toBe('open');
    await vi.advanceTimersByTimeAsync(1000);
    expect(status()).toBe('expired');
    await scheduler.stop();

    engine.handle({
      kind: 'message',
      chatId: 'noord',
      senderId: 'anna',
      messageId: '2',
      at: clock.now(),
      text: 'pinpas €75 hh 7',
    });
    vi.setSystemTime(new Date(Date.now() + 48 * 3_600_000)); // the bot was down for two days
    const restarted = new TimerScheduler(engine, clock);
    await restarted.start();
    expect(engine.sql.number("SELECT count(*) FROM requests WHERE status = 'expired'")).toBe(2);
    await restarted.stop();
  });

  it('takes any DueSource: asks it when the next item falls due, and re-arms on its changes', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T09:00:00+01:00') });
    const clock = { now: () => new Date() };
    let due: Date[] = [new Date(Date.now() + 60_000)];
    const fired: Date[] = [];
    const listeners = new Set<() => void>();
    const source: DueSource = {
      nextDueAt: () => due[0] ?? null,
      runDue: (now) => {
        const ready = due.filter((at) => at <= now);
        due = due.filter((at) => at > now);
        fired.push(...ready);
        return ready.length;
      },
      onChange: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const scheduler = new TimerScheduler(source, clock);
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(fired).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fired).toHaveLength(1);
    due = [new Date(Date.now() + 5000)]; // something new became due: the source says so
    for (const listener of listeners) listener();
    await vi.advanceTimersByTimeAsync(5000);
    expect(fired).toHaveLength(2);
    await scheduler.stop();
    expect(listeners.size).toBe(0);
  });
});
