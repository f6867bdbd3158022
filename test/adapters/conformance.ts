import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/store/snapshot.ts';
import { localDateOf } from '../../src/text/time.ts';

/** The colleagues every driver can speak as; `coco` is the team's coordinator. */
export type Member = 'anna' | 'bas' | 'carla' | 'dirk' | 'coco';
export const MEMBERS: readonly Member[] = ['anna', 'bas', 'carla', 'dirk', 'coco'];

/** What a driver gave back for an injected event, to inject the same event again. */
export type Sent = unknown;

/**
 * How the conformance suite drives one adapter: the bot wired as src/app/main.ts wires it
 * (through startAdapters), on a fresh database, with team `noord` linked to `chatId` and `coco`
 * its coordinator (see `teamsFile`), and the platform faked at its edge.
 */
export interface ConformanceDriver {
  /** The core id of the team's chat (`console:groep`, `telegram:-1001`). */
  readonly chatId: string;
  /** The core id of a member. */
  memberId(member: Member): string;
  /** Starts the bot on the driver's database (a restart after `shutdown`). */
  boot(): Promise<void>;
  /** Stops the bot as on SIGTERM; the database stays. */
  shutdown(): Promise<void>;
  /** Stops everything and removes the database. */
  dispose(): Promise<void>;
  /**
   * A text message from `member` in the team's chat, as the platform would hand it over; `at` is
   * the platform's time for it (drivers whose platform has none use the clock).
   */
  say(member: Member, text: string, options?: { at?: Date }): Promise<Sent>;
  /** Waits until every injected event is handled and the outbox delivered as far as it can. */
  settle(): Promise<void>;
  /** The texts the bot delivered into the team's chat, oldest first. */
  delivered(): string[];
  /** Makes the platform refuse the next `count` deliveries as a passing problem. */
  failNextDelivery(count: number): void;
  /** Moves the bot's clock forward. */
  advanceClock(ms: number): void;
  /** The state of the database (src/store/snapshot.ts). */
  snapshot(): Snapshot;
  /** The platform hands the same event over once more (at-least-once), when it does that. */
  redeliver?(sent: Sent): Promise<void>;
  /** The platform keeps events while the bot is down: `say` after `shutdown` queues them. */
  readonly keepsBacklog: boolean;
}

/** The teams file every driver boots with. */
export function teamsFile(driver: Pick<ConformanceDriver, 'chatId' | 'memberId'>): unknown {
  return {
    admins: [],
    teams: [
      {
        id: 'noord',
        name: 'Team Noord',
        chats: [driver.chatId],
        coordinators: [driver.memberId('coco')],
        startDate: localDateOf(new Date(Date.now() - 3 * 86_400_000)),
      },
    ],
  };
}

/** The state with the platform's ids and the times taken out, to compare across adapters. */
export function portableState(driver: ConformanceDriver): unknown {
  const names = new Map(MEMBERS.map((m) => [driver.memberId(m), m]));
  const name = (id: string) => names.get(id) ?? id;
  const { teams, requests, ledger } = driver.snapshot();
  return {
    teams,
    requests: requests.map((r) => ({
      ...r,
      chat: r.chat === driver.chatId ? 'chat' : r.chat,
      messageId: '',
      requester: name(r.requester),
      yes: r.yes.map(name),
      no: r.no.map(name),
      createdAt: '',
      decidedAt: r.decidedAt === null ? null : '',
    })),
    ledger: ledger.map((l) => ({ ...l, at: '' })),
  };
}

/** One afternoon in a team's chat, said the way every platform can say it. */
const SCRIPT: [Member, string][] = [
  ['anna', 'grofvuil €33 voor huishouden 12'],
  ['bas', 'ja #1'],
  ['anna', 'leefgeld € 75,00 hh 7'],
  ['carla', 'ja #1'],
  ['dirk', 'nee #2'],
  ['dirk', 'ja #1'],
  ['coco', '/storten 10'],
  ['bas', '/saldo'],
];

const HOUR = 3_600_000;

