import type { WebhookInfo } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { ConnectionState } from '../../../src/delivery/port/connection-state.ts';
import { WebhookWatch } from '../../../adapters/telegram/webhook-watch.ts';
import { recordingLogger } from '../whatsapp/rig.ts';

/** A watch over a hand-driven Telegram and clock. */
function watched() {
  let now = 1_000_000_000;
  let info: WebhookInfo | Error = {
    url: 'https://bot.example.nl/hook',
    has_custom_certificate: false,
    pending_update_count: 0,
  };
  const log: string[] = [];
  const connection = new ConnectionState({ now: () => new Date(now) });
  connection.up();
  const watch = new WebhookWatch({
    getInfo: async () => {
      if (info instanceof Error) throw info;
      return info;
    },
    connection,
    logger: recordingLogger(log),
    now: () => now,
  });
  return {
    watch,
    connection,
    log,
    /** Telegram's view from now on: pending updates and, optionally, an error `agoMs` ago. */
    telegram(pending: number, errorAgoMs?: number, message = 'Connection refused') {
      info = {
        url: 'https://bot.example.nl/hook',
        has_custom_certificate: false,
        pending_update_count: pending,
        ...(errorAgoMs === undefined
          ? {}
          : {
              last_error_date: Math.floor((now - errorAgoMs) / 1000),
              last_error_message: message,
            }),
      };
    },
    unreachable() {
      info = new Error('getaddrinfo EAI_AGAIN api.telegram.org');
    },
    later(ms: number) {
      now += ms;
    },
  };
}

describe('WebhookWatch: whether Telegram can deliver to the webhook', () => {
  it('counts updates Telegram failed to deliver since the last look as a lost connection, logged once', async () => {
    const w = watched();
    w.later(30_000);
    w.telegram(3, 5_000);
    await w.watch.check();
    expect(w.connection.lostSince()).not.toBeNull();
    w.later(30_000);
    w.telegram(5, 2_000);
    await w.watch.check();
    expect(w.log).toHaveLength(1);
    expect(w.log[0]).toMatch(
      /^warn telegram cannot deliver to the webhook.*"pending":3.*"reason":"Connection refused"/,
    );
  });

  it('stays up for updates on their way and for an error from before the last look', async () => {
    const w = watched();
    w.later(30_000);
    w.telegram(2); // in flight, no error
    await w.watch.check();
    expect(w.connection.lostSince()).toBeNull();
    w.later(30_000);
    w.telegram(1, 3_600_000); // an error an hour ago, long put right
    await w.watch.check();
    expect(w.connection.lostSince()).toBeNull();
    expect(w.log).toEqual([]);
  });

  it('comes back only once nothing waits at Telegram any more', async () => {
    const w = watched();
    w.later(30_000);
    w.telegram(4, 1_000);
    await w.watch.check();
    w.later(30_000);
    w.telegram(4, 40_000); // no new error, but what waited is not in yet
    await w.watch.check();
    expect(w.connection.lostSince()).not.toBeNull();
    w.later(30_000);
    w.telegram(0, 70_000);
    await w.watch.check();
    expect(w.connection.lostSince()).toBeNull();
    expect(w.log.map((line) => line.split(' {')[0])).toEqual([
      'warn telegram cannot deliver to the webhook: updates wait there',
      'info telegram delivers to the webhook again',
    ]);
  });

  it('counts a Telegram it cannot ask as lost', async () => {
    const w = watched();
    w.unreachable();
    await w.watch.check();
    expect(w.connection.lostSince()).not.toBeNull();
    expect(w.log[0]).toMatch(/^warn telegram cannot be asked how its webhook fares/);
  });
});
