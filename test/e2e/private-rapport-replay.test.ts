import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execMmb } from '../support/mmb-process.ts';
import { tempDir } from '../support/temp-dir.ts';

// docs/rules.md rule 11 through `mmb replay` as a real process (in-process:
// test/commands/private-rapport.test.ts).

describe('rule 11: /rapport in a private chat leaves household codes out', () => {
  it('mmb replay with "private": true: the adviser’s /rapport holds no household code', async () => {
    const dir = tempDir('mmb-replay-rapport-');
    const at = (minute: number) => `2026-03-02T09:${String(minute).padStart(2, '0')}:00+01:00`;
    const lines = [
      { at: at(0), chat: 'noord', from: 'anna', id: 'm1', text: 'fiets €40 hh 3' },
      { at: at(1), chat: 'noord', from: 'bas', id: 'm2', text: 'ja #1' },
      { at: at(2), chat: 'noord', from: 'carla', id: 'm3', text: 'ja #1' },
      { at: at(3), chat: 'noord', from: 'dirk', id: 'm4', text: 'ja #1' },
      { at: at(4), chat: 'noord', from: 'anna', id: 'm5', text: '/rapport' },
      { at: at(5), chat: 'prive-nina', from: 'nina', id: 'p1', text: '/rapport', private: true },
    ];
    const conversation = join(dir, 'rapport.jsonl');
    writeFileSync(conversation, lines.map((l) => JSON.stringify(l)).join('\n'));
    const teams = join(dir, 'teams.json');
    writeFileSync(
      teams,
      JSON.stringify({
        admins: ['admin'],
        advisers: ['nina'],
        teams: [{ id: 'noord', name: 'Team Noord', chats: ['noord'], startDate: '2026-01-05' }],
      }),
    );
    const { code, stdout, stderr } = await execMmb(
      ['replay', conversation, '--config', teams, '--json'],
      { cwd: process.cwd(), inheritEnv: true },
    );
    expect(code, stderr).toBe(0);
    const replies: { chat: string; text: string }[] = JSON.parse(stdout).replies;
    const group = replies.filter((r) => r.chat === 'noord').at(-1)!;
    const inPrivate = replies.filter((r) => r.chat === 'prive-nina');
    expect(group.text).toContain('€ 40,00 fiets (hh 3)');
    expect(inPrivate).toHaveLength(1);
    expect(inPrivate[0]!.text).toContain('#1 € 40,00 fiets');
    expect(inPrivate[0]!.text).not.toMatch(/\bhh\b|\(3\)/);
  }, 60_000);
});
