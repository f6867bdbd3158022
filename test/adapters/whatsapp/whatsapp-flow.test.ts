import { afterEach, describe, expect, it } from 'vitest';
import {
  editMessage,
  GROUP_JID,
  reactionEvent,
  reactionMessage,
  textMessage,
  undecryptable,
} from '../../support/fake-baileys.ts';
import { anna, bas, carla, CHAT, coco, dirk, WhatsAppRig } from './rig.ts';

let rig: WhatsAppRig;
afterEach(() => rig.dispose());

describe('WhatsApp groups through Baileys', () => {
  it('approves a request after three replies; replies quote, a counted vote is a ✅ reaction', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    expect(rig.world.texts()[0]).toContain('Aanvraag #1');
    expect(rig.world.sent[0]!.options?.quoted?.key.id).toBe(request.key.id);
    const vote = rig.world.deliver(
      textMessage(bas, 'ja', { replyTo: request.key, shape: 'extended' }),
    );
    await rig.settle();
    const react = rig.world.sent.at(-1)!;
    expect(react.content).toEqual({ react: { text: '✅', key: vote.key } });
    rig.world.deliver(textMessage(carla, 'ja #1', { shape: 'image', wrap: 'ephemeral' }));
    rig.world.deliver(
      textMessage(dirk, '👍', { replyTo: request.key, wrap: 'viewOnceV2', shape: 'image' }),
    );
    await rig.settle();
    const r = rig.request(1);
    expect(r.status).toBe('approved');
    expect(r.yes).toEqual(['whatsapp:31622222222', 'whatsapp:31633333333', 'whatsapp:31644444444']);
    expect(rig.world.texts().at(-1)).toContain('✅ *Aanvraag #1* is toegekend');
    expect(rig.world.sent.every((s) => s.jid === GROUP_JID)).toBe(true);
    expect(rig.world.socket!.config).toMatchObject({
      markOnlineOnConnect: false,
      syncFullHistory: false,
    });
  });

  it('counts a reaction vote and takes it back when the reaction is removed (both event forms)', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    const thumbs = reactionMessage(bas, request.key, '👍');
    rig.world.deliver(thumbs);
    rig.world.socket!.emit('messages.reaction', [reactionEvent(thumbs)]); // the same reaction again
    await rig.settle();
    expect(rig.request(1).yes).toEqual(['whatsapp:31622222222']);
    rig.world.socket!.emit('messages.reaction', [
      reactionEvent(reactionMessage(bas, request.key, '')),
    ]);
    await rig.settle();
    expect(rig.request(1).yes).toEqual([]);
  });

  it('keeps one voter when a LID voter’s phone number arrives later; the coordinator is known by either form', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const lidOnly = { name: 'Bas', lid: '222000222', addressing: 'lid' as const };
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    rig.world.deliver(textMessage(lidOnly, 'ja', { replyTo: request.key }));
    await rig.settle();
    // Who the LID is is not known yet: the vote waits (rule 15).
    expect(rig.request(1).yes).toEqual([]);
    expect(rig.world.texts().at(-1)).toContain('Je stem op #1 is bewaard');
    rig.world.socket!.emit('lid-mapping.update', {
      lid: '222000222@lid',
      pn: '31622222222@s.whatsapp.net',
    });
    await rig.settle();
    expect(rig.request(1).yes).toEqual(['whatsapp:31622222222']);
    rig.world.deliver(textMessage(lidOnly, 'ja #1'));
    rig.world.deliver(textMessage(bas, 'ja #1'));
    await rig.settle();
    expect(rig.request(1).yes).toEqual(['whatsapp:31622222222']);
    // The coordinator, configured by phone number, writes by LID with participantAlt.
    rig.world.deliver(textMessage(coco, '/storten 10'));
    await rig.settle();
    expect(rig.state().ledger.some((l) => l.kind === 'deposit')).toBe(true);
  });

  it('answers an edit once and changes nothing', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = rig.world.deliver(textMessage(anna, 'grofvuil €33 voor huishouden 12'));
    await rig.settle();
    rig.world.deliver(editMessage(anna, request.key, 'grofvuil €330 voor huishouden 12'));
    rig.world.deliver(editMessage(anna, request.key, 'grofvuil €333 voor huishouden 12'));
    await rig.settle();
    expect(rig.world.texts().filter((t) => t.includes('bewerkt bericht telt niet'))).toHaveLength(
      1,
    );
    expect(rig.request(1).amountCents).toBe(3300);
  });

  it('answers a direct chat as the private chat: a stranger gets one line, once; a coordinator their teams', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const direct = (from: typeof bas, jid: string, id: string, text: string) =>
      rig.world.deliver({ ...textMessage(from, text), key: { remoteJid: jid, id } });
    direct(bas, '31622222222@s.whatsapp.net', 'D1', '/saldo');
    direct(bas, '31622222222@s.whatsapp.net', 'D2', '/teams');
    direct(coco, '31612345678@s.whatsapp.net', 'D3', '/teams');
    await rig.settle();
    expect(rig.world.texts('31622222222@s.whatsapp.net')).toEqual([
      'Ik werk alleen in de teamgroepen van het Mini-Maatwerk Budget. Stel je vraag in je teamgroep.',
    ]);
    expect(rig.world.texts('31612345678@s.whatsapp.net').join('\n')).toContain('Team Noord');
    expect(rig.world.texts()).toEqual([]); // nothing in the group
    expect(rig.state().requests).toHaveLength(0);
  });

  it("handles a redelivered message (notify, then append) once; answers a stranger's direct chat with one line; ignores status, undecryptable", async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    const request = textMessage(anna, 'grofvuil €33 voor huishouden 12');
    rig.world.deliver(request);
    rig.world.deliver(request, 'append');
    rig.world.deliver({
      ...textMessage(bas, '/saldo'),
      key: { remoteJid: '31622222222@s.whatsapp.net', id: 'D1' },
    });
    rig.world.deliver({
      ...textMessage(bas, '/saldo'),
      key: { remoteJid: 'status@broadcast', id: 'S1', participant: '31622222222@s.whatsapp.net' },
    });
    rig.world.deliver(undecryptable(bas));
    rig.world.deliver(undecryptable(carla, 'No session'));
    rig.world.deliver(textMessage(bas, '/saldo', { group: '120363999@g.us' }));
    await rig.settle();
    expect(rig.world.texts()).toHaveLength(1);
    expect(rig.world.texts('31622222222@s.whatsapp.net')).toHaveLength(1); // the private-chat line
    expect(rig.state().requests).toHaveLength(1);
    expect(rig.log.filter((l) => l.includes('could not be decrypted'))).toHaveLength(1);
    expect(rig.log.filter((l) => l.includes('not linked to a team'))).toHaveLength(1);
  });

  it('sends /export files as documents', async () => {
    rig = new WhatsAppRig();
    await rig.boot();
    rig.world.deliver(textMessage(coco, '/export'));
    await rig.until(() => rig.world.sent.some((s) => 'document' in s.content), 'the documents');
    const docs = rig.world.sent.filter((s) => 'document' in s.content).map((s) => s.content);
    expect(docs.map((d) => ('fileName' in d ? d.fileName : ''))).toEqual([
      expect.stringMatching(/\.csv$/),
      expect.stringMatching(/\.pdf$/),
    ]);
    expect(docs[1]).toMatchObject({ mimetype: 'application/pdf' });
    expect(CHAT).toContain(GROUP_JID);
  });
});
