import { takeSnapshot } from '../../src/store/snapshot.ts';
import type { FakeUser } from '../support/fake-bot-api.ts';
import { anna, bas, carla, coco, dirk, GROUP, TelegramRig } from './telegram/rig.ts';
import { teamsFile, type ConformanceDriver, type Member } from './conformance.ts';

const USERS: Record<Member, FakeUser> = { anna, bas, carla, dirk, coco };

/** The Telegram adapter under the conformance suite: grammY against the fake Bot API server. */
export class TelegramDriver implements ConformanceDriver {
  readonly chatId = `telegram:${GROUP}`;
  readonly keepsBacklog = true;
  private lastUpdate = -1;

  private constructor(private readonly rig: TelegramRig) {}

  static async create(): Promise<TelegramDriver> {
    const chatId = `telegram:${GROUP}`;
    const memberId = (member: Member) => `telegram:${USERS[member].id}`;
    return new TelegramDriver(
      await TelegramRig.create({ config: teamsFile({ chatId, memberId }) }),
    );
  }

  memberId(member: Member): string {
    return `telegram:${USERS[member].id}`;
  }

  boot(): Promise<void> {
    return this.rig.boot();
  }

  shutdown(): Promise<void> {
    return this.rig.shutdown();
  }

  dispose(): Promise<void> {
    return this.rig.dispose();
  }

  async say(member: Member, text: string, options: { at?: Date } = {}): Promise<number> {
    const date = options.at ? Math.floor(options.at.getTime() / 1000) : undefined;
    const { updateId } = this.rig.say(USERS[member], text, date === undefined ? {} : { date });
    this.lastUpdate = updateId;
    return updateId;
  }

  async redeliver(sent: unknown): Promise<void> {
    this.lastUpdate = this.rig.fake.redeliver(sent as number);
  }

  async settle(): Promise<void> {
    if (this.lastUpdate >= 0) await this.rig.handled(this.lastUpdate);
    await this.rig.dispatcher.flush();
  }

  delivered(): string[] {
    return this.rig.fake.sent(GROUP).map((m) => m.text);
  }

  failNextDelivery(count: number): void {
    this.rig.fake.failNext('sendMessage', count, 'network');
  }

  advanceClock(ms: number): void {
    this.rig.clock.offsetMs += ms;
  }

  snapshot() {
    return takeSnapshot(this.rig.engine.sql);
  }
}
