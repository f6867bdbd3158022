import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MmbError } from '../../src/core/errors.ts';

export interface WebhookServerOptions {
  /** The path Telegram posts to (the path of TELEGRAM_WEBHOOK_URL). */
  path: string;
  port: number;
  host?: string;
  /**
   * Handles one POST on the path (grammY's webhook callback, checking the secret header). Not
   * given yet (the server listens early, see `listenForWebhook`): a POST is answered 503 and
   * Telegram sends it again; `serve` gives it later.
   */
  handle?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** How long a stop waits for requests in progress before it cuts them off (default 2 s). */
  closeGraceMs?: number;
}

/** How long a request (headers and body) may take to arrive; an update is a few kilobytes. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** How long a stop waits for the requests in progress before it cuts them off. */
export const CLOSE_GRACE_MS = 2_000;

/**
 * The HTTP server behind a webhook: one path, POST only, everything else 404. TLS is left to
 * the proxy in front of it (Telegram only calls https:// addresses).
 *
 * @example
 * const server = new WebhookServer({ path: '/telegram', port: 8443, handle })
 * await server.listen() // 8443
 */
export class WebhookServer {
  private server: Server | null = null;
  private handle: WebhookServerOptions['handle'];

  constructor(private readonly options: WebhookServerOptions) {
    this.handle = options.handle;
  }

  /** From now on POSTs on the path go to `handle`. */
  serve(handle: NonNullable<WebhookServerOptions['handle']>): void {
    this.handle = handle;
  }

  /** Starts listening (once); resolves with the port (useful with port 0). */
  async listen(): Promise<number> {
    if (this.server) return (this.server.address() as AddressInfo).port; // listening already
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || path !== this.options.path) {
        res.writeHead(404).end();
        return;
      }
      if (!this.handle) {
        req.resume();
        res.writeHead(503).end(); // not ready yet: Telegram sends it again
        return;
      }
      void this.handle(req, res);
    });
    // A request that stalls half-sent is dropped, not held for Node's five minutes.
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.headersTimeout = REQUEST_TIMEOUT_MS;
    server.keepAliveTimeout = 5_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  /**
   * Stops taking requests, closes idle connections at once and waits for the requests in
   * progress, at most `closeGraceMs`; then it cuts off what is still open (a request that stalls
   * half-sent: Telegram sends it again, as it does for any request without an answer). Resolves
   * with how many connections it cut off.
   */
  async close(): Promise<number> {
    const server = this.server;
    this.server = null;
    if (!server) return 0;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.closeGraceMs ?? CLOSE_GRACE_MS);
    });
    const outcome = await Promise.race([closed, late]);
    clearTimeout(timer);
    if (outcome !== 'late') return 0;
    const open = await new Promise<number>((resolve) =>
      server.getConnections((error, count) => resolve(error ? 0 : count)),
    );
    server.closeAllConnections();
    await closed;
    return open;
  }
}

/**
 * Listens on the webhook's port before the bot opens its database: a port another program holds
 * (or an address not on this machine) stops the start with one line, exit 2, before anything is
 * written. The server answers 503 until the adapter serves it.
 *
 * @example
 * const server = await listenForWebhook({ path: '/telegram', port: 8080, host: '127.0.0.1' })
 */
export async function listenForWebhook(
  options: Omit<WebhookServerOptions, 'handle'>,
): Promise<WebhookServer> {
  const server = new WebhookServer(options);
  try {
    await server.listen();
  } catch (error) {
    const host = options.host ?? '0.0.0.0';
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new MmbError(
        `Poort ${options.port} (TELEGRAM_WEBHOOK_PORT) op ${host} is al in gebruik door een ander programma.`,
        'Stop dat programma of kies een andere TELEGRAM_WEBHOOK_PORT.',
      );
    if (code === 'EACCES')
      throw new MmbError(
        `Poort ${options.port} (TELEGRAM_WEBHOOK_PORT) mag deze gebruiker niet openen.`,
        'Kies een poort vanaf 1024, bijvoorbeeld 8080.',
      );
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      throw new MmbError(
        `Adres ${host} (TELEGRAM_WEBHOOK_HOST) hoort niet bij deze machine.`,
        'Kies een adres van deze machine, bijvoorbeeld 127.0.0.1, of laat het leeg.',
      );
    throw error;
  }
  return server;
}
