import Database from 'better-sqlite3';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { anna, bas, carla, dirk, GROUP, TelegramRig, type RigOptions } from './rig.ts';
import type { FakeUser } from '../../support/fake-bot-api.ts';

const SECRET = 'geheim-0123456789abcdef';
const PATH = '/telegram/hook';
/** Wide enough that a burst posted at once shares a batch even on a loaded machine. */
const BURST_WINDOW_MS = 500;

let rig: TelegramRig | null = null;
let reader: Database.Database | null = null;
const open: ClientRequest[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const req of open.splice(0)) req.destroy();
  reader?.close();
  reader = null;
  await rig?.dispose();
  rig = null;
});

/** A rig that takes updates by webhook; a burst stays open `windowMs`. */
async function webhookRig(windowMs: number, options: RigOptions = {}): Promise<TelegramRig> {
  Object.assign(options, {
    webhook: { url: `https://bot.example.nl${PATH}`, secret: SECRET, port: 0, host: '127.0.0.1' },
    webhookWindowMs: windowMs,
  });
  const r = await TelegramRig.create(options);
  await r.boot();
  reader = new Database(r.dbPath, { readonly: true });
  return r;
}

/** What a second connection on the bot's file sees: only what was committed. */
const committed = (sql: string): number => (reader!.prepare(sql).pluck().get() as number) ?? 0;

/** What the bot said in the group so far. */
const said = (r: TelegramRig): number => r.fake.sent(GROUP).length;

let nextUpdate = 1000;

/** A message update as Telegram posts it to the webhook. */
function update(from: FakeUser, text: string) {
  nextUpdate += 1;
  return {
    update_id: nextUpdate,
    message: {
      message_id: nextUpdate,
      date: Math.floor(Date.now() / 1000),
      chat: { id: GROUP, type: 'supergroup', title: 'Team' },
      from: { ...from, is_bot: false },
      text,
    },
  };
}

/** A vote button press on bot message `messageId`, as Telegram posts it to the webhook. */
function press(from: FakeUser, messageId: number, data: string) {
  nextUpdate += 1;
  return {
    update_id: nextUpdate,
    callback_query: {
      id: `cq-${nextUpdate}`,
      from: { ...from, is_bot: false },
      chat_instance: `ci${GROUP}`,
      data,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP, type: 'supergroup', title: 'Team' },
        from: { id: 999000, is_bot: true, first_name: 'MMB' },
        text: '',
      },
    },
  };
}

/** Posts one update as Telegram does; resolves with the status, and logs 'answer' in `log`. */
function post(r: TelegramRig, body: unknown, log: string[] = []): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: r.adapter.listeningPort!,
        path: PATH,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      },
      (res) => {
        log.push('answer');
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    open.push(req);
    req.end(JSON.stringify(body));
  });
}

/** Records each engine commit in `log`, with what was committed and said just before it. */
function watchCommits(r: TelegramRig, log: string[]) {
  const before: { committedInbox: number; engineInbox: number; said: number }[] = [];
  const commit = r.engine.commitBatch.bind(r.engine);
  const spy = vi.spyOn(r.engine, 'commitBatch').mockImplementation((ticket) => {
    if (r.engine.inBatch)
      before.push({
        committedInbox: committed('SELECT count(*) FROM inbox'),
        engineInbox: r.count('SELECT count(*) FROM inbox'),
        said: said(r),
      });
    commit(ticket);
    log.push('commit');
  });
  return { spy, before };
}

/** Waits until `predicate` holds, looking every few milliseconds. */
async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Makes the engine's COMMIT fail (as a full disk would) while `failing()` says so. */
function failCommits(r: TelegramRig, failing: () => boolean): void {
  const db = r.engine.sql.db;
  const exec = db.exec.bind(db);
  vi.spyOn(db, 'exec').mockImplementation((sql: string) => {
    if (sql === 'COMMIT' && failing()) throw new Error('disk I/O error');
    return exec(sql);
  });
}

