import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatLiveness } from '../../src/app/chat-liveness.ts';
import { VirtualClock } from '../../src/core/clock.ts';
import { ALWAYS_CONNECTED, ConnectionState } from '../../src/delivery/port/connection-state.ts';
import { DueGate } from '../../src/scheduling/due-gate.ts';
import type { DueSource } from '../../src/scheduling/due-source.ts';
import { TimerScheduler } from '../../src/scheduling/timer-scheduler.ts';
import { BotHeartbeat, botHeartbeatAge } from '../../src/store/bot-heartbeat.ts';
import { openDatabase } from '../../src/store/database.ts';
import { recordingLogger } from '../adapters/whatsapp/rig.ts';

afterEach(() => {
  vi.useRealTimers();
});

const T0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('ChatLiveness', () => {
  it('counts a platform lost only after the grace, the console never, and logs once each way', () => {
    const clock = new VirtualClock(T0);
    const telegram = new ConnectionState(clock);
    const log: string[] = [];
    const liveness = new ChatLiveness({
      adapters: [
        { platform: 'console', connection: ALWAYS_CONNECTED },
        { platform: 'telegram', connection: telegram },
        { platform: 'other' }, // no connection to report: always connected
      ],
      clock,
      logger: recordingLogger(log),
      graceMs: 15_000,
    });
    telegram.up();
    expect(liveness.connected()).toBe(true);
    telegram.lost();
    clock.set(at(14_999));
    telegram.lost(); // a second failure keeps the first time
    expect(liveness.connected()).toBe(true);
    clock.set(at(15_000));
    expect(liveness.connected()).toBe(false);
    clock.set(at(20_000));
    expect(liveness.connected()).toBe(false);
    telegram.up();
    expect(liveness.connected()).toBe(true);
    expect(liveness.connected()).toBe(true);
    expect(log).toHaveLength(2);
    expect(log[0]).toContain('"platforms":["telegram"]');
    expect(log[1]).toContain('chat connection back');
  });

  it('a platform that never connected counts as lost from its adapter’s creation', () => {
    const clock = new VirtualClock(T0);
    const whatsapp = new ConnectionState(clock);
    const liveness = new ChatLiveness({
      adapters: [{ platform: 'whatsapp', connection: whatsapp }],
      clock,
      graceMs: 1_000,
    });
    expect(liveness.connected()).toBe(true);
    clock.set(at(1_000));
    expect(liveness.connected()).toBe(false);
  });
});

describe('BotHeartbeat while the chats are not connected', () => {
  it('removes its row at the next beat and writes it again once connected', () => {
    vi.useFakeTimers({ now: T0 });
    const clock = { now: () => new Date() };
    const db = openDatabase(':memory:');
    let connected = true;
    const heartbeat = new BotHeartbeat(db, clock, undefined, 5_000, () => connected);
    heartbeat.start();
    expect(botHeartbeatAge(db, clock.now())).toBe(0);
    connected = false;
    vi.advanceTimersByTime(5_000);
    expect(botHeartbeatAge(db, clock.now())).toBeNull();
    vi.advanceTimersByTime(60_000);
    expect(botHeartbeatAge(db, clock.now())).toBeNull();
    connected = true;
    vi.advanceTimersByTime(5_000);
    expect(botHeartbeatAge(db, clock.now())).toBe(0);
    heartbeat.stop();
    db.close();
  });
});

describe('the embedded TimerScheduler behind a shut DueGate', () => {
  it('asks again once a second (no busy loop) and fires the held work once the gate opens', async () => {
    vi.useFakeTimers({ now: T0 });
    const clock = { now: () => new Date() };
    let due: Date[] = [at(10_000)];
    let looked = 0;
    const fired: Date[] = [];
    const source: DueSource = {
      nextDueAt: () => {
        looked += 1;
        return due[0] ?? null;
      },
      runDue: (now) => {
        const ready = due.filter((d) => d <= now);
        due = due.filter((d) => d > now);
        fired.push(...ready);
        return ready.length;
      },
      onChange: () => () => {},
    };
    let open = false;
    let resumed = 0;
    const gate = new DueGate(source, {
      open: () => open,
      onResume: () => {
        resumed += 1;
        void scheduler.reconcile();
      },
      lookEveryMs: 1_000,
    });
    const scheduler = new TimerScheduler(gate, clock);
    await scheduler.start();
    await vi.advanceTimersByTimeAsync(10_000 + 30_000);
    expect(fired).toEqual([]);
    expect(gate.holding).toBe(true);
    // About once a second for the 30 s it was held (a busy loop would look thousands of times).
    expect(looked).toBeGreaterThan(30);
    expect(looked).toBeLessThan(150);
    open = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fired).toEqual([at(10_000)]);
    expect(gate.holding).toBe(false);
    expect(resumed).toBeLessThanOrEqual(1);
    await scheduler.stop();
    gate.stop();
  });
});
