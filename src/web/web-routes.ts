import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { Overview } from '../overview/overview.ts';
import { overviewFor, type OverviewRequest } from '../overview/overview-store.ts';
import { cycleAt } from '../overview/overview-slots.ts';
import { overviewsToCsv } from '../overview/export-csv.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';
import { localDateOf, startOfLocalDate } from '../text/time.ts';
import { roundsOf, teamsNow, yearOf, yearRequest } from './web-figures.ts';
import { homePage, messagePage, publicPage, teamPage, type DownloadChoices } from './web-pages.ts';
import { RateLimit } from './web-rate-limit.ts';
import { sessionHolds, useSignInLink, type LinkRefusal } from './web-sign-in.ts';
import { SESSION_MS, type SessionStore } from './web-session-store.ts';
import { webTeams, type WebRoles } from './web-roles.ts';
import type { OverviewCache, OverviewOf } from './web-cache.ts';
import { FAVICON_SVG, MONITOR_CSS, PRINT_CSS } from './web-styles.ts';

/** A request as the routes see it: no Node types, so the routes are plain functions. */
export interface WebRequest {
  method: string;
  /** The path and query, e.g. `/team/noord?ronde=3`. */
  url: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The caller's address, for the sign-in rate limit. */
  address: string;
}

/** What to send back. */
export interface WebResponse {
  status: number;
  type: string;
  body: string | Uint8Array;
  headers?: Record<string, string | string[]>;
  /** For the log line: which route answered (never the path itself: it may hold a link). */
  route: string;
}

/** What the routes work with. */
export interface RouteContext {
  /** The bot's database, read-only, and a read transaction around one request's reads. */
  sql: Statements;
  read: <T>(work: () => T) => T;
  sessions: SessionStore;
  teams: (sql: Statements) => Team[];
  roles: WebRoles;
  clock: Clock;
  /** Cookies get `Secure` when the public address is https. */
  secure: boolean;
  publicPage: boolean;
  signInLimit: RateLimit;
  logger: Logger;
  /** The overviews the pages show, kept until the bot writes (see OverviewCache). */
  overviews: OverviewCache;
  /** The export's PDF (src/overview/export-pdf.ts, loaded by the server: pdfkit only when serving). */
  pdf: (overviews: Overview[]) => Uint8Array;
}

/** The session cookie's name. */
export const COOKIE = 'mmb_sessie';

const HTML = 'text/html; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const htmlPage = (
  status: number,
  body: string,
  route: string,
  headers?: WebResponse['headers'],
): WebResponse => ({
  status,
  type: HTML,
  body,
  route,
  ...(headers ? { headers } : {}),
});

/** The page for every unknown path (and every path someone may not see: it says nothing more). */
export const notFound = (): WebResponse =>
  htmlPage(
    404,
    messagePage('Deze pagina bestaat niet', [
      'Het adres klopt niet, of deze pagina is niet voor jou. <a href="/">Naar het overzicht</a>.',
    ]),
    'not-found',
  );

/** The page for an error of the monitor itself: friendly, without any detail of what went wrong. */
export const serverError = (): WebResponse =>
  htmlPage(
    500,
    messagePage('Er ging iets mis', [
      'De monitor kon deze pagina nu niet maken. Probeer het over een paar minuten nog eens.',
      'Blijft het gebeuren? Vraag de beheerder van de bot om te kijken.',
    ]),
    'error',
  );

const SIGN_IN_HOW = [
  'Typ <b>/web</b> in je privégesprek met de bot. Je krijgt dan een link die je hier inlogt.',
  'De monitor is voor communicatieadviseurs en coördinatoren van het Mini-Maatwerk Budget.',
];

const REFUSED: Record<LinkRefusal, string> = {
  unknown: 'Deze link klopt niet. Kopieer hem precies, of vraag een nieuwe.',
  expired: 'Deze link is verlopen: een link werkt 10 minuten.',
  used: 'Deze link is al gebruikt: een link werkt maar één keer.',
  'signed-out': "Deze link is gemaakt vóór je '/web uit' typte en werkt niet meer.",
};

