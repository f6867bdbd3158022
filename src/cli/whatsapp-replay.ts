import { setTimeout as sleep } from 'node:timers/promises';
import {
  memoryAuthState,
  ReplayWhatsApp,
  WHATSAPP_UNPACED,
  type SocketCall,
} from '../../adapters/whatsapp/replay-socket.ts';
import type { WhatsAppReplayLine } from '../../adapters/whatsapp/replay-input.ts';
import { WhatsAppAdapter } from '../../adapters/whatsapp/whatsapp-adapter.ts';
import { VirtualClock } from '../core/clock.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { Dispatcher } from '../delivery/dispatcher.ts';
import { Engine } from '../engine/engine.ts';
import { requestView } from '../rules/request-view.ts';
import type { BotConfig } from '../store/bot-config.ts';
import type { Db } from '../store/database.ts';
import { EngineHost } from '../app/adapter-host.ts';
import { advanceReplayClock } from './replay.ts';

export interface WhatsAppReplayResult {
  /** Every call the adapter made on the socket, in order. */
  calls: SocketCall[];
}

/**
 * Runs Baileys events through the real WhatsApp adapter and engine over a replay socket, on a
 * virtual clock: the first socket is open from the start; before each line the clock moves to
 * its time and what falls due on the way fires (as `mmb replay`); then the line's event goes to
 * the adapter as Baileys hands it over, and the outbox is delivered through the adapter. Sending
 * is not paced (a deterministic program). The state is in `db` afterwards.
 *
 * @example
 * const { calls } = await whatsappReplay(db, parseWhatsAppReplay(text), {});
 * calls[0] // { at, method: 'sendMessage', jid: '1203…@g.us', content: { text: '📝 …' }, options: { quoted: {…} } }
 */
export async function whatsappReplay(
  db: Db,
  lines: WhatsAppReplayLine[],
  options: { config?: BotConfig; logger?: Logger },
): Promise<WhatsAppReplayResult> {
  const logger = options.logger ?? silentLogger;
  const clock = new VirtualClock(lines[0]?.at ?? new Date(0));
  const engine = new Engine({ db, clock, config: options.config, autoTeams: !options.config });
  const dispatcher = new Dispatcher(engine.sql, clock, logger, requestView);
  const world = new ReplayWhatsApp(clock);
  const adapter = new WhatsAppAdapter({
    host: new EngineHost({ engine, dispatcher, clock }),
    clock,
    logger,
    auth: memoryAuthState(),
    makeSocket: world.makeSocket,
    pacing: WHATSAPP_UNPACED,
    catchUpTimeoutMs: 0,
    reconnectDelay: () => 0,
  });
  /** The events handed over are applied, a reconnect has made its socket, the outbox is out. */
  const settle = async () => {
    await adapter.idle();
    await sleep(0); // a reconnect's timer (delay 0) runs first
    await adapter.idle();
    await dispatcher.flush();
  };
  dispatcher.register(adapter.platform, adapter.deliver);
  try {
    await adapter.prepare();
    world.open();
    await adapter.catchUp();
    await settle();
    for (const line of lines) {
      await advanceReplayClock({ clock, engine, dispatcher }, line.at);
      if (line.event !== null) world.emit(line.event, line.data as never);
      await settle();
    }
    world.stopRecording();
    return { calls: world.calls };
  } finally {
    world.stopRecording();
    await adapter.stop();
    await dispatcher.stop();
  }
}
