import type { WAMessage } from '@whiskeysockets/baileys';
import { textMessage, type Person } from '../support/fake-baileys.ts';
import { anna, bas, carla, CHAT, coco, dirk, WhatsAppRig } from './whatsapp/rig.ts';
import { teamsFile, type ConformanceDriver, type Member } from './conformance.ts';

const PEOPLE: Record<Member, Person> = { anna, bas, carla, dirk, coco };

/** The WhatsApp adapter under the conformance suite: Baileys' events over the fake socket. */
export class WhatsAppDriver implements ConformanceDriver {
  readonly chatId = CHAT;
  readonly keepsBacklog = true;

  private constructor(private readonly rig: WhatsAppRig) {}

  static async create(): Promise<WhatsAppDriver> {
    const memberId = (member: Member) => `whatsapp:${PEOPLE[member].pn}`;
    return new WhatsAppDriver(new WhatsAppRig({ config: teamsFile({ chatId: CHAT, memberId }) }));
  }

  memberId(member: Member): string {
    return `whatsapp:${PEOPLE[member].pn}`;
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

  async say(member: Member, text: string, options: { at?: Date } = {}): Promise<WAMessage> {
    return this.rig.world.deliver(
      textMessage(PEOPLE[member], text, { at: options.at ?? this.rig.clock.now() }),
    );
  }

  async redeliver(sent: unknown): Promise<void> {
    this.rig.world.deliver(sent as WAMessage, 'append');
  }

  settle(): Promise<void> {
    return this.rig.settle();
  }

  /** As the group reads them: WhatsApp shows `*bold*` as bold, without the stars. */
  delivered(): string[] {
    return this.rig.world.texts().map((text) => text.replace(/\*([^*\n]+)\*/g, '$1'));
  }

  failNextDelivery(count: number): void {
    this.rig.world.failing += count;
  }

  advanceClock(ms: number): void {
    this.rig.clock.offsetMs += ms;
  }

  snapshot() {
    return this.rig.state();
  }
}
