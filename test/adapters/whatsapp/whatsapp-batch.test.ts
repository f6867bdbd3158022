import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../../src/engine/engine.ts';
import { textMessage } from '../../support/fake-baileys.ts';
import { anna, bas, carla, dirk, WhatsAppRig } from './rig.ts';

let rig: WhatsAppRig;
let reader: Database.Database | null = null;

afterEach(async () => {
  vi.restoreAllMocks();
  reader?.close();
  reader = null;
  await rig.dispose();
});

/** What a second connection on the bot's file sees: only what was committed. */
const committed = (sql: string): number => (reader!.prepare(sql).pluck().get() as number) ?? 0;

/** Emits the messages as one Baileys batch (one `messages.upsert`, one `ev.process` call). */
function burst(texts: [typeof anna, string][]): void {
  rig.world.socket!.emit('messages.upsert', {
    messages: texts.map(([from, text]) => textMessage(from, text)),
    type: 'notify',
  });
}

async function bootWithReader(): Promise<void> {
  rig = new WhatsAppRig();
  await rig.boot();
  reader = new Database(join(rig.dir, 'mmb.sqlite'), { readonly: true });
}

describe('WhatsApp: group commit of an ev.process batch', () => {
  it('applies the messages of one Baileys batch in one commit and sends nothing before it', async () => {
    await bootWithReader();
    const begin = vi.spyOn(rig.engine, 'beginBatch');
    const commit = rig.engine.commitBatch.bind(rig.engine);
    const atCommit: { committed: number; applied: number; calls: number }[] = [];
    vi.spyOn(rig.engine, 'commitBatch').mockImplementation((ticket) => {
      atCommit.push({
        committed: committed('SELECT count(*) FROM inbox'),
        applied: rig.engine.sql.number('SELECT count(*) FROM inbox'),
        calls: rig.world.calls.filter((c) => c.method === 'sendMessage').length,
      });
      commit(ticket);
    });
    const callsBefore = rig.world.calls.filter((c) => c.method === 'sendMessage').length;

    burst([
      [anna, 'grofvuil €33 voor huishouden 12'],
      [bas, '/saldo'],
      [carla, '/saldo'],
      [dirk, '/saldo'],
    ]);
    await rig.settle();

    expect(begin).toHaveBeenCalledTimes(1);
    expect(atCommit).toEqual([{ committed: 0, applied: 4, calls: callsBefore }]);
    expect(committed('SELECT count(*) FROM inbox')).toBe(4);
    await rig.until(
      () => rig.world.texts().filter((t) => t.includes('Team Noord')).length === 3,
      'three saldo replies',
    );
    expect(rig.world.texts().filter((t) => t.includes('Aanvraag #1'))).toHaveLength(1);
  });

  it('rolls back only the message that fails inside a batch; the others are kept', async () => {
    await bootWithReader();
    type Applying = { apply: (e: { senderId: string }) => unknown };
    const engine = rig.engine as unknown as Applying;
    const apply = engine.apply;
    vi.spyOn(engine, 'apply').mockImplementation(function (this: unknown, event) {
      const outcome = apply.call(this, event);
      if (event.senderId === `whatsapp:${bas.pn}`) throw new Error('a bug');
      return outcome;
    });
    const begin = vi.spyOn(rig.engine, 'beginBatch');

    burst([
      [anna, 'grofvuil €33 voor huishouden 12'],
      [bas, '/saldo'],
      [carla, '/saldo'],
    ]);
    await rig.settle();

    expect(begin).toHaveBeenCalledTimes(1);
    expect(committed('SELECT count(*) FROM inbox')).toBe(2);
    expect(committed(`SELECT count(*) FROM inbox WHERE sender_id = 'whatsapp:${bas.pn}'`)).toBe(0);
    expect(committed('SELECT count(*) FROM requests')).toBe(1);
    expect(rig.log.some((line) => line.startsWith('error whatsapp event failed'))).toBe(true);
  });

  it('undoes the whole batch when its commit fails, says nothing of it, then applies its messages again once each', async () => {
    await bootWithReader();
    const db = rig.engine.sql.db;
    const exec = db.exec.bind(db);
    let failing = true; // every group commit fails, as a full disk would, until the disk has room
    const atFailure: { committed: number; calls: number }[] = [];
    vi.spyOn(db, 'exec').mockImplementation((sql: string) => {
      if (sql === 'COMMIT' && failing) {
        atFailure.push({
          committed: committed('SELECT count(*) FROM inbox'),
          calls: rig.world.calls.filter((c) => c.method === 'sendMessage').length,
        });
        throw new Error('disk I/O error');
      }
      return exec(sql);
    });
    const handle = vi.spyOn(rig.engine, 'handle');
    handle.mockImplementation(function (this: typeof rig.engine, event, ticket) {
      if (ticket === undefined && failing) {
        failing = false; // the first retry finds the disk full still; the second gets through
        throw new Error('disk I/O error');
      }
      return Engine.prototype.handle.call(this, event, ticket);
    });
    const callsBefore = rig.world.calls.filter((c) => c.method === 'sendMessage').length;

    burst([
      [anna, 'grofvuil €33 voor huishouden 12'],
      [bas, '/saldo'],
    ]);
    await rig.settle();

    expect(atFailure).toEqual([{ committed: 0, calls: callsBefore }]);
    expect(rig.log.some((line) => line.includes('whatsapp batch not committed'))).toBe(true);
    expect(rig.log.some((line) => line.includes('not applied yet: trying again'))).toBe(true);
    expect(committed('SELECT count(*) FROM inbox')).toBe(2);
    expect(committed('SELECT count(*) FROM requests')).toBe(1);
    await rig.until(
      () => rig.world.texts().filter((t) => t.includes('Team Noord')).length === 1,
      'the saldo reply',
    );
    expect(rig.world.texts().filter((t) => t.includes('Aanvraag #1'))).toHaveLength(1);
    expect(rig.log.some((line) => line.includes('applied after a retry'))).toBe(true);
  });

  it('gives a message that keeps failing up after a few attempts, and goes on with the next batch', async () => {
    await bootWithReader();
    type Applying = { apply: (e: { senderId: string }) => unknown };
    const engine = rig.engine as unknown as Applying;
    const apply = engine.apply;
    vi.spyOn(engine, 'apply').mockImplementation(function (this: unknown, event) {
      if (event.senderId === `whatsapp:${bas.pn}`) throw new Error('a bug');
      return apply.call(this, event);
    });

    burst([[bas, '/saldo']]);
    burst([[anna, 'grofvuil €33 voor huishouden 12']]);
    await rig.settle();
    await rig.until(
      () => committed('SELECT count(*) FROM requests') === 1,
      'the next batch applied after the give-up',
    );

    expect(committed(`SELECT count(*) FROM inbox WHERE sender_id = 'whatsapp:${bas.pn}'`)).toBe(0);
    expect(
      rig.log.filter((line) =>
        line.includes('whatsapp messages lost: the database did not take them'),
      ),
    ).toHaveLength(1);
    expect(rig.log.join('\n')).not.toContain('/saldo'); // no message text in the log
  });
});
