import Database from 'better-sqlite3';
import type { Transformer } from 'grammy';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anna, bas, carla, GROUP, TelegramRig } from './rig.ts';

let rig: TelegramRig | null = null;
let reader: Database.Database | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  reader?.close();
  reader = null;
  await rig?.dispose();
  rig = null;
});

/** A second connection on the bot's file: it sees only what was committed. */
function committed(sql: string): number {
  return (reader!.prepare(sql).pluck().get() as number) ?? 0;
}

/** What the bot said (sent or edited) so far. */
const said = (r: TelegramRig) =>
  (r.fake.counts.get('sendMessage') ?? 0) + (r.fake.counts.get('editMessageText') ?? 0);

/** The abort signal grammY hands a transformer (its own shim's type). */
type Aborting = Parameters<Transformer>[3];

interface Seen {
  inbox: number;
  dataVersion: number;
  said: number;
  engineInbox: number;
}

/**
 * Watches each polling getUpdates call before it leaves (installed last, it runs before the
 * adapter's own transformer, so before the batch's commit). `onCall` may answer instead.
 */
function watchGetUpdates(
  r: TelegramRig,
  onCall: (seen: Seen, call: number, signal?: Aborting) => Promise<never> | null = () => null,
): Seen[] {
  const seen: Seen[] = [];
  const watch: Transformer = (prev, method, payload, signal) => {
    if (method !== 'getUpdates' || !r.adapter.bot.isRunning()) return prev(method, payload, signal);
    const now: Seen = {
      inbox: committed('SELECT count(*) FROM inbox'),
      dataVersion: reader!.pragma('data_version', { simple: true }) as number,
      said: said(r),
      engineInbox: r.count('SELECT count(*) FROM inbox'),
    };
    seen.push(now);
    return onCall(now, seen.length, signal) ?? prev(method, payload, signal);
  };
  r.adapter.bot.api.config.use(watch);
  return seen;
}

