import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jsonLines, said, saidPrivately } from '../support/replay-lines.ts';
import { tempDir } from '../support/temp-dir.ts';
import { ask } from '../web/web-fixture.ts';

const run = promisify(execFile);

const config = {
  admins: ['admin'],
  advisers: ['nina'],
  teams: [{ id: 'noord', name: 'Team Noord', chats: ['noord'], startDate: '2026-01-05' }],
};
const lines = [
  said('2026-03-02T09:00:00+01:00', 'noord', 'anna', 'm1', 'fiets €40 hh 3'),
  saidPrivately('2026-03-02T10:00:00+01:00', 'prive-nina', 'nina', 'p1', '/web'),
  saidPrivately('2026-03-02T10:01:00+01:00', 'prive-anna', 'anna', 'p2', '/web'),
];

/** A conversation and its configuration in files; replays it into a database file. */
async function replayed(env: NodeJS.ProcessEnv = {}) {
  const dir = tempDir('mmb-web-cli-');
  const conversation = join(dir, 'gesprek.jsonl');
  const teams = join(dir, 'teams.json');
  const db = join(dir, 'mmb.sqlite');
  writeFileSync(conversation, jsonLines(lines));
  writeFileSync(teams, JSON.stringify(config));
  const { stdout } = await run(
    'node',
    ['bin/mmb.js', 'replay', conversation, '--config', teams, '--db', db, '--json'],
    { env: { ...process.env, MMB_PUBLIC_URL: '', MMB_WEB_PORT: '', ...env } },
  );
  const replies = JSON.parse(stdout).replies as { chat: string; text: string }[];
  return { dir, teams, db, replies };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('mmb replay and mmb web', () => {
  it('answers /web in a replayed private chat with a link under MMB_PUBLIC_URL, a member with one line', async () => {
    const { replies } = await replayed({ MMB_PUBLIC_URL: 'https://mmb.hengelo.nl/' });
    const nina = replies.find((r) => r.chat === 'prive-nina')!.text;
    expect(nina).toMatch(
      /^🔗 Jouw link naar de monitor: https:\/\/mmb\.hengelo\.nl\/inloggen\/[\w-]{11}\.[\w-]{43}\n/,
    );
    expect(replies.find((r) => r.chat === 'prive-anna')!.text).toBe(
      'Ik werk alleen in de teamgroepen van het Mini-Maatwerk Budget. Stel je vraag in je teamgroep.',
    );
    const off = await replayed();
    expect(off.replies.find((r) => r.chat === 'prive-nina')!.text).toContain(
      'staat bij deze bot niet aan',
    );
  });

  it('serves the monitor as its own process on --port, reading the database without changing it', async () => {
    const { db, teams } = await replayed({ MMB_WEB_PORT: '8080' });
    const before = readFileSync(db);
    const port = await freePort();
    const child = spawn('node', ['bin/mmb.js', 'web', '--port', String(port)], {
      env: {
        ...process.env,
        MMB_DB: db,
        MMB_CONFIG: teams,
        MMB_WEB_PORT: '1',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('de monitor staat op')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`mmb web stopped (${code}): ${stderr}`)));
    });
    try {
      expect(stderr).toContain(`de monitor staat op http://localhost:${port}`);
      expect((await ask(port, '/monitor.css')).status).toBe(200);
      expect((await ask(port, '/')).body).toContain('Typ <b>/web</b> in je privégesprek');
      expect((await ask(port, '/wp-admin')).status).toBe(404);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(join(db, '..', 'mmb.web-sessions.sqlite'))).toBe(true);
  });

  it('refuses a port that is not one', async () => {
    const result = await run('node', ['bin/mmb.js', 'web', '--port', 'tachtig'], {
      env: { ...process.env, MMB_DB: '/nonexistent/mmb.sqlite' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr).toContain('--port "tachtig" is geen poort.');
  });
});
