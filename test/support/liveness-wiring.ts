import { ChatLiveness } from '../../src/app/chat-liveness.ts';
import type { Clock } from '../../src/core/clock.ts';
import type { Logger } from '../../src/core/logger.ts';
import type { ChatAdapter } from '../../src/delivery/port/chat-adapter.ts';
import { DueGate } from '../../src/scheduling/due-gate.ts';
import type { DueSource } from '../../src/scheduling/due-source.ts';
import { BotHeartbeat, botHeartbeatAge, READ_LAG_MS } from '../../src/store/bot-heartbeat.ts';
import type { Db } from '../../src/store/database.ts';
import { recordingLogger } from '../adapters/whatsapp/rig.ts';

/**
 * The bot's liveness as src/app/main.ts wires it, for a rig: a ChatLiveness over the adapters
 * (pushed once the rig made them), a DueGate between the engine and the rig's scheduler that judges
 * a moment once the chats are read `READ_LAG_MS` past it, and the heartbeat that writes the moment
 * the chats are read up to, only while the liveness says connected. Short grace and beat for tests.
 */
export class LivenessWiring {
  readonly adapters: Pick<ChatAdapter, 'platform' | 'connection'>[] = [];
  readonly liveness: ChatLiveness;
  gate: DueGate | null = null;
  private heartbeat: BotHeartbeat | null = null;

  constructor(
    private readonly clock: Clock,
    logger: Logger,
    private readonly reconcile: () => void,
    graceMs = 200,
  ) {
    this.liveness = new ChatLiveness({ adapters: this.adapters, clock, logger, graceMs });
  }

  /** The rig's `due` option. */
  readonly due = (engine: DueSource): DueSource => {
    this.gate = new DueGate(engine, {
      open: () => this.liveness.connected(),
      until: () => new Date(this.liveness.readUpTo().getTime() - READ_LAG_MS),
      clock: this.clock,
      onResume: () => this.reconcile(),
      lookEveryMs: 50,
    });
    return this.gate;
  };

  /** Starts the heartbeat on the bot's database (after the adapters read their backlog). */
  startHeartbeat(db: Db): void {
    this.heartbeat = new BotHeartbeat(
      db,
      this.clock,
      undefined,
      50,
      () => this.liveness.connected(),
      () => this.liveness.readUpTo(),
    );
    this.heartbeat.start();
  }

  /**
   * ms since the moment the heartbeat says the chats are read up to, or null without one (as a
   * worker sees it).
   */
  heartbeatAge(db: Db): number | null {
    return botHeartbeatAge(db, this.clock.now());
  }

  stop(): void {
    this.heartbeat?.stop();
    this.gate?.stop();
  }
}

/** What `bootWithLiveness` needs of a Telegram or WhatsApp rig. */
interface LiveRig {
  clock: Clock;
  db: Db;
  adapter: Pick<ChatAdapter, 'platform' | 'connection'>;
  scheduler: { reconcile(): unknown };
  boot(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A rig made with the liveness wired around it (its `due` option), booted, its adapter watched and
 * the heartbeat started; `log` holds what the liveness logged. A rig that fails to boot is
 * disposed of.
 *
 * @example
 * const { rig, wiring, log } = await bootWithLiveness((due) => TelegramRig.create({ due }));
 */
export async function bootWithLiveness<R extends LiveRig>(
  make: (due: (engine: DueSource) => DueSource) => R | Promise<R>,
  graceMs?: number,
): Promise<{ rig: R; wiring: LivenessWiring; log: string[] }> {
  const log: string[] = [];
  let made: R | null = null;
  const wiring = new LivenessWiring(
    { now: () => made!.clock.now() },
    recordingLogger(log),
    () => void made!.scheduler.reconcile(),
    graceMs,
  );
  made = await make(wiring.due);
  try {
    await made.boot();
  } catch (error) {
    wiring.stop();
    await made.dispose();
    throw error;
  }
  wiring.adapters.push(made.adapter);
  wiring.startHeartbeat(made.db);
  return { rig: made, wiring, log };
}
