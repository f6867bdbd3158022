/**
 * `mmb replay` reads two optional fields of a message line (docs/rules.md rule 16): `"forwarded": true`
 * (the platform marked it forwarded) and `"bot": true` (a bot sent it). Lines without them replay
 * as before (the golden replay holds that).
 */
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/cli/replay.ts';
import { parseReplay } from '../../src/cli/replay-input.ts';
import { openDatabase } from '../../src/store/database.ts';

const line = (at: string, from: string, id: string, text: string, extra = {}) =>
  JSON.stringify({ at, chat: 'noord', from, id, text, ...extra });

describe('mmb replay: forwarded and bot messages (rule 16)', () => {
  it('a forwarded request gets one line and opens nothing; a bot’s request or vote gets nothing', async () => {
    const input = [
      line('2026-03-02T09:00:00+01:00', 'anna', 'm1', 'grofvuil €33 voor huishouden 12', {
        forwarded: true,
      }),
      line('2026-03-02T09:01:00+01:00', 'robot', 'm2', 'pinpas €75 voor huishouden 7', {
        bot: true,
      }),
      line('2026-03-02T09:02:00+01:00', 'anna', 'm3', 'grofvuil €33 voor huishouden 12'),
      line('2026-03-02T09:03:00+01:00', 'robot', 'm4', 'ja #1', { bot: true }),
      line('2026-03-02T09:04:00+01:00', 'bas', 'm5', 'ja #1', { forwarded: true }),
      line('2026-03-02T09:05:00+01:00', 'carla', 'm6', 'ja #1', { forwarded: false, bot: false }),
    ].join('\n');
    const result = await replay(openDatabase(':memory:'), parseReplay(input), {});
    expect(result.replies.map((r) => [r.replyTo, [...r.text][0]])).toEqual([
      ['m1', '↪'],
      ['m3', '📝'],
      ['m6', '#'],
    ]);
    expect(result.requests).toMatchObject([{ messageId: 'm3', yes: ['carla'] }]);
  });

  it('refuses a field of the wrong type with its line, as for every field', () => {
    expect(() =>
      parseReplay(line('2026-03-02T09:00:00+01:00', 'anna', 'm1', 'ja', { bot: 'yes' })),
    ).toThrow(/regel 1/);
  });
});