describe('Telegram: group commit of a polled batch', () => {
  it('applies the updates of one getUpdates answer in one commit, and says nothing before it', async () => {
    rig = await TelegramRig.create();
    await rig.boot({ start: false });
    reader = new Database(rig.dbPath, { readonly: true });
    const seen = watchGetUpdates(rig);
    const begin = vi.spyOn(rig.engine, 'beginBatch');
    const commit = vi.spyOn(rig.engine, 'commitBatch');
    const saidBefore = said(rig);
    rig.say(anna, 'grofvuil €33 voor huishouden 12');
    rig.say(bas, '/saldo');
    const last = rig.say(carla, '/saldo');

    await rig.adapter.start();
    await rig.handled(last.updateId);
    await rig.botMessage('📝 Aanvraag #1');

    // The first call got all three; the second went out after they were handled ...
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(begin).toHaveBeenCalledTimes(1);
    // ... and before it, the engine had applied all three, but none was committed, nothing said.
    expect(seen[1]!.engineInbox).toBe(3);
    expect(seen[1]!.inbox).toBe(0);
    expect(seen[1]!.dataVersion).toBe(seen[0]!.dataVersion); // no commit at all in between
    expect(seen[1]!.said).toBe(saidBefore);
    // The one commit came with that second call, then the replies.
    expect(commit.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(committed('SELECT count(*) FROM inbox')).toBe(3);
    expect(rig.fake.sent(-1001).filter((m) => m.text.includes('💶 Team Noord'))).toHaveLength(2);
    expect(rig.count('SELECT count(*) FROM outbox WHERE sent_at IS NULL')).toBe(0);
  });

  it('holds a delivery round that is under way when a batch opens until the batch committed', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    reader = new Database(rig.dbPath, { readonly: true });
    const r = rig;
    let sendStarted: () => void = () => {};
    const sending = new Promise<void>((resolve) => (sendStarted = resolve));
    let releaseSend: () => void = () => {};
    const sendGate = new Promise<void>((resolve) => (releaseSend = resolve));
    let batchHandled: () => void = () => {};
    const handledBatch = new Promise<void>((resolve) => (batchHandled = resolve));
    let releaseCommit: () => void = () => {};
    const commitGate = new Promise<void>((resolve) => (releaseCommit = resolve));
    let held = false;
    const hold: Transformer = async (prev, method, payload, signal) => {
      if (method === 'sendMessage' && !held) {
        held = true;
        sendStarted();
        await sendGate; // a slow send: the round is under way
      }
      if (
        method === 'getUpdates' &&
        r.adapter.bot.isRunning() &&
        r.count('SELECT count(*) FROM inbox') === 2 &&
        committed('SELECT count(*) FROM inbox') === 1
      ) {
        batchHandled();
        await commitGate; // the second batch is handled, not committed yet
      }
      return prev(method, payload, signal);
    };
    r.adapter.bot.api.config.use(hold);

    r.say(anna, 'grofvuil €33 voor huishouden 12');
    await sending;
    r.say(bas, '/saldo');
    await handledBatch;
    releaseSend();
    await r.botMessage('📝 Aanvraag #1');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const early = r.fake.sent(-1001).filter((m) => m.text.includes('💶')).length;
    releaseCommit();
    expect(early).toBe(0);
    await r.botMessage('💶 Team Noord');
    expect(committed('SELECT count(*) FROM inbox')).toBe(2);
  });

  it('rolls back only the update that fails inside a batch; its redelivery applies it', async () => {
    rig = await TelegramRig.create();
    await rig.boot({ start: false });
    const engine = rig.engine;
    const apply = (engine as unknown as { apply: (e: { senderId: string }) => unknown }).apply;
    let failing = true;
    vi.spyOn(engine as unknown as { apply: (e: { senderId: string }) => unknown }, 'apply')
      // It writes its dedupe record and replies, then throws: all of that must go.
      .mockImplementation(function (this: unknown, event: { senderId: string }) {
        const outcome = apply.call(this, event);
        if (failing && event.senderId === `telegram:${bas.id}`) throw new Error('a bug');
        return outcome;
      });
    rig.say(anna, 'grofvuil €33 voor huishouden 12');
    const broken = rig.say(bas, '/saldo');
    const last = rig.say(carla, '/saldo');
    const begin = vi.spyOn(engine, 'beginBatch');

    await rig.adapter.start();
    await rig.handled(last.updateId);
    await rig.botMessage('📝 Aanvraag #1');
    expect(begin).toHaveBeenCalledTimes(1);
    expect(rig.count('SELECT count(*) FROM inbox')).toBe(2);
    expect(rig.count('SELECT count(*) FROM inbox WHERE sender_id = ?', `telegram:${bas.id}`)).toBe(
      0,
    );
    expect(rig.count('SELECT count(*) FROM requests')).toBe(1);
    await rig.fake.waitFor(
      () => rig!.fake.sent(-1001).filter((m) => m.text.includes('💶 Team Noord')).length === 1,
      "carla's saldo",
    );

    failing = false;
    await rig.handled(rig.fake.redeliver(broken.updateId));
    expect(rig.count('SELECT count(*) FROM inbox')).toBe(3);
    await rig.fake.waitFor(
      () => rig!.fake.sent(-1001).filter((m) => m.text.includes('💶 Team Noord')).length === 2,
      "bas's saldo after the redelivery",
    );
  });

  it('loses a batch whole in a crash before its commit, said nothing of it, and applies its redelivery once', async () => {
    rig = await TelegramRig.create();
    await rig.boot({ start: false });
    reader = new Database(rig.dbPath, { readonly: true });
    let atCommit: (seen: Seen) => void = () => {};
    const reached = new Promise<Seen>((resolve) => (atCommit = resolve));
    let crashed = false;
    watchGetUpdates(rig, (seen, call, signal) => {
      if (call === 2) {
        crashed = true;
        atCommit(seen);
      }
      if (!crashed) return null;
      // The process is dead: this call never reaches Telegram (until polling is torn down).
      return new Promise<never>((_, reject) =>
        signal?.addEventListener('abort', () => reject(new Error('crashed'))),
      );
    });
    rig.adapter.bot.api.config.use((prev, method, payload, signal) => {
      // bot.stop()'s confirming call never happens either.
      if (method === 'getUpdates' && crashed && !rig!.adapter.bot.isRunning())
        return Promise.reject(new Error('crashed'));
      return prev(method, payload, signal);
    });
    const saidBefore = said(rig);
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12');
    const vote = rig.say(bas, 'ja #1');
    const saldo = rig.say(carla, '/saldo');

    await rig.adapter.start();
    const seen = await reached;
    expect(seen.engineInbox).toBe(3); // handled, in the open batch
    expect(seen.inbox).toBe(0);
    // The crash: the connection goes away with the batch uncommitted.
    rig.db.close();
    await rig.shutdown();
    expect(said(rig)).toBe(saidBefore);
    expect(rig.fake.confirmedOffset).toBeLessThanOrEqual(request.updateId);
    reader.close();
    reader = new Database(rig.dbPath, { readonly: true });
    expect(committed('SELECT count(*) FROM inbox')).toBe(0);
    expect(committed('SELECT count(*) FROM requests')).toBe(0);
    expect(committed('SELECT count(*) FROM outbox')).toBe(0);

    // Restart on the same file: Telegram delivers the three again (and once more after that).
    await rig.boot();
    await rig.botMessage('💶 Team Noord');
    rig.fake.redeliver(request.updateId);
    rig.fake.redeliver(vote.updateId);
    await rig.handled(rig.fake.redeliver(saldo.updateId));
    expect(rig.count('SELECT count(*) FROM inbox')).toBe(3);
    expect(rig.count('SELECT count(*) FROM requests')).toBe(1);
    expect(rig.request(1).yes).toEqual([`telegram:${bas.id}`]);
    const texts = rig.fake.sent(-1001).map((m) => m.text);
    expect(texts.filter((t) => t.includes('📝 Aanvraag #1'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('💶 Team Noord'))).toHaveLength(1);
    expect(rig.count('SELECT count(*) FROM outbox WHERE sent_at IS NULL')).toBe(0);
  });
});

describe('Telegram: a batch that takes long', () => {
  it('is committed before the next update once it is older than its limit, so replies are not held back', async () => {
    rig = await TelegramRig.create();
    await rig.boot({ start: false });
    const begin = vi.spyOn(rig.engine, 'beginBatch');
    rig.say(anna, 'grofvuil €33 voor huishouden 12');
    rig.say(bas, '/saldo');
    const last = rig.say(carla, '/saldo');
    let now = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 300)); // every look at the clock: 300 ms later
    await rig.adapter.start();
    await rig.handled(last.updateId);
    vi.mocked(Date.now).mockRestore();
    await rig.botMessage('📝 Aanvraag #1');
    expect(begin.mock.calls.length).toBeGreaterThanOrEqual(3); // one per update, not one for all three
  });
});

