import { commandsIn } from '../../commands/index.ts';
import type { Clock } from '../core/clock.ts';
import type { IncomingEvent } from '../core/incoming.ts';
import { deliverSoon, type OutboxDelivery } from '../delivery/outbox-delivery.ts';
import { silentLogger, type Logger } from '../core/logger.ts';
import { enqueueNoticeOnce } from '../delivery/notices.ts';
import type { AdapterHost, Handled, MenuCommand } from '../delivery/port/adapter-host.ts';
import type { AdapterStore } from '../delivery/port/adapter-store.ts';
import type { BatchTicket } from '../delivery/port/batch-ticket.ts';
import type { NoticePurpose } from '../delivery/port/reply-purpose.ts';
import type { Engine } from '../engine/engine.ts';
import { AdapterState } from '../store/adapter-state.ts';
import { linkedChats } from '../store/chats.ts';

export interface EngineHostOptions {
  engine: Engine;
  dispatcher: Pick<OutboxDelivery, 'flush'>;
  clock: Clock;
  /** Where a failed delivery round nobody waited for is told (default: nowhere). */
  logger?: Logger;
}

/**
 * The adapter port's host on top of the engine, the store and the dispatcher: the one thing an
 * adapter gets to reach the core with.
 *
 * @example
 * const host = new EngineHost({ engine, dispatcher, clock });
 * const telegram = new TelegramAdapter({ token, host, clock, logger });
 */
export class EngineHost implements AdapterHost {
  private readonly stores = new Map<string, AdapterStore>();

  constructor(private readonly options: EngineHostOptions) {}

  handle(event: IncomingEvent, batch?: BatchTicket): Handled {
    const { applied, toast } = this.options.engine.handle(event, batch);
    return toast === undefined ? { applied } : { applied, toast };
  }

  beginBatch(): BatchTicket {
    return this.options.engine.beginBatch();
  }

  commitBatch(batch: BatchTicket): void {
    this.options.engine.commitBatch(batch);
  }

  isLinked(chatId: string): boolean {
    return this.options.engine.isLinked(chatId);
  }

  moveChat(fromChatId: string, toChatId: string): boolean {
    return this.options.engine.moveChat(fromChatId, toChatId);
  }

  mergeMember(fromId: string, toId: string): boolean {
    return this.options.engine.mergeMember(fromId, toId);
  }

  linkedChats(platform: string): string[] {
    return linkedChats(this.options.engine.sql, platform);
  }

  noticeOnce(chatId: string, purpose: NoticePurpose, text: string): boolean {
    const queued = enqueueNoticeOnce(
      this.options.engine.sql,
      chatId,
      purpose,
      text,
      this.options.clock.now(),
    );
    if (queued) this.deliverNow();
    return queued;
  }

  commands(): readonly MenuCommand[] {
    return commandsIn('group').map(({ name, summary, usage, role }) => ({
      name,
      summary,
      usage,
      role,
    }));
  }

  deliverNow(): void {
    deliverSoon(this.options.dispatcher, this.options.logger ?? silentLogger);
  }

  store(adapter: string): AdapterStore {
    let store = this.stores.get(adapter);
    if (!store) {
      const state = new AdapterState(this.options.engine.sql.db, adapter);
      const engine = this.options.engine;
      // Another adapter's batch may hold the connection's transaction open: what the adapter
      // writes (a session's keys) must not wait for — or be undone with — that batch's commit.
      store = {
        get: (category, id) => state.get(category, id),
        getMany: (category, ids) => state.getMany(category, ids),
        write: (entries) => {
          state.write(entries);
          engine.makeDurable();
        },
        clear: () => {
          state.clear();
          engine.makeDurable();
        },
      };
      this.stores.set(adapter, store);
    }
    return store;
  }
}