/**
 * The adapter port's conformance suite: every adapter must pass it (console, Telegram, later
 * WhatsApp). `make` builds a driver on a fresh database; `reference` one of another adapter
 * (the console chat) whose state the same events must give.
 *
 * @example
 * adapterConformance('telegram', () => TelegramDriver.create(), () => ConsoleDriver.create());
 */
/** What a platform does, so the suite runs the cases that apply to it. */
export interface PlatformTraits {
  /** The platform may deliver the same event twice (a webhook retry, a getUpdates re-read). */
  redelivers: boolean;
  /** Events sent while the bot was down wait for it (Telegram keeps updates for 24 hours). */
  keepsBacklog: boolean;
}

export function adapterConformance(
  name: string,
  make: () => Promise<ConformanceDriver>,
  reference: () => Promise<ConformanceDriver>,
  platform: PlatformTraits,
): void {
  const using = async (
    makeOne: () => Promise<ConformanceDriver>,
    run: (driver: ConformanceDriver) => Promise<void>,
  ) => {
    const driver = await makeOne();
    try {
      await driver.boot();
      await run(driver);
    } finally {
      await driver.dispose();
    }
  };

  describe(`the adapter port, conformance: ${name}`, () => {
    it('gives the same state for the same inbound events as every other adapter', async () => {
      const states: unknown[] = [];
      for (const makeOne of [make, reference]) {
        await using(makeOne, async (driver) => {
          for (const [member, text] of SCRIPT) {
            await driver.say(member, text);
            await driver.settle(); // one at a time, so both see the same order
          }
          states.push(portableState(driver));
          expect(driver.delivered().some((t) => t.includes('✅ Aanvraag #1 is toegekend'))).toBe(
            true,
          );
        });
      }
      expect(states[0]).toEqual(states[1]);
    });

    it("holds a chat's later messages back while one fails, then delivers them in order", async () => {
      await using(make, async (driver) => {
        const before = driver.delivered().length;
        driver.failNextDelivery(1);
        await driver.say('anna', '/saldo');
        await driver.settle();
        await driver.say('bas', '/open');
        await driver.settle();
        expect(driver.delivered().slice(before)).toEqual([]);
        driver.advanceClock(15 * 60_000); // past any back-off
        await driver.settle();
        const after = driver.delivered().slice(before);
        expect(after).toHaveLength(2);
        expect(after[0]).toContain('💶 Team Noord');
        expect(after[1]).not.toContain('💶 Team Noord');
      });
    });

    // A case for what the platform does: a terminal never redelivers and keeps no backlog.
    if (platform.redelivers)
      it('changes nothing for a redelivered event', async () => {
        await using(make, async (driver) => {
          const request = await driver.say('anna', 'grofvuil €33 voor huishouden 12');
          const vote = await driver.say('bas', 'ja #1');
          await driver.settle();
          const state = driver.snapshot();
          const sent = driver.delivered();
          await driver.redeliver!(request);
          await driver.redeliver!(vote);
          await driver.settle();
          expect(driver.snapshot()).toEqual(state);
          expect(driver.delivered()).toEqual(sent);
        });
      });

    if (platform.keepsBacklog)
      it('reads the backlog before anything falls due: votes that waited still count', async () => {
        await using(make, async (driver) => {
          const posted = Date.now() - HOUR;
          await driver.say('anna', 'grofvuil €33 voor huishouden 12', { at: new Date(posted) });
          await driver.settle();
          await driver.shutdown();
          // While the bot was down three colleagues voted ...
          await driver.say('bas', 'ja #1', { at: new Date(posted + 60_000) });
          await driver.say('carla', 'ja #1', { at: new Date(posted + 120_000) });
          await driver.say('dirk', 'ja #1', { at: new Date(posted + 180_000) });
          // ... and the bot came back after the request's deadline.
          driver.advanceClock(24 * HOUR);
          await driver.boot();
          await driver.settle();
          const request = driver.snapshot().requests.find((r) => r.number === 1)!;
          expect(request.status).toBe('approved');
          expect(request.yes).toEqual(
            ['bas', 'carla', 'dirk'].map((m) => driver.memberId(m as Member)),
          );
          expect(driver.delivered().filter((t) => t.includes('⌛'))).toEqual([]);
        });
      });
  });
}
