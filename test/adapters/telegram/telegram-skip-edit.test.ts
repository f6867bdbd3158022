import { afterEach, describe, expect, it } from 'vitest';
import { ShownMessages } from '../../../adapters/telegram/shown-messages.ts';
import { anna, bas, carla, dirk, GROUP, TelegramRig } from './rig.ts';

let rig: TelegramRig | null = null;
afterEach(async () => {
  await rig?.dispose();
  rig = null;
});

const edits = (r: TelegramRig) => r.fake.counts.get('editMessageText') ?? 0;

describe('Telegram: edits of a request message', () => {
  it('edits the request message once for votes that came in one batch, to its final state', async () => {
    rig = await TelegramRig.create();
    await rig.boot({ start: false });
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12');
    rig.say(bas, 'ja #1');
    rig.say(carla, 'ja #1');
    const last = rig.say(dirk, 'ja #1');
    const before = edits(rig);

    await rig.adapter.start();
    await rig.handled(last.updateId);
    await rig.botMessage('✅ Aanvraag #1 is toegekend');

    expect(edits(rig) - before).toBe(1); // not one per tally and one for the decision
    const shown = rig.fake.sent(GROUP).find((m) => m.replyTo === request.messageId)!;
    expect(shown.text).toContain('toegekend');
    expect(shown.replyMarkup).toEqual({ inline_keyboard: [] }); // the buttons are gone
  });

  it('still edits for each vote that changes what the message shows', async () => {
    rig = await TelegramRig.create();
    await rig.boot();
    const request = rig.say(anna, 'grofvuil €33 voor huishouden 12');
    await rig.botMessage('📝 Aanvraag #1');
    const before = edits(rig);
    for (const [i, voter] of [bas, carla].entries()) {
      await rig.handled(rig.say(voter, 'ja #1').updateId);
      await rig.fake.waitFor(() => edits(rig!) - before === i + 1, `edit for vote ${i + 1}`);
    }
    const shown = rig.fake.sent(GROUP).find((m) => m.replyTo === request.messageId)!;
    expect(shown.text).toContain('2 van 3 ja'); // the tally as it stands
  });
});

describe('ShownMessages', () => {
  it('knows what a message shows until it is changed or forgotten', () => {
    const shown = new ShownMessages(2);
    shown.remember(-1, '10', 'Aanvraag #1', 1);
    expect(shown.shows(-1, '10', 'Aanvraag #1', 1)).toBe(true);
    expect(shown.shows(-1, '10', 'Aanvraag #1', null)).toBe(false);
    expect(shown.shows(-1, '10', 'Aanvraag #1 (1× ja)', 1)).toBe(false);
    expect(shown.shows(-2, '10', 'Aanvraag #1', 1)).toBe(false);
    shown.forget(-1, '10');
    expect(shown.shows(-1, '10', 'Aanvraag #1', 1)).toBe(false);
  });

  it('forgets the oldest message first when full', () => {
    const shown = new ShownMessages(2);
    shown.remember(-1, '1', 'a', null);
    shown.remember(-1, '2', 'b', null);
    shown.remember(-1, '1', 'a', null); // used again: now the most recent
    shown.remember(-1, '3', 'c', null);
    expect(shown.shows(-1, '2', 'b', null)).toBe(false);
    expect(shown.shows(-1, '1', 'a', null)).toBe(true);
    expect(shown.shows(-1, '3', 'c', null)).toBe(true);
  });
});