describe('Telegram webhook: group commit of a burst', () => {
  it('applies requests that arrive together in one commit and answers each only after it', async () => {
    rig = await webhookRig(BURST_WINDOW_MS);
    const saidBefore = said(rig);
    const log: string[] = [];
    const begin = vi.spyOn(rig.engine, 'beginBatch');
    const { before } = watchCommits(rig, log);

    const statuses = await Promise.all([
      post(rig, update(anna, 'grofvuil €33 voor huishouden 12'), log),
      post(rig, update(bas, '/saldo'), log),
      post(rig, update(carla, '/saldo'), log),
      post(rig, update(dirk, '/saldo'), log),
    ]);

    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(begin).toHaveBeenCalledTimes(1);
    expect(before).toEqual([{ committedInbox: 0, engineInbox: 4, said: saidBefore }]);
    expect(log).toEqual(['commit', 'answer', 'answer', 'answer', 'answer']);
    expect(committed('SELECT count(*) FROM inbox')).toBe(4);
    await rig.botMessage('📝 Aanvraag #1');
    await rig.fake.waitFor(
      () => rig!.fake.sent(GROUP).filter((m) => m.text.includes('💶 Team Noord')).length === 3,
      'three saldo replies',
    );
  });

  it('opens a new batch for a request that comes after the commit', async () => {
    rig = await webhookRig(5);
    const log: string[] = [];
    const { spy } = watchCommits(rig, log);
    expect(await post(rig, update(bas, '/saldo'), log)).toBe(200);
    expect(await post(rig, update(carla, '/saldo'), log)).toBe(200);
    expect(spy).toHaveBeenCalledTimes(2);
    expect(log).toEqual(['commit', 'answer', 'commit', 'answer']);
    expect(committed('SELECT count(*) FROM inbox')).toBe(2);
  });

  it('rolls back only the update that fails inside a burst; the others are kept', async () => {
    rig = await webhookRig(BURST_WINDOW_MS);
    const engine = rig.engine;
    type Applying = { apply: (e: { senderId: string }) => unknown };
    const apply = (engine as unknown as Applying).apply;
    vi.spyOn(engine as unknown as Applying, 'apply')
      // It writes its dedupe record and replies, then throws: all of that must go.
      .mockImplementation(function (this: unknown, event: { senderId: string }) {
        const outcome = apply.call(this, event);
        if (event.senderId === `telegram:${bas.id}`) throw new Error('a bug');
        return outcome;
      });
    const begin = vi.spyOn(engine, 'beginBatch');

    const statuses = await Promise.all([
      post(rig, update(anna, 'grofvuil €33 voor huishouden 12')),
      post(rig, update(bas, '/saldo')),
      post(rig, update(carla, '/saldo')),
    ]);

    expect(statuses).toEqual([200, 200, 200]); // a bug is logged and the update done with
    expect(begin).toHaveBeenCalledTimes(1);
    expect(committed('SELECT count(*) FROM inbox')).toBe(2);
    expect(committed(`SELECT count(*) FROM inbox WHERE sender_id = 'telegram:${bas.id}'`)).toBe(0);
    expect(committed('SELECT count(*) FROM requests')).toBe(1);
    await rig.fake.waitFor(
      () => rig!.fake.sent(GROUP).filter((m) => m.text.includes('💶 Team Noord')).length === 1,
      "carla's saldo",
    );
  });

  it('answers 500 when the commit fails, so Telegram sends the burst again; that is applied once', async () => {
    rig = await webhookRig(BURST_WINDOW_MS);
    let failing = true;
    failCommits(rig, () => failing);
    const burst = [update(anna, 'grofvuil €33 voor huishouden 12'), update(bas, '/saldo')];

    expect(await Promise.all(burst.map((u) => post(rig!, u)))).toEqual([500, 500]);
    expect(committed('SELECT count(*) FROM inbox')).toBe(0);

    failing = false;
    expect(await Promise.all(burst.map((u) => post(rig!, u)))).toEqual([200, 200]);
    expect(await post(rig, burst[0])).toBe(200); // once more: changes nothing
    expect(committed('SELECT count(*) FROM inbox')).toBe(2);
    expect(committed('SELECT count(*) FROM requests')).toBe(1);
    await rig.botMessage('💶 Team Noord');
    expect(rig.fake.sent(GROUP).filter((m) => m.text.includes('📝 Aanvraag #1'))).toHaveLength(1);
  });

  it('answers a button press after its commit, and neither 200 nor a toast when that commit failed', async () => {
    rig = await webhookRig(5);
    expect(await post(rig, update(anna, 'grofvuil €33 voor huishouden 12'))).toBe(200);
    const opened = await rig.botMessage('📝 Aanvraag #1');
    let failing = true;
    failCommits(rig, () => failing);
    const log: string[] = [];
    watchCommits(rig, log);
    rig.adapter.bot.api.config.use((prev, method, payload, signal) => {
      if (method === 'answerCallbackQuery') log.push('toast');
      return prev(method, payload, signal);
    });
    const vote = press(bas, opened.messageId, 'v:1:j');
    const callbackId = vote.callback_query.id;

    expect(await post(rig, vote)).toBe(500);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rig.fake.answers.filter((a) => a.id === callbackId)).toEqual([]);

    failing = false;
    expect(await post(rig, vote, log)).toBe(200); // Telegram posts it again
    await rig.fake.waitFor(() => rig!.fake.answers.some((a) => a.id === callbackId), 'the toast');
    expect(rig.fake.answers.filter((a) => a.id === callbackId)).toEqual([
      { id: callbackId, text: 'Je stem is geteld.' },
    ]);
    expect(log.indexOf('toast')).toBeGreaterThan(log.lastIndexOf('commit'));
    expect(committed(`SELECT count(*) FROM inbox WHERE sender_id = 'telegram:${bas.id}'`)).toBe(1);
  });

  it('loses nothing in a crash before the commit: no answer was given, the redelivery applies', async () => {
    const options: RigOptions = {};
    rig = await webhookRig(60_000, options); // the burst stays open until the crash
    const saidBefore = said(rig);
    const burst = [update(anna, 'grofvuil €33 voor huishouden 12'), update(bas, '/saldo')];
    let answered = 0;
    for (const u of burst)
      post(rig, u).then(
        () => (answered += 1),
        () => {}, // the connection dies with the process
      );
    await until(() => rig!.count('SELECT count(*) FROM inbox') === 2, 'both handled');
    expect(answered).toBe(0);
    expect(committed('SELECT count(*) FROM inbox')).toBe(0);
    expect(said(rig)).toBe(saidBefore);

    // The crash: the connection goes away with the batch uncommitted, the requests unanswered.
    rig.db.close();
    for (const req of open.splice(0)) req.destroy();
    await rig.shutdown();
    expect(answered).toBe(0);
    reader!.close();
    reader = new Database(rig.dbPath, { readonly: true });
    expect(committed('SELECT count(*) FROM inbox')).toBe(0);

    // Restarted, Telegram posts the unanswered updates again.
    options.webhookWindowMs = 20;
    await rig.boot();
    reader.close();
    reader = new Database(rig.dbPath, { readonly: true });
    expect(await Promise.all(burst.map((u) => post(rig!, u)))).toEqual([200, 200]);
    expect(committed('SELECT count(*) FROM inbox')).toBe(2);
    await rig.botMessage('💶 Team Noord');
    expect(rig.fake.sent(GROUP).filter((m) => m.text.includes('📝 Aanvraag #1'))).toHaveLength(1);
  });
});
