import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WhatsAppAdapter } from '../../../adapters/whatsapp/whatsapp-adapter.ts';
import type { WhatsAppPacing } from '../../../adapters/whatsapp/whatsapp-delivery.ts';
import { EngineHost } from '../../../src/app/adapter-host.ts';
import { startAdapters } from '../../../src/app/run-adapters.ts';
import { takeSnapshot } from '../../../src/store/snapshot.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { Dispatcher } from '../../../src/delivery/dispatcher.ts';
import { Engine } from '../../../src/engine/engine.ts';
import { TimerScheduler } from '../../../src/scheduling/timer-scheduler.ts';
import type { DueSource } from '../../../src/scheduling/due-source.ts';
import type { Db } from '../../../src/store/database.ts';
import { localDateOf } from '../../../src/text/time.ts';
import {
  FakeWhatsApp,
  GROUP_JID,
  memoryAuthState,
  type Person,
} from '../../support/fake-baileys.ts';
import { NO_LIMITS, TestClock } from '../telegram/rig.ts';
import { wireBotCore } from '../../support/bot-core.ts';

export const CHAT = `whatsapp:${GROUP_JID}`;
export const anna: Person = { name: 'Anna', pn: '31611111111' };
export const bas: Person = { name: 'Bas', pn: '31622222222', lid: '222000222', addressing: 'lid' };
export const carla: Person = { name: 'Carla', pn: '31633333333' };
export const dirk: Person = { name: 'Dirk', pn: '31644444444' };
export const coco: Person = {
  name: 'Coco',
  pn: '31612345678',
  lid: '777000777',
  addressing: 'lid',
};

export const NO_PACING: WhatsAppPacing = { chat: NO_LIMITS, number: NO_LIMITS, jitterMs: 0 };

/** A memory logger: the lines the adapter wrote (message and fields). */
export function recordingLogger(lines: string[]): Logger {
  const make = (): Logger =>
    ({
      child: () => make(),
      ...Object.fromEntries(
        ['trace', 'debug', 'info', 'warn', 'error', 'fatal'].map((level) => [
          level,
          (fields: unknown, message?: string) =>
            lines.push(`${level} ${message ?? ''} ${JSON.stringify(fields)}`),
        ]),
      ),
    }) as unknown as Logger;
  return make();
}

/** The bot on a file database with the WhatsApp adapter over the fake socket, as main wires it. */
export class WhatsAppRig {
  readonly clock = new TestClock();
  readonly world = new FakeWhatsApp();
  readonly dir = mkdtempSync(join(tmpdir(), 'mmb-whatsapp-'));
  readonly log: string[] = [];
  db!: Db;
  engine!: Engine;
  dispatcher!: Dispatcher;
  adapter!: WhatsAppAdapter;
  private stopAll: (() => Promise<void>) | null = null;

  scheduler!: TimerScheduler;

  constructor(
    private readonly options: {
      config?: unknown;
      pacing?: WhatsAppPacing;
      /** What the scheduler asks about due work (default the engine; main puts a DueGate between). */
      due?: (engine: Engine) => DueSource;
    } = {},
  ) {
    this.world.clock = () => this.clock.now();
  }

  config(): unknown {
    return (
      this.options.config ?? {
        admins: [],
        teams: [
          {
            id: 'noord',
            name: 'Team Noord',
            chats: [CHAT],
            coordinators: ['whatsapp:31612345678'],
            startDate: localDateOf(new Date(Date.now() - 3 * 86_400_000)),
          },
        ],
      }
    );
  }

  async boot(): Promise<void> {
    const core = wireBotCore(
      join(this.dir, 'mmb.sqlite'),
      this.clock,
      this.config(),
      this.options.due,
    );
    ({ db: this.db, engine: this.engine, dispatcher: this.dispatcher } = core);
    const scheduler = core.scheduler;
    this.scheduler = scheduler;
    this.adapter = new WhatsAppAdapter({
      host: new EngineHost({ engine: this.engine, dispatcher: this.dispatcher, clock: this.clock }),
      clock: this.clock,
      logger: recordingLogger(this.log),
      auth: memoryAuthState(),
      makeSocket: this.world.makeSocket,
      pacing: this.options.pacing ?? NO_PACING,
      catchUpTimeoutMs: 2000,
      reconnectDelay: () => 5,
      reapplyDelay: () => 5,
    });
    this.stopAll = await startAdapters([this.adapter], { dispatcher: this.dispatcher, scheduler });
    await this.settle();
  }

  async shutdown(): Promise<void> {
    if (!this.stopAll) return;
    await this.stopAll();
    this.stopAll = null;
    await this.dispatcher.stop();
    this.db.close();
  }

  async dispose(): Promise<void> {
    await this.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Waits until the events so far are applied and the outbox delivered as far as it can. */
  async settle(): Promise<void> {
    await sleep(1);
    await this.adapter.idle();
    await this.dispatcher.flush();
  }

  /** Waits until `predicate` holds (a reconnect, a retry timer). */
  async until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(5);
      await this.adapter.idle();
    }
  }

  state() {
    return takeSnapshot(this.engine.sql);
  }

  request(number: number) {
    const request = this.state().requests.find((r) => r.number === number);
    if (!request) throw new Error(`no request #${number}`);
    return request;
  }
}
