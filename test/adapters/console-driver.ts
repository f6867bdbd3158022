import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConsoleChat } from '../../adapters/console/console-chat.ts';
import { EngineHost } from '../../src/app/adapter-host.ts';
import { startAdapters } from '../../src/app/run-adapters.ts';
import { takeSnapshot } from '../../src/store/snapshot.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { Dispatcher } from '../../src/delivery/dispatcher.ts';
import { Engine } from '../../src/engine/engine.ts';
import { requestView } from '../../src/rules/request-view.ts';
import { TimerScheduler } from '../../src/scheduling/timer-scheduler.ts';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { openDatabase, type Db } from '../../src/store/database.ts';
import { TestClock } from './telegram/rig.ts';
import { teamsFile, type ConformanceDriver, type Member } from './conformance.ts';

/** The console chat under the conformance suite: lines typed into a fake terminal. */
export class ConsoleDriver implements ConformanceDriver {
  readonly chatId = 'console:groep';
  readonly keepsBacklog = false;
  private readonly clock = new TestClock();
  private readonly dir = mkdtempSync(join(tmpdir(), 'mmb-console-conformance-'));
  private db: Db | null = null;
  private engine!: Engine;
  private dispatcher!: Dispatcher;
  private input!: PassThrough;
  private stopAll: (() => Promise<void>) | null = null;
  private printed = '';
  private failing = 0;
  private typed = 0;

  static async create(): Promise<ConsoleDriver> {
    return new ConsoleDriver();
  }

  memberId(member: Member): string {
    return `console:${member}`;
  }

  async boot(): Promise<void> {
    this.db = openDatabase(join(this.dir, 'mmb.sqlite'));
    this.engine = new Engine({
      db: this.db,
      clock: this.clock,
      config: BotConfigSchema.parse(teamsFile(this)),
    });
    this.dispatcher = new Dispatcher(this.engine.sql, this.clock, silentLogger, requestView);
    this.engine.onChange(() => void this.dispatcher.flush());
    const scheduler = new TimerScheduler(this.engine, this.clock);
    this.input = new PassThrough();
    const output = new PassThrough();
    // The terminal: what it shows, and a write that fails when told to.
    output.write = ((chunk: string) => {
      if (this.failing > 0) {
        this.failing -= 1;
        throw new Error('the terminal is gone');
      }
      this.printed += chunk;
      return true;
    }) as typeof output.write;
    const chat = new ConsoleChat({
      host: new EngineHost({ engine: this.engine, dispatcher: this.dispatcher, clock: this.clock }),
      clock: this.clock,
      logger: silentLogger,
      input: this.input,
      output,
      chatId: this.chatId,
      filesDir: join(this.dir, 'exports'),
    });
    this.stopAll = await startAdapters([chat], { dispatcher: this.dispatcher, scheduler });
    this.printed = ''; // the greeting is no chat message
  }

  async shutdown(): Promise<void> {
    if (!this.stopAll) return;
    await this.stopAll();
    this.stopAll = null;
    await this.dispatcher.stop();
    this.db?.close();
  }

  async dispose(): Promise<void> {
    await this.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }

  async say(member: Member, text: string): Promise<number> {
    this.input.write(`${member}: ${text}\n`);
    this.typed += 1;
    return this.typed;
  }

  async settle(): Promise<void> {
    const inbox = () => this.engine.sql.number('SELECT count(*) FROM inbox');
    // Typed lines share a commit (group commit): the bot answers once it is made.
    for (let i = 0; (inbox() < this.typed || this.engine.inBatch) && i < 2000; i++) await sleep(5);
    await this.dispatcher.flush();
  }

  delivered(): string[] {
    return this.printed
      .split('🤖 ')
      .slice(1)
      .map((text) => text.replace(/\n {3}/g, '\n').trimEnd());
  }

  failNextDelivery(count: number): void {
    this.failing += count;
  }

  advanceClock(ms: number): void {
    this.clock.offsetMs += ms;
  }

  snapshot() {
    return takeSnapshot(this.engine.sql);
  }
}
