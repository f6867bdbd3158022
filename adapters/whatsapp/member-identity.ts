import type { Logger } from '../../src/core/logger.ts';
import { bareLid, lidMemberId, phoneMemberId } from './whatsapp-ids.ts';

/** Asks Baileys' LID mapping store for a LID's phone-number jid (`signalRepository.lidMapping`). */
export type LidLookup = (lid: string) => Promise<string | null>;

/**
 * One person, one member id: `whatsapp:<phone digits>` whenever the phone number is known (from
 * the message key's `participantAlt`/`remoteJidAlt`, a `lid-mapping.update`, or Baileys' LID
 * mapping store), else `whatsapp:<lid>@lid`. When a LID's number becomes known after the LID id
 * was used, `onMerge` moves what the LID id holds (a vote) to the phone id, so it counts once.
 *
 * @example
 * const ids = new MemberIdentity({ logger, onMerge: (from, to) => host.mergeMember(from, to) });
 * await ids.resolve('123@lid', undefined)                // 'whatsapp:123@lid'
 * ids.learn('123@lid', '31612345678@s.whatsapp.net')     // merges whatsapp:123@lid → whatsapp:31612345678
 * await ids.resolve('123@lid', undefined)                // 'whatsapp:31612345678'
 */
export class MemberIdentity {
  /** Bare LID → phone member id. */
  private readonly phones = new Map<string, string>();
  /** LIDs whose LID id was handed out, or may have been in an earlier run: merged when learned. */
  private readonly merged = new Set<string>();

  constructor(
    private readonly options: {
      logger: Logger;
      onMerge: (fromId: string, toId: string) => void;
      lookup?: LidLookup | undefined;
    },
  ) {}

  /** Replaces the store lookup (a new socket). */
  set lookup(lookup: LidLookup | undefined) {
    this.options.lookup = lookup;
  }

  /**
   * Records that a LID and a phone-number jid are one person (in either order); the first time
   * in this run it asks the core to merge the LID id into the phone id (harmless when there is
   * nothing to move). Returns the phone member id, or null when the pair was not one.
   */
  learn(a: string | null | undefined, b: string | null | undefined): string | null {
    const lid = bareLid(a) ?? bareLid(b);
    const phone = phoneMemberId(a) ?? phoneMemberId(b);
    if (!lid || !phone) return null;
    if (this.phones.get(lid) !== phone) this.phones.set(lid, phone);
    if (!this.merged.has(lid)) {
      this.merged.add(lid);
      try {
        this.options.onMerge(lidMemberId(lid), phone);
      } catch (error) {
        this.merged.delete(lid); // tried again at the next sighting
        this.options.logger.warn({ error: (error as Error).name }, 'whatsapp member not merged');
      }
    }
    return phone;
  }

  /**
   * The member id of a sender given as a participant jid and its alternative (Baileys 7 gives
   * one as a LID and the other as a phone-number jid when it knows both).
   */
  async resolve(jid: string | null | undefined, alt: string | null | undefined): Promise<string> {
    const known = this.learn(jid, alt) ?? phoneMemberId(jid) ?? phoneMemberId(alt);
    if (known) return known;
    const lid = bareLid(jid) ?? bareLid(alt);
    if (!lid) return `whatsapp:${jid ?? alt ?? 'onbekend'}`;
    const mapped = this.phones.get(lid);
    if (mapped) return mapped;
    const fromStore = await this.fromStore(lid);
    if (fromStore) return this.learn(lid, fromStore) ?? lidMemberId(lid);
    return lidMemberId(lid);
  }

  private async fromStore(lid: string): Promise<string | null> {
    if (!this.options.lookup) return null;
    try {
      return await this.options.lookup(lid);
    } catch (error) {
      this.options.logger.debug({ error: (error as Error).name }, 'whatsapp LID lookup failed');
      return null;
    }
  }
}
