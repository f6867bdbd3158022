import { afterEach, describe, expect, it } from 'vitest';
import { anna, bas, carla, dirk, GROUP, TelegramRig } from './rig.ts';
import { pause, until } from '../../scheduling/scheduler-contract.ts';
import { recordingLogger } from '../whatsapp/rig.ts';
import { bootWithLiveness, type LivenessWiring } from '../../support/liveness-wiring.ts';

let rig: TelegramRig | null = null;
let wiring: LivenessWiring | null = null;
afterEach(async () => {
  wiring?.stop();
  await rig?.dispose();
  rig = wiring = null;
});

const DAY_S = 24 * 3600;

describe('the bot heartbeat with Telegram (polling or webhook)', () => {
  it('stops while getUpdates fails, holds the deadlines meanwhile, and resumes once it answers', async () => {
    const booted = await bootWithLiveness((due) => TelegramRig.create({ due }));
    const { wiring: w, log } = booted;
    rig = booted.rig;
    wiring = w;
    expect(w.liveness.connected()).toBe(true);
    expect(w.heartbeatAge(rig.db)).toBeLessThan(1_000);

    // Two requests whose deadlines come in 4 s: #1 gets its votes, #2 none.
    const posted = Math.floor(Date.now() / 1000) - DAY_S + 4;
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12', { date: posted });
    await rig.botMessage('📝 Aanvraag #1');
    rig.say(anna, 'pinpas €20 voor huishouden 13', { date: posted });
    await rig.botMessage('📝 Aanvraag #2');

    // Telegram becomes unreachable (the poll in hand, if any, ends with a message): 3 × 3 s.
    rig.fake.failNext('getUpdates', 3, 'network');
    rig.say(anna, '/saldo');
    await rig.fake.waitFor(
      () => rig!.adapter.connection.lostSince() !== null,
      'the adapter to see getUpdates fail',
    );
    // Three colleagues vote in time; their votes wait at Telegram.
    for (const who of [bas, carla, dirk])
      rig.say(who, 'ja', { replyTo: request.messageId, date: posted + 1 });

    // Past the grace and past the deadlines: no heartbeat, and the due work waits.
    await until(() => Date.now() / 1000 > posted + DAY_S + 0.5, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(w.heartbeatAge(rig.db)).toBeNull();
    expect(w.gate!.holding).toBe(true);
    expect(rig.request(1).status).toBe('open');
    expect(rig.request(2).status).toBe('open');

    // getUpdates answers again: the waiting votes count first, then what is due runs.
    await rig.fake.waitFor(() => rig!.request(2).status === 'expired', 'the expiry of #2');
    expect(rig.request(1)).toMatchObject({ status: 'approved' });
    expect(rig.request(1).yes.sort()).toEqual(['telegram:12', 'telegram:13', 'telegram:14']);
    expect(
      rig.fake.sent(GROUP).some((m) => m.text.includes('Aanvraag #1') && m.text.includes('⌛')),
    ).toBe(false);
    expect(rig.adapter.connection.lostSince()).toBeNull();
    expect(w.gate!.holding).toBe(false);
    await until(() => (w.heartbeatAge(rig!.db) ?? Infinity) < 1_000);
    const lines = log.filter((l) => l.includes('chat connection'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warn chat connection lost.*"platforms":\["telegram"\]/);
    expect(lines[1]).toMatch(/^info chat connection back/);
  }, 30_000);

  it('counts a poll that goes unanswered past its timeout as lost, until it answers', async () => {
    const booted = await bootWithLiveness((due) =>
      TelegramRig.create({ due, pollingTimeout: 1, stalledPollMs: 300 }),
    );
    const { wiring: w, log } = booted;
    rig = booted.rig;
    wiring = w;
    // The network swallows the next poll for 4 s (no error, no answer).
    rig.fake.failNext('getUpdates', 1, { stallMs: 4_000 });
    const stalledAt = Date.now();
    await until(() => rig!.adapter.connection.lostSince() !== null, 5_000);
    // Not before its own timeout (1 s) and the 300 ms past it.
    expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(1_000);
    await pause(400); // past the grace
    expect(w.heartbeatAge(rig.db)).toBeNull();
    // The answer comes after all: connected again, the heartbeat back.
    await until(() => rig!.adapter.connection.lostSince() === null, 8_000);
    await until(() => (w.heartbeatAge(rig!.db) ?? Infinity) < 1_000);
    rig.say(anna, '/saldo');
    await rig.botMessage('💶 Team Noord');
    expect(log.filter((l) => l.includes('chat connection'))).toHaveLength(2);
  }, 20_000);

  it('with a webhook: holds while Telegram cannot deliver to it, and resumes once nothing waits there', async () => {
    const adapterLog: string[] = [];
    const booted = await bootWithLiveness((due) =>
      TelegramRig.create({
        due,
        webhook: {
          url: 'https://bot.example.nl/hook',
          secret: 'geheim-0123456789abcdef',
          port: 0,
          host: '127.0.0.1',
        },
        webhookWatchMs: 50,
        logger: recordingLogger(adapterLog),
      }),
    );
    const { wiring: w, log } = booted;
    rig = booted.rig;
    wiring = w;
    await until(() => (w.heartbeatAge(rig!.db) ?? Infinity) < 1_000);

    // The proxy in front of the webhook is down: Telegram holds the updates and says why.
    rig.fake.webhookPending = 3;
    rig.fake.webhookLastError = {
      date: Math.floor(Date.now() / 1000),
      message: 'Connection refused',
    };
    await until(() => rig!.adapter.connection.lostSince() !== null, 5_000);
    await pause(400); // past the grace
    expect(w.heartbeatAge(rig.db)).toBeNull();
    expect(w.liveness.connected()).toBe(false); // the due work would wait

    // The proxy is back and Telegram delivered what waited.
    rig.fake.webhookPending = 0;
    await until(() => rig!.adapter.connection.lostSince() === null, 5_000);
    await until(() => (w.heartbeatAge(rig!.db) ?? Infinity) < 1_000);
    expect(w.liveness.connected()).toBe(true);
    expect(log.filter((l) => l.includes('chat connection'))).toHaveLength(2);
    const webhookLines = adapterLog.filter((l) => l.includes('webhook'));
    expect(webhookLines.map((l) => l.split(' {')[0])).toEqual([
      'info telegram started',
      'warn telegram cannot deliver to the webhook: updates wait there',
      'info telegram delivers to the webhook again',
    ]);
  }, 20_000);
});
