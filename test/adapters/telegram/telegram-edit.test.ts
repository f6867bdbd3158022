import { afterEach, expect, it } from 'vitest';
import { anna, GROUP, TelegramRig } from './rig.ts';

let rig: TelegramRig;
afterEach(() => rig.dispose());

it('answers an edited request once and changes nothing (edited_message)', async () => {
  rig = await TelegramRig.create();
  await rig.boot();
  const { messageId } = rig.say(anna, 'grofvuil €33 voor huishouden 12');
  await rig.botMessage('Aanvraag #1');
  const edited = (text: string) =>
    rig.fake.queue({
      edited_message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000) - 5,
        edit_date: Math.floor(Date.now() / 1000),
        chat: { id: GROUP, type: 'supergroup', title: 'Noord' },
        from: { is_bot: false, ...anna },
        text,
      },
    });
  edited('grofvuil €330 voor huishouden 12');
  const last = edited('grofvuil €333 voor huishouden 12');
  await rig.handled(last);
  await rig.botMessage('bewerkt bericht telt niet');
  expect(rig.fake.sent(GROUP).filter((m) => m.text.includes('bewerkt'))).toHaveLength(1);
  expect(rig.request(1).amountCents).toBe(3300);
});
