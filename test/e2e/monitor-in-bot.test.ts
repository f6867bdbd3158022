import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { ask } from '../web/web-fixture.ts';
import { sourcesEnv } from '../support/mmb-process.ts';

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

describe('the monitor inside the bot', () => {
  it('serves on MMB_WEB_PORT, and the console chat\'s "@naam: /web" signs the administrator in', async () => {
    const dir = tempDir('mmb-web-bot-');
    const port = await freePort();
    const child = spawn(process.execPath, [resolve('bin/mmb.js'), 'start'], {
      cwd: dir, // no .env, no data/teams.json: the demo team
      env: {
        PATH: process.env.PATH,
        ...sourcesEnv(),
        MMB_CONSOLE: 'on',
        MMB_DB: join(dir, 'data', 'mmb.sqlite'),
        MMB_WEB_PORT: String(port),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const link = new Promise<string>((found, failed) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /http:\/\/localhost:\d+(\/inloggen\/\S+)/.exec(stdout);
        if (match) found(match[1]!);
      });
      void exited.then(() => failed(new Error(`the bot stopped: ${stdout}`)));
    });
    child.stdin.write('@beheerder: /web\n');
    try {
      const path = await link;
      expect(stdout).toContain(`http://localhost:${port}/inloggen/`);
      const signedIn = await ask(port, path, { method: 'POST' });
      expect(signedIn.status).toBe(200);
      const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
      const home = await ask(port, '/', { cookie });
      expect(home.status).toBe(200);
      expect(home.body).toContain('Ingelogd als beheerder van de bot');
    } finally {
      child.stdin.end();
    }
    expect(await exited).toBe(0);
  }, 120_000);
});
