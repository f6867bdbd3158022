import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRANGER_LINE } from '../../commands/private-chat.ts';
import type { Monitor } from '../../src/web/web-server.ts';
import { Harness } from '../support/harness.ts';
import {
  ask,
  monitorBot,
  monitorOn,
  privately,
  signIn,
  signInPath,
  WEB_CONFIG,
} from './web-fixture.ts';

let h: Harness;
let file: string;
let monitor: Monitor;
const log: string[] = [];

beforeAll(async () => {
  ({ h, file } = monitorBot());
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write(chunk, _encoding, done) {
        log.push(String(chunk));
        done();
      },
    }),
  );
  monitor = await monitorOn(file, h, { logger, signInLimit: 10_000 });
});

afterAll(async () => {
  await monitor?.close();
});

const SIGN_IN_PAGE = 'Inloggen bij de monitor';

describe('signing in to the monitor', () => {
  it('gives advisers and coordinators a one-time link; members and strangers the usual one line', () => {
    expect(signInPath(h, 'nina')).toMatch(/^\/inloggen\/[\w-]{11}\.[\w-]{43}$/);
    expect(privately(h, 'coco', '/web')).toMatch(
      /^🔗 Jouw link naar de monitor: http:\/\/localhost:8080\/inloggen\/\S+\nDe link werkt één keer en 10 minuten\./,
    );
    expect(privately(h, 'noord-b', '/web')).toBe(STRANGER_LINE);
    expect(privately(h, 'onbekend', '/web')).toBe(STRANGER_LINE);
    const secrets = h.engine.sql.all<{ secret_hash: Buffer }>('SELECT secret_hash FROM web_links');
    expect(secrets.every((row) => row.secret_hash.length === 32)).toBe(true);
  });

  it('says the monitor is off when the bot has no web address', () => {
    const off = new Harness(WEB_CONFIG, '2026-03-02T09:00:00+01:00');
    expect(privately(off, 'nina', '/web')).toBe(
      'De monitor (de webpagina met de cijfers) staat bij deze bot niet aan. Vraag de beheerder van de bot om hem aan te zetten.',
    );
    expect(off.engine.sql.number('SELECT count(*) FROM web_links')).toBe(0);
  });

  it('opens an 8-hour HttpOnly, SameSite=Strict session from a browser in one click', async () => {
    const path = signInPath(h, 'nina')!;
    const answer = await ask(monitor.port, path, { browser: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<meta http-equiv="refresh" content="0; url=/">');
    expect(answer.headers['set-cookie']).toEqual([
      expect.stringMatching(
        /^mmb_sessie=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/,
      ),
    ]);
    const cookie = String(answer.headers['set-cookie']![0]).split(';')[0]!;
    const home = await ask(monitor.port, '/', { cookie });
    expect(home.body).toContain('Alle 2 teams in 2026');
    // Log lines say what happened, never the link or the cookie.
    const all = log.join('');
    expect(all).toContain('monitor: signed in');
    expect(all).not.toContain(path.split('/').at(-1)!.split('.')[1]!);
    expect(all).not.toContain(cookie.split('=')[1]!);
    expect(all).not.toContain('/inloggen');
  });

  it('marks the cookie Secure behind https', async () => {
    const secure = await monitorOn(file, h, { publicUrl: 'https://mmb.hengelo.nl' });
    try {
      const answer = await ask(secure.port, signInPath(h, 'nina')!, { method: 'POST' });
      expect(String(answer.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Secure; /);
    } finally {
      await secure.close();
    }
  });

  it('lets a link preview look without using the link', async () => {
    const path = signInPath(h, 'nina')!;
    const preview = await ask(monitor.port, path);
    expect(preview.status).toBe(200);
    expect(preview.body).toContain('Open de monitor');
    expect(preview.headers['set-cookie']).toBeUndefined();
    expect((await ask(monitor.port, path, { method: 'POST' })).body).toContain('Je bent ingelogd');
  });

  it('refuses a used, an expired, a forged and a mixed-up link, each with its reason', async () => {
    const used = signInPath(h, 'nina')!;
    expect((await ask(monitor.port, used, { browser: true })).body).toContain('Je bent ingelogd');
    const again = await ask(monitor.port, used, { browser: true });
    expect(again.status).toBe(403);
    expect(again.body).toContain('Deze link is al gebruikt');
    expect(again.headers['set-cookie']).toBeUndefined();

    const forged = await ask(monitor.port, `/inloggen/${'A'.repeat(11)}.${'B'.repeat(43)}`, {
      method: 'POST',
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('Deze link klopt niet');
    const nonsense = await ask(monitor.port, '/inloggen/%3Cscript%3E', { method: 'POST' });
    expect(nonsense.status).toBe(403);
    expect(nonsense.body).not.toContain('<script>');

    // Someone else's link: nina's id with coco's secret (and the other way round) opens nothing.
    const ninas = signInPath(h, 'nina')!.split('/').at(-1)!.split('.');
    const cocos = signInPath(h, 'coco')!.split('/').at(-1)!.split('.');
    for (const mixed of [`${ninas[0]}.${cocos[1]}`, `${cocos[0]}.${ninas[1]}`]) {
      const answer = await ask(monitor.port, `/inloggen/${mixed}`, { method: 'POST' });
      expect(answer.status).toBe(403);
      expect(answer.body).toContain('Deze link klopt niet');
    }
    // Coco's own link signs in coco: only Team Noord.
    const coco = await ask(monitor.port, `/inloggen/${cocos.join('.')}`, { method: 'POST' });
    const home = await ask(monitor.port, '/', {
      cookie: String(coco.headers['set-cookie']).split(';')[0]!,
    });
    expect(home.body).toContain('Team Noord in 2026');
    expect(home.body).not.toContain('Team Zuid');

    const late = signInPath(h, 'nina')!;
    h.advance(10);
    const expired = await ask(monitor.port, late, { browser: true });
    expect(expired.status).toBe(403);
    expect(expired.body).toContain('Deze link is verlopen');
  });

  it("ends every session of a person at the next request after '/web uit'", async () => {
    const phone = await signIn(h, monitor.port, 'nina');
    const desk = await signIn(h, monitor.port, 'nina');
    const waiting = signInPath(h, 'nina')!;
    const coco = await signIn(h, monitor.port, 'coco');
    expect((await ask(monitor.port, '/', { cookie: phone })).body).toContain('Alle 2 teams');
    h.advance(1);
    expect(privately(h, 'nina', '/web uit')).toBe(
      'Je bent uitgelogd op de monitor, op elk apparaat. Typ /web voor een nieuwe link.',
    );
    for (const cookie of [phone, desk]) {
      const answer = await ask(monitor.port, '/', { cookie });
      expect(answer.body).toContain(SIGN_IN_PAGE);
      expect((await ask(monitor.port, '/team/noord', { cookie })).status).toBe(404);
    }
    expect((await ask(monitor.port, waiting, { browser: true })).status).toBe(403);
    expect((await ask(monitor.port, '/', { cookie: coco })).body).toContain('Team Noord in 2026');
    // A new link works again.
    const back = await signIn(h, monitor.port, 'nina');
    expect((await ask(monitor.port, '/', { cookie: back })).body).toContain('Alle 2 teams');
  });

  it('ends the session of someone whose role was taken away', async () => {
    const zoe = await signIn(h, monitor.port, 'zoe');
    const unused = signInPath(h, 'zoe')!;
    expect((await ask(monitor.port, '/team/zuid', { cookie: zoe })).status).toBe(200);
    h.say('admin', '/coordinator weg zoe', { chat: 'zuid' });
    expect(h.texts().join('\n')).toContain('geen coördinator meer');
    expect((await ask(monitor.port, '/', { cookie: zoe })).body).toContain(SIGN_IN_PAGE);
    expect((await ask(monitor.port, '/team/zuid', { cookie: zoe })).status).toBe(404);
    // A link made before signs nobody in now, and no new one comes.
    const refused = await ask(monitor.port, unused, { browser: true });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('geen rol meer');
    expect(privately(h, 'zoe', '/web')).toBe('');
  });
});

describe('the monitor as a web server', () => {
  it('sends the security headers with every answer', async () => {
    const cookie = await signIn(h, monitor.port, 'nina');
    for (const [path, status] of [
      ['/', 200],
      ['/team/noord', 200],
      ['/monitor.css', 200],
      ['/bestaat-niet', 404],
    ] as const) {
      const answer = await ask(monitor.port, path, { cookie });
      expect(answer.status).toBe(status);
      expect(answer.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(answer.headers['x-frame-options']).toBe('DENY');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    const page = (await ask(monitor.port, '/', { cookie })).body;
    expect(page).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
  });

  it('answers 404 to every unknown path and method, signed in or not', async () => {
    const cookie = await signIn(h, monitor.port, 'nina');
    for (const [method, path] of [
      ['GET', '/admin'],
      ['GET', '/team/bestaat-niet'],
      ['GET', '/monitor.css/'],
      ['POST', '/'],
      ['PUT', '/monitor.css'],
      ['DELETE', '/team/noord'],
      ['GET', '/../data/mmb.sqlite'],
    ] as const) {
      const answer = await ask(monitor.port, path, { method, cookie });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body).toContain('Deze pagina bestaat niet');
    }
    expect((await ask(monitor.port, '/team/noord')).status).toBe(404);
    expect((await ask(monitor.port, '/download?team=alle&soort=jaar&jaar=2026')).status).toBe(404);
  });

  it('shows an error as a friendly Dutch page without any detail', async () => {
    const broken = await monitorOn(file, h, {
      publicPage: true,
      teams: () => {
        throw new TypeError('kapot: geheime details');
      },
    });
    try {
      const answer = await ask(broken.port, '/');
      expect(answer.status).toBe(500);
      expect(answer.body).toContain('Er ging iets mis');
      expect(answer.body).not.toMatch(/kapot|TypeError|\bat\s+\S+\.ts/);
    } finally {
      await broken.close();
    }
  });

  it('limits sign-in attempts per address', async () => {
    const strict = await monitorOn(file, h, { signInLimit: 3 });
    try {
      for (let i = 0; i < 3; i++)
        expect((await ask(strict.port, `/inloggen/x${i}`, { method: 'POST' })).status).toBe(403);
      const limited = await ask(strict.port, signInPath(h, 'nina')!, { method: 'POST' });
      expect(limited.status).toBe(429);
      expect(limited.body).toContain('te vaak geprobeerd');
    } finally {
      await strict.close();
    }
  });

  it('shows only totals per team and round on the public page, when it is on', async () => {
    expect((await ask(monitor.port, '/publiek')).status).toBe(404);
    const open = await monitorOn(file, h, { publicPage: true });
    try {
      const page = (await ask(open.port, '/')).body;
      expect(page).toContain('Team Noord');
      expect(page).toContain('Ronde 3');
      expect(page).not.toMatch(/grofvuil|pinpas|huurachterstand|energierekening|Uitloggen/);
      expect((await ask(open.port, '/team/noord')).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});
