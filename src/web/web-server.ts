import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';
import { RateLimit } from './web-rate-limit.ts';
import { OverviewCache } from './web-cache.ts';
import {
  route,
  serverError,
  type RouteContext,
  type WebRequest,
  type WebResponse,
} from './web-routes.ts';
import { SessionStore } from './web-session-store.ts';
import type { WebRoles } from './web-roles.ts';

/**
 * The headers of every answer: a strict Content-Security-Policy (only this server's own
 * stylesheets and icon; no script at all, no inline style, no frames, forms only to itself), no
 * framing, no referrer (a sign-in link never leaks to another site), no sniffing, no caching of
 * pages that hold figures.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export interface MonitorOptions {
  /** The bot's database file: opened read-only. */
  databasePath: string;
  /** The monitor's own sessions file (see SessionStore): `sessionsFileFor(databasePath)`. */
  sessionsPath: string;
  /** The teams as the bot knows them (the configuration's names and rules over the database's). */
  teams: (sql: Statements) => Team[];
  roles: WebRoles;
  clock: Clock;
  logger: Logger;
  /** MMB_PUBLIC_URL: https there makes the cookie `Secure`. */
  publicUrl: string;
  /** MMB_WEB_PUBLIC: the anonymous page with totals per team and round. */
  publicPage?: boolean;
  /** Sign-in attempts per address per 10 minutes (default 20). */
  signInLimit?: number;
}

/** A running monitor: its port, and how to stop it. */
export interface Monitor {
  readonly port: number;
  close(): Promise<void>;
}

/** The address a request came from: a reverse proxy on this machine may say whose it is. */
function addressOf(request: IncomingMessage): string {
  const peer = request.socket.remoteAddress ?? '';
  const loopback = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1';
  const forwarded = request.headers['x-forwarded-for'];
  if (loopback && typeof forwarded === 'string' && forwarded.trim())
    return forwarded.split(',').at(-1)!.trim();
  return peer;
}

/**
 * Starts the monitor web page on `port` (0: any free port): plain node:http, server-rendered
 * pages, the bot's database opened read-only (a problem in the page never touches the ledger),
 * its sessions in a file of its own. Every error becomes a friendly Dutch page without details;
 * the log says which route answered and how, never the path (it may hold a sign-in link) or a
 * cookie.
 *
 * @example
 * const monitor = await startMonitor({ databasePath: 'data/mmb.sqlite', … }, 8080)
 * await monitor.close()
 */
export async function startMonitor(
  options: MonitorOptions,
  port: number,
  host?: string,
): Promise<Monitor> {
  const { overviewsToPdf } = await import('../overview/export-pdf.ts');
  const db: Db = openDatabase(options.databasePath, { access: 'read', label: 'MMB_DB' });
  const sessions = new SessionStore(options.sessionsPath);
  const sql = new Statements(db);
  const ctx: RouteContext = {
    sql,
    read: (work) => db.transaction(work)(),
    sessions,
    teams: options.teams,
    roles: options.roles,
    clock: options.clock,
    secure: options.publicUrl.startsWith('https://'),
    publicPage: options.publicPage ?? false,
    signInLimit: new RateLimit(options.signInLimit ?? 20, 10 * 60_000),
    logger: options.logger,
    overviews: new OverviewCache(db),
    pdf: (overviews) => overviewsToPdf(overviews, { households: false }),
  };
  const prune = setInterval(() => sessions.prune(options.clock.now()), 15 * 60_000);
  prune.unref();
  const server: Server = createServer((request, response) => {
    const started = performance.now();
    let answer: WebResponse;
    try {
      const web: WebRequest = {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        address: addressOf(request),
      };
      answer = route(web, ctx);
    } catch (error) {
      options.logger.error({ error: (error as Error).name }, 'monitor: page failed');
      answer = serverError();
    }
    send(response, answer);
    options.logger.debug(
      { route: answer.route, status: answer.status, ms: Math.round(performance.now() - started) },
      'monitor: answered',
    );
  });
  // Sign-in and figures only: no request body is read, so a large one is cut off.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  options.logger.info({ port: bound }, 'monitor: listening');
  return {
    port: bound,
    close: async () => {
      clearInterval(prune);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sessions.close();
      db.close();
    },
  };
}

function send(response: ServerResponse, answer: WebResponse): void {
  const body =
    typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : Buffer.from(answer.body);
  response.writeHead(answer.status, {
    ...SECURITY_HEADERS,
    'Content-Type': answer.type,
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    ...answer.headers,
  });
  response.end(body);
}