describe('Telegram: a button press in a batch', () => {
  it('is answered only after the commit that holds it; a press whose commit failed is not answered until it is read again and committed', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    reader = new Database(rig.dbPath, { readonly: true });
    const r = rig;
    rig.say(anna, '€ 75,00 pinpas leefgeld hh 7');
    const opened = await rig.botMessage('📝 Aanvraag #1');
    const log: string[] = [];
    const db = r.engine.sql.db;
    const exec = db.exec.bind(db);
    let failing = 0;
    vi.spyOn(db, 'exec').mockImplementation((sql: string) => {
      if (sql !== 'COMMIT') return exec(sql);
      if (failing > 0) {
        failing -= 1;
        log.push('commit failed');
        throw new Error('disk I/O error');
      }
      const result = exec(sql);
      log.push('commit');
      return result;
    });
    const vote = `SELECT count(*) FROM inbox WHERE sender_id = 'telegram:${bas.id}'`;
    r.adapter.bot.api.config.use((prev, method, payload, signal) => {
      if (method === 'answerCallbackQuery') log.push(`answer, vote committed: ${committed(vote)}`);
      return prev(method, payload, signal);
    });

    failing = 1;
    const { callbackId } = r.fake.press({
      chat: GROUP,
      from: bas,
      messageId: opened.messageId,
      data: 'v:1:j',
    });
    await r.fake.waitFor(() => r.fake.answers.some((a) => a.id === callbackId), 'the answer');

    expect(log).toEqual(['commit failed', 'commit', 'answer, vote committed: 1']);
    expect(r.fake.answers.filter((a) => a.id === callbackId)).toEqual([
      { id: callbackId, text: 'Je stem is geteld.' },
    ]);
    expect(r.request(1).yes).toEqual([`telegram:${bas.id}`]);
  });
});
