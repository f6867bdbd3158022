import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
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
  {
    at: '2026-03-02T09:00:00+01:00',
    chat: 'noord',
    from: 'anna',
    id: 'm1',
    text: 'fiets €40 hh 3',
  },
  { at: '2026-03-02T09:01:00+01:00', chat: 'noord', from: 'bas', id: 'm2', text: 'ja #1' },
  { at: '2026-03-02T09:02:00+01:00', chat: 'noord', from: 'carla', id: 'm3', text: 'ja #1' },
  { at: '2026-03-02T09:03:00+01:00', chat: 'noord', from: 'dirk', id: 'm4', text: 'ja #1' },
  {
    at: '2026-03-02T10:00:00+01:00',
    chat: 'prive-nina',
    from: 'nina',
    id: 'p1',
    text: '/export alle vorige',
    private: true,
  },
  {
    at: '2026-03-02T10:01:00+01:00',
    chat: 'prive-vreemd',
    from: 'vreemd',
    id: 'p2',
    text: '/teams',
    private: true,
  },
];

describe('mmb replay with private chats', () => {
  it('reads "private": true and advisers in --config, and names the files of a reply', async () => {
    const conversation = write('prive.jsonl', lines.map((l) => JSON.stringify(l)).join('\n'));
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
