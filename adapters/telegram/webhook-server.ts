import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookServerOptions {
  /** The path Telegram posts to (the path of TELEGRAM_WEBHOOK_URL). */
  path: string;
  port: number;
  host?: string;
  /** Handles one POST on the path (grammY's webhook callback, checking the secret header). */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
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

  constructor(private readonly options: WebhookServerOptions) {}

  /** Starts listening; resolves with the port (useful with port 0). */
  async listen(): Promise<number> {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (req.method !== 'POST' || path !== this.options.path) {
        res.writeHead(404).end();
        return;
      }
      void this.options.handle(req, res);
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
