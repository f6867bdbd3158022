import { describe, expect, it } from 'vitest';
import { isAdviser, listAdvisers } from '../../../src/store/teams.ts';
import { coco, GROUP, bootRigForEachTest, TelegramRig } from './rig.ts';

/*
 * docs/rules.md rule 12 through grammY: Telegram gives the id of someone picked from the mention list
 * who has no username (a text_mention entity); a plain @username carries none, so it is refused
 * with how to do it instead of confirming a role nobody can use.
 */

let rig: TelegramRig;
bootRigForEachTest((booted) => (rig = booted));

describe('Telegram: /adviseur with a mention', () => {
  it('a text_mention names that user’s id; an @username is refused with how to do it', async () => {
    rig.fake.message({
      chat: GROUP,
      from: coco,
      text: '/adviseur @nina_b',
      extra: { entities: [{ type: 'mention', offset: 10, length: 7 }] },
    });
    await rig.botMessage('Antwoord met /adviseur op een bericht van die persoon.');
    expect(listAdvisers(rig.engine.sql, 'noord')).toEqual([]);

    rig.fake.message({
      chat: GROUP,
      from: coco,
      text: '/adviseur Nina',
      extra: {
        entities: [
          { type: 'bot_command', offset: 0, length: 9 },
          {
            type: 'text_mention',
            offset: 10,
            length: 4,
            user: { id: 55, is_bot: false, first_name: 'Nina' },
          },
        ],
      },
    });
    await rig.botMessage('is nu communicatieadviseur van');
    expect(isAdviser(rig.engine.sql, 'noord', 'telegram:55')).toBe(true);
  });
});
