import type { CacheStore, GroupMetadata, WAMessage } from '@whiskeysockets/baileys';

const DAY = 86_400_000;

/**
 * The recent messages of the linked groups, by key id, in memory for a few days: the bot's own
 * (Baileys' `getMessage` answers a resend request from them) and the members' (a reply quotes
 * one, a ✅ reacts to one). Bounded: the oldest go first.
 *
 * @example
 * recent.put(sent); recent.get('BOT1')?.message // { conversation: '…' }
 */
export class RecentMessages {
  private readonly byId = new Map<string, { message: WAMessage; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly keepMs = 3 * DAY,
    private readonly max = 5000,
  ) {}

  put(message: WAMessage): void {
    const id = message.key.id;
    if (!id) return;
    this.byId.delete(id);
    this.byId.set(id, { message, at: this.now() });
    for (const [oldId, entry] of this.byId) {
      if (this.byId.size <= this.max && this.now() - entry.at <= this.keepMs) break;
      this.byId.delete(oldId);
    }
  }

  get(id: string | null | undefined): WAMessage | undefined {
    const entry = id ? this.byId.get(id) : undefined;
    if (!entry || this.now() - entry.at > this.keepMs) return undefined;
    return entry.message;
  }
}

/** Baileys' CacheStore in memory (the message retry counter). */
export class MemoryCache implements CacheStore {
  private readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  set<T>(key: string, value: T): void {
    if (this.values.size >= 10_000) this.values.clear();
    this.values.set(key, value);
  }
  del(key: string): void {
    this.values.delete(key);
  }
  flushAll(): void {
    this.values.clear();
  }
}

/**
 * Group metadata for Baileys' `cachedGroupMetadata` (sending into a group needs its participants):
 * fetched once, fetched again on `groups.update` / `group-participants.update`.
 */
export class GroupCache {
  private readonly groups = new Map<string, GroupMetadata>();

  constructor(private readonly fetch: (jid: string) => Promise<GroupMetadata>) {}

  async get(jid: string): Promise<GroupMetadata | undefined> {
    const cached = this.groups.get(jid);
    if (cached) return cached;
    try {
      const metadata = await this.fetch(jid);
      this.groups.set(jid, metadata);
      return metadata;
    } catch {
      return undefined; // Baileys then asks WhatsApp itself
    }
  }

  /** Forgets a group's metadata and fetches it again (in the background). */
  refresh(jid: string | null | undefined): void {
    if (!jid) return;
    this.groups.delete(jid);
    void this.get(jid);
  }
}
