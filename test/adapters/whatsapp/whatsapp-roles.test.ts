import { describe, expect, it } from 'vitest';
import { listAdvisers } from '../../../src/store/teams.ts';
import { textMessage } from '../../support/fake-baileys.ts';
import { coco, WhatsAppRig } from './rig.ts';

/* docs/rules.md rule 12 through Baileys: a role is named to an id the bot can match, or refused. */

describe('rule 12 on WhatsApp: /adviseur @someone names their id', () => {
  it('an @-mention (contextInfo.mentionedJid) names that member; a typed name nobody goes by is refused', async () => {
    const rig = new WhatsAppRig();
    try {
      await rig.boot();
      rig.world.deliver(textMessage(coco, '/adviseur Nina'));
      await rig.settle();
      expect(rig.world.texts().at(-1)).toContain('Antwoord met /adviseur op een bericht');
      const mention = textMessage(coco, '/adviseur @31622222222', { shape: 'extended' });
      mention.message!.extendedTextMessage!.contextInfo = {
        mentionedJid: ['31622222222@s.whatsapp.net'],
      };
      rig.world.deliver(mention);
      await rig.settle();
      expect(rig.world.texts().at(-1)).toMatch(/is nu communicatieadviseur van/);
      expect(listAdvisers(rig.engine.sql, 'noord')).toEqual(['whatsapp:31622222222']);
    } finally {
      await rig.dispose();
    }
  });
});
