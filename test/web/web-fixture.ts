import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { openDatabase } from '../../src/store/database.ts';
import { startMonitor, type Monitor, type MonitorOptions } from '../../src/web/web-server.ts';
import { sessionsFileFor } from '../../src/web/web-session-store.ts';
import { teamsAsConfigured } from '../../src/store/configured-teams.ts';
import { Harness } from '../support/harness.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Two teams, a municipality-wide adviser (nina), a coordinator each (coco, zoe). */
export const WEB_CONFIG = {
  admins: ['admin'],
  advisers: ['nina'],
  teams: [
    {
      id: 'noord',
      name: 'Team Noord',
      chats: ['noord'],
      coordinators: ['coco'],
      startDate: '2026-01-05',
    },
    {
      id: 'zuid',
      name: 'Team Zuid',
      chats: ['zuid'],
      coordinators: ['zoe'],
      startDate: '2026-01-05',
    },
  ],
};

const WHAT = [
  'grofvuil',
  'pinpas leefgeld',
  'buskaart',
  'huurachterstand',
  'energierekening',
  'schoolreis',
];

/**
 * A bot's database file with three rounds of both teams (grants in several categories, an expired
 * and a cancelled request, a correction, prevented costs, a household near its cap), written
 * through the engine; the clock stands in round 3.
 */
export function monitorBot(dir?: string): { h: Harness; file: string } {
  const file = join(dir ?? tempDir('mmb-web-'), 'mmb.sqlite');
  const h = new Harness(WEB_CONFIG, '2026-01-05T10:00:00+01:00', {
    db: openDatabase(file),
    webBaseUrl: 'http://localhost:8080',
  });
  let week = 0;
  for (const at of [
    '2026-01-06',
    '2026-01-20',
    '2026-02-03',
    '2026-02-24',
    '2026-03-10',
    '2026-03-31',
    '2026-04-01',
  ]) {
    h.at(`${at}T10:00:00+01:00`);
    week += 1;
    for (const [t, chat] of [
      [0, 'noord'],
      [1, 'zuid'],
    ] as const) {
      const n = week + t;
      const what = WHAT[(n * 3 + t) % WHAT.length]!;
      const euros = 20 + ((n * 37) % 90);
      const prevented = n % 2 === 0 ? ` voorkomt €${euros * 4}` : '';
      h.say(`${chat}-a`, `${what} €${euros},50 hh ${chat === 'noord' ? 7 : 3}${prevented}`, {
        chat,
      });
      for (const who of ['b', 'c', 'd']) h.say(`${chat}-${who}`, 'ja', { chat });
    }
  }
  // Household 7 of Noord near its cap (€ 450 of € 500).
  h.say('noord-a', 'huurachterstand €200 hh 7', { chat: 'noord' });
  for (const who of ['b', 'c', 'd']) h.say(`noord-${who}`, 'ja', { chat: 'noord' });
  // One expires, one is cancelled, a correction.
  h.say('zuid-a', 'matras €60 hh 9', { chat: 'zuid' });
  h.advance(25 * 60);
  h.say('noord-a', 'fiets €45 hh 2', { chat: 'noord' });
  h.say('noord-a', '/annuleer 10', { chat: 'noord' });
  h.say('coco', '/correctie 2 20', { chat: 'noord' });
  h.at('2026-04-02T14:00:00+02:00');
  h.texts();
  return { h, file };
}

/** A message in the private chat of `from` with the bot; returns the bot's answer. */
export function privately(h: Harness, from: string, text: string): string {
  h.handle({
    kind: 'message',
    private: true,
    chatId: `prive:${from}`,
    senderId: from,
    messageId: `${from}-${text}-${h.clock.now().getTime()}-${Math.random()}`,
    at: h.clock.now(),
    text,
  });
  return h.texts().join('\n');
}

/** `/web` for `from`: the link's path (`/inloggen/…`) out of the bot's answer, or null. */
export function signInPath(h: Harness, from: string): string | null {
  const answer = privately(h, from, '/web');
  return /http:\/\/localhost:8080(\/inloggen\/\S+)/.exec(answer)?.[1] ?? null;
}

/** The monitor on any free port, reading the bot's file read-only, on the harness's clock. */
export async function monitorOn(
  file: string,
  h: Harness,
  options: Partial<
    Pick<MonitorOptions, 'publicPage' | 'signInLimit' | 'publicUrl' | 'logger' | 'teams'>
  > = {},
): Promise<Monitor> {
  const config = BotConfigSchema.parse(WEB_CONFIG);
  return startMonitor(
    {
      databasePath: file,
      sessionsPath: sessionsFileFor(file),
      teams: (sql) => teamsAsConfigured(sql, config),
      roles: { admins: new Set(config.admins), advisers: new Set(config.advisers) },
      clock: h.clock,
      logger: silentLogger,
      publicUrl: 'http://localhost:8080',
      ...options,
    },
    0,
    '127.0.0.1',
  );
}

/** An answer as the tests read it. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One HTTP request to the monitor (node:http: fetch may not send the `Sec-Fetch-*` headers a
 * browser sends). `browser: true` sends them as a person's browser opening a link does.
 */
export function ask(
  port: number,
  path: string,
  options: { method?: string; cookie?: string; browser?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.browser
            ? { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }
            : {}),
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** Signs `member` in through a fresh `/web` link; returns the session cookie (`mmb_sessie=…`). */
export async function signIn(h: Harness, port: number, member: string): Promise<string> {
  const path = signInPath(h, member);
  if (!path) throw new Error(`no link for ${member}`);
  const answer = await ask(port, path, { browser: true });
  const cookie = [answer.headers['set-cookie'] ?? []].flat()[0];
  if (answer.status !== 200 || !cookie)
    throw new Error(`not signed in: ${answer.status} ${/<p>(.*?)<\/p>/.exec(answer.body)?.[1]}`);
  return cookie.split(';')[0]!;
}
