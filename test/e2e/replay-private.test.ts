import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jsonLines, said, saidPrivately } from '../support/replay-lines.ts';
import { tempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);
const dir = tempDir('mmb-replay-private-');
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const config = {
  admins: ['admin'],
  advisers: ['nina'],
  teams: [
    { id: 'noord', name: 'Team Noord', chats: ['noord'], startDate: '2026-01-05' },
    { id: 'zuid', name: 'Team Zuid', chats: ['zuid'], startDate: '2026-01-05' },
  ],
};

const lines = [
  said('2026-03-02T09:00:00+01:00', 'noord', 'anna', 'm1', 'fiets €40 hh 3'),
  said('2026-03-02T09:01:00+01:00', 'noord', 'bas', 'm2', 'ja #1'),
  said('2026-03-02T09:02:00+01:00', 'noord', 'carla', 'm3', 'ja #1'),
  said('2026-03-02T09:03:00+01:00', 'noord', 'dirk', 'm4', 'ja #1'),
  saidPrivately('2026-03-02T10:00:00+01:00', 'prive-nina', 'nina', 'p1', '/export alle vorige'),
  saidPrivately('2026-03-02T10:01:00+01:00', 'prive-vreemd', 'vreemd', 'p2', '/teams'),
];

describe('mmb replay with private chats', () => {
  it('reads "private": true and advisers in --config, and names the files of a reply', async () => {
    const conversation = write('prive.jsonl', jsonLines(lines));
    const teams = write('teams.json', JSON.stringify(config));
    const { stdout } = await run(
      'node',
      ['bin/mmb.js', 'replay', conversation, '--config', teams, '--json'],
      { cwd: process.cwd() },
    );
    const result = JSON.parse(stdout);
    const inPrivate = result.replies.filter((r: { chat: string }) => r.chat.startsWith('prive-'));
    expect(inPrivate).toEqual([
      {
        at: '2026-03-02T09:00:00.000Z',
        chat: 'prive-nina',
        text: '📎 Overzicht 2 teams (eerst de totalen), 5 jan 2026 t/m 16 feb 2026: CSV voor Excel en PDF om te delen (zonder huishoudcodes).',
        replyTo: 'p1',
        files: [
          'mmb-alle-teams-2026-01-05-2026-02-16.csv',
          'mmb-alle-teams-2026-01-05-2026-02-16.pdf',
        ],
      },
      {
        at: '2026-03-02T09:01:00.000Z',
        chat: 'prive-vreemd',
        text: 'Ik werk alleen in de teamgroepen van het Mini-Maatwerk Budget. Stel je vraag in je teamgroep.',
        replyTo: 'p2',
      },
    ]);
    // A reply without files keeps exactly the fields it had.
    expect(Object.keys(result.replies[0])).toEqual(['at', 'chat', 'text', 'replyTo']);
    // No team was made for a private chat.
    expect(result.teams.map((t: { id: string }) => t.id)).toEqual(['noord', 'zuid']);
  }, 60_000);
});
