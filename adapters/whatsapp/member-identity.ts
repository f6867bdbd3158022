import type { Logger } from '../../src/core/logger.ts';
import { bareLid, lidMemberId, phoneMemberId } from './whatsapp-ids.ts';

/** Asks Baileys' LID mapping store for a LID's phone-number jid (`signalRepository.lidMapping`). */
export type LidLookup = (lid: string) => Promise<string | null>;

/** The participants of a group as WhatsApp lists them (groupMetadata), each with what it knows. */
export type GroupParticipants = (
  groupJid: string,
) => Promise<readonly { id: string; lid?: string | undefined; phoneNumber?: string | undefined }[]>;

/** A sender as a member id, and whether that id is still an unresolved LID (rule 15). */
export interface ResolvedSender {
  id: string;
  /** Only a LID is known, no phone number: their vote waits until it is (docs/rules.md rule 15). */
  pending: boolean;
}

/**
 * One person, one member id: `whatsapp:<phone digits>` whenever the phone number is known (from
 * the message key's `participantAlt`/`remoteJidAlt`, a `lid-mapping.update`, Baileys' LID mapping
 * store, or the group's participant list), else `whatsapp:<lid>@lid`, marked pending: such a
 * member's vote is recorded but waits (docs/rules.md rule 15). When a LID's number becomes known
 * after the LID id was used, `onMerge` moves what the LID id holds (a waiting vote) to the phone
 * id, where it counts once — or not at all when it was the requester's own or a second vote.
 *
 * @example
 * const ids = new MemberIdentity({ logger, onMerge: (from, to) => host.mergeMember(from, to) });
 * await ids.resolve('123@lid', undefined)                // { id: 'whatsapp:123@lid', pending: true }
 * ids.learn('123@lid', '31612345678@s.whatsapp.net')     // merges whatsapp:123@lid → whatsapp:31612345678
 * await ids.resolve('123@lid', undefined)                // { id: 'whatsapp:31612345678', pending: false }
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
      participants?: GroupParticipants | undefined;
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
   * one as a LID and the other as a phone-number jid when it knows both), and whether it is still
   * pending. `group`: the group it came from, whose participant list may name the LID's number.
   */
  async resolve(
    jid: string | null | undefined,
    alt: string | null | undefined,
    group?: string,
  ): Promise<ResolvedSender> {
    const known = this.learn(jid, alt) ?? phoneMemberId(jid) ?? phoneMemberId(alt);
    if (known) return { id: known, pending: false };
    const lid = bareLid(jid) ?? bareLid(alt);
    if (!lid) return { id: `whatsapp:${jid ?? alt ?? 'onbekend'}`, pending: false };
    const mapped = this.phones.get(lid);
    if (mapped) return { id: mapped, pending: false };
    const found = (await this.fromStore(lid)) ?? (group ? await this.fromGroup(group, lid) : null);
    const phone = found ? this.learn(lid, found) : null;
    return phone ? { id: phone, pending: false } : { id: lidMemberId(lid), pending: true };
  }

  /** The phone-number jid the group's participant list gives a LID (Baileys 7's `phoneNumber`). */
  private async fromGroup(group: string, lid: string): Promise<string | null> {
    if (!this.options.participants) return null;
    try {
      const participants = await this.options.participants(group);
      for (const p of participants) {
        if (bareLid(p.lid) !== lid && bareLid(p.id) !== lid) continue;
        const phone = [p.phoneNumber, p.id].find((j) => phoneMemberId(j) !== null);
        if (phone) return phone;
      }
    } catch (error) {
      this.options.logger.debug({ error: (error as Error).name }, 'whatsapp participants unread');
    }
    return null;
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