/** Reads one cookie from the Cookie header. */
function cookieOf(request: WebRequest, name: string): string | null {
  const header = request.headers.cookie;
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of text.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

const header = (request: WebRequest, name: string): string => {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

/** The signed-in person, their teams and role, or null (an ended session is removed on the way). */
function signedIn(
  request: WebRequest,
  ctx: RouteContext,
): { memberId: string; teams: Team[]; who: string } | null {
  const cookie = cookieOf(request, COOKIE);
  if (!cookie || !/^[A-Za-z0-9_-]{43}$/.test(cookie)) return null;
  const session = ctx.sessions.find(cookie, ctx.clock.now());
  if (!session) return null;
  const { teams, role } = webTeams(ctx.sql, session.memberId, ctx.roles, ctx.teams(ctx.sql));
  if (teams.length === 0 || !sessionHolds(ctx.sql, session.memberId, session.linkCreatedAt)) {
    ctx.sessions.end(cookie);
    return null;
  }
  return { memberId: session.memberId, teams, who: `Ingelogd als ${role}` };
}

/** The Set-Cookie header of a new session, or of its end. */
function sessionCookie(ctx: RouteContext, value: string | null): string {
  const base = `${COOKIE}=${value ?? ''}; Path=/; HttpOnly; SameSite=Strict${ctx.secure ? '; Secure' : ''}`;
  return value === null ? `${base}; Max-Age=0` : `${base}; Max-Age=${SESSION_MS / 1000}`;
}

/** What the download forms offer for these teams. */
function downloadChoices(sql: Statements, teams: readonly Team[], now: Date): DownloadChoices {
  let rounds = 0;
  let first = yearOf(now);
  for (const team of teams) {
    rounds = Math.max(rounds, cycleAt(team.settings, now)?.number ?? 0);
    first = Math.min(first, Number(team.settings.startDate.slice(0, 4)));
  }
  void sql;
  const years: number[] = [];
  for (let y = first; y <= yearOf(now); y++) years.push(y);
  return {
    rounds: Array.from({ length: rounds }, (_, i) => i + 1),
    years,
    today: localDateOf(now),
  };
}

/** The files the pages link to, by path: what they are, and how long a browser may keep them. */
const ASSETS: ReadonlyMap<
  string,
  { type: string; body: string; route: string; maxAgeSeconds: number }
> = new Map([
  ['/monitor.css', { type: CSS, body: MONITOR_CSS, route: 'css', maxAgeSeconds: 3600 }],
  ['/print.css', { type: CSS, body: PRINT_CSS, route: 'css', maxAgeSeconds: 3600 }],
  [
    '/favicon.svg',
    { type: 'image/svg+xml', body: FAVICON_SVG, route: 'icon', maxAgeSeconds: 86400 },
  ],
]);

/**
 * Answers one request. Every path not listed here is a 404, also for a wrong method.
 *
 * @example
 * route({ method: 'GET', url: '/monitor.css', headers: {}, address: '::1' }, ctx).status // 200
 */
export function route(request: WebRequest, ctx: RouteContext): WebResponse {
  const url = new URL(request.url, 'http://monitor.invalid');
  const path = url.pathname;
  const { method } = request;
  const asset = method === 'GET' ? ASSETS.get(path) : undefined;
  if (asset) {
    return {
      status: 200,
      type: asset.type,
      body: asset.body,
      route: asset.route,
      headers: { 'Cache-Control': `public, max-age=${asset.maxAgeSeconds}` },
    };
  }

  const signIn = /^\/inloggen\/([^/]+)$/.exec(path);
  if (signIn && (method === 'GET' || method === 'POST'))
    return ctx.read(() => useLink(request, ctx, signIn[1]!));

  if (method === 'POST' && path === '/uitloggen') {
    const cookie = cookieOf(request, COOKIE);
    if (cookie) ctx.sessions.end(cookie);
    return {
      status: 303,
      type: HTML,
      body: '',
      route: 'sign-out',
      headers: { Location: '/', 'Set-Cookie': sessionCookie(ctx, null) },
    };
  }
  if (method !== 'GET') return notFound();

  return ctx.read(() => {
    const person = signedIn(request, ctx);
    const now = ctx.clock.now();
    if (path === '/') {
      if (person) return htmlPage(200, home(ctx, person, now), 'home');
      if (ctx.publicPage) return htmlPage(200, publicView(ctx, now), 'public');
      return htmlPage(200, messagePage('Inloggen bij de monitor', SIGN_IN_HOW), 'sign-in-how');
    }
    if (path === '/publiek' && ctx.publicPage) return htmlPage(200, publicView(ctx, now), 'public');
    const teamPath = /^\/team\/([^/]+)$/.exec(path);
    if (teamPath && person) {
      const id = decodeURIComponent(teamPath[1]!);
      const team = person.teams.find((t) => t.id === id);
      if (!team) return notFound();
      return htmlPage(
        200,
        teamView(ctx, person.who, person.teams, team, url.searchParams.get('ronde'), now),
        'team',
      );
    }
    if (path === '/download' && person) return download(ctx, person.teams, url.searchParams, now);
    return notFound();
  });
}

/** GET or POST /inloggen/<token>: the one-time link. */
function useLink(request: WebRequest, ctx: RouteContext, token: string): WebResponse {
  const now = ctx.clock.now();
  if (!ctx.signInLimit.allow(request.address, now)) {
    return htmlPage(
      429,
      messagePage('Even wachten', [
        'Er is vanaf dit adres te vaak geprobeerd in te loggen. Probeer het over tien minuten nog eens.',
      ]),
      'sign-in-limited',
      { 'Retry-After': '600' },
    );
  }
  // A person's browser opening the link says so (Sec-Fetch-Mode: navigate, Sec-Fetch-Dest:
  // document): then one click signs in. A link preview (a chat app fetching the page to show a
  // card) does not: it gets a page with a button, and the link stays unused for the person.
  const browser =
    header(request, 'sec-fetch-mode') === 'navigate' &&
    header(request, 'sec-fetch-dest') === 'document';
  if (request.method === 'GET' && !browser) {
    return htmlPage(
      200,
      messagePage(
        'Inloggen bij de monitor',
        ['Je opent de monitor met de link uit je privégesprek met de bot.'],
        {
          post: `/inloggen/${encodeURIComponent(token)}`,
          label: 'Open de monitor',
        },
      ),
      'sign-in-confirm',
    );
  }
  const used = useSignInLink(ctx.sql, ctx.sessions, token, now);
  if ('refusal' in used) {
    return htmlPage(
      403,
      messagePage('Deze link werkt niet', [REFUSED[used.refusal], SIGN_IN_HOW[0]!]),
      'sign-in-refused',
    );
  }
  const { teams } = webTeams(ctx.sql, used.memberId, ctx.roles, ctx.teams(ctx.sql));
  if (teams.length === 0) {
    return htmlPage(
      403,
      messagePage('Deze link werkt niet', [
        'Je hebt geen rol meer bij een team, dus er is niets voor je te zien.',
      ]),
      'sign-in-refused',
    );
  }
  const cookie = ctx.sessions.open(used.memberId, used.linkCreatedAt, now);
  ctx.logger.info('monitor: signed in'); // who and which link: never in a log line
  // A page that moves on to the first screen by itself, not a redirect: a link clicked in a chat
  // on the web (another site) would carry a redirect's next request cross-site, without the
  // SameSite=Strict cookie; this page's own move is same-site, so the cookie goes along.
  return htmlPage(
    200,
    messagePage('Je bent ingelogd', ['<a href="/">Naar de monitor</a>'], undefined, '/'),
    'sign-in',
    { 'Set-Cookie': sessionCookie(ctx, cookie) },
  );
}

function home(ctx: RouteContext, person: { teams: Team[]; who: string }, now: Date): string {
  const overviewOf: OverviewOf = ctx.overviews.forRequest(ctx.sql, now);
  return homePage({
    who: person.who,
    year: yearOf(now),
    now: teamsNow(overviewOf, person.teams, now),
    rounds: person.teams.flatMap((team) =>
      roundsOf(overviewOf, team, now).filter(
        (o) =>
          yearOf(new Date(o.from)) === yearOf(now) ||
          yearOf(new Date(Date.parse(o.to) - 1)) === yearOf(now),
      ),
    ),
    downloads: downloadChoices(ctx.sql, person.teams, now),
  });
}

function teamView(
  ctx: RouteContext,
  who: string,
  teams: readonly Team[],
  team: Team,
  asked: string | null,
  now: Date,
): string {
  const overviewOf = ctx.overviews.forRequest(ctx.sql, now);
  const rounds = roundsOf(overviewOf, team, now);
  const running = rounds.at(-1) ?? null;
  // As /export without a choice: the last finished round, or in the first round the running one.
  const wanted = asked && /^\d{1,4}$/.test(asked) ? Number(asked) : null;
  const shown =
    rounds.find((o) => o.cycle === wanted) ?? (rounds.length > 1 ? rounds.at(-2)! : running);
  const current = overviewOf(team, { kind: 'current' });
  return teamPage({
    who,
    team,
    year: yearOf(now),
    yearOverview: overviewOf(team, yearRequest(yearOf(now))),
    rounds,
    shown,
    nearCap: current?.nearCap.length ?? 0,
    downloads: downloadChoices(ctx.sql, teams, now),
  });
}

function publicView(ctx: RouteContext, now: Date): string {
  return publicPage(
    ctx.teams(ctx.sql).map((team) => ({
      team,
      rounds: roundsOf(ctx.overviews.forRequest(ctx.sql, now), team, now),
    })),
  );
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (day: string) =>
  ISO_DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

/**
 * GET /download: the same CSV or PDF as `/export` for a round, a year or a range, of one team or
 * all of the person's teams (totals first), without household codes. A choice that cannot be read
 * gets a short page that says what to choose.
 */
function download(
  ctx: RouteContext,
  teams: readonly Team[],
  query: URLSearchParams,
  now: Date,
): WebResponse {
  const which = query.get('team') ?? 'alle';
  const chosen = which === 'alle' ? teams : teams.filter((t) => t.id === which);
  if (chosen.length === 0) return notFound();
  const format = query.get('formaat') === 'pdf' ? 'pdf' : 'csv';
  const kind = query.get('soort');
  let request: OverviewRequest;
  let byRound = false;
  const wrong = (line: string) =>
    htmlPage(
      400,
      messagePage('Die keuze kan niet', [line, '<a href="/">Terug naar het overzicht</a>.']),
      'download-wrong',
    );
  if (kind === 'ronde' && /^\d{1,4}$/.test(query.get('ronde') ?? '')) {
    request = { kind: 'cycle', cycle: Number(query.get('ronde')) };
    byRound = true;
  } else if (kind === 'jaar' && /^20\d\d$/.test(query.get('jaar') ?? '')) {
    request = yearRequest(Number(query.get('jaar')));
  } else if (kind === 'periode') {
    const from = query.get('van') ?? '';
    const to = query.get('tot') ?? '';
    if (!realDay(from) || !realDay(to) || to < from)
      return wrong('Kies twee dagen, de tweede niet vóór de eerste.');
    const after = localDateOf(new Date(startOfLocalDate(to).getTime() + 36 * 3_600_000));
    request = { kind: 'range', from: startOfLocalDate(from), to: startOfLocalDate(after) };
  } else {
    return wrong('Kies een ronde, een jaar of een periode.');
  }
  const overviews: Overview[] = [];
  for (const team of chosen) {
    const overview = overviewFor(ctx.sql, team, request, now);
    if (overview) overviews.push(overview);
  }
  if (overviews.length === 0) return wrong('Dat overzicht is er (nog) niet.');
  const one = overviews.length === 1 ? overviews[0]! : null;
  const from = new Date(Math.min(...overviews.map((o) => Date.parse(o.from))));
  const last = new Date(Math.max(...overviews.map((o) => Date.parse(o.to))) - 1);
  const what =
    one?.cycle && byRound ? `ronde-${one.cycle}` : `${localDateOf(from)}-${localDateOf(last)}`;
  const base = `mmb-${one ? one.teamId : 'alle-teams'}-${what}`;
  const body =
    format === 'csv' ? overviewsToCsv(overviews, { households: false }) : ctx.pdf(overviews);
  return {
    status: 200,
    type: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf',
    body,
    route: 'download',
    headers: { 'Content-Disposition': `attachment; filename="${base}.${format}"` },
  };
}
