import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookServerOptions {
  /** The path Telegram posts to (the path of TELEGRAM_WEBHOOK_URL). */
  path: string;
  port: number;
  host?: string;
  /** Handles one POST on the path (grammY's webhook callback, checking the secret header). */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

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

  /** Stops taking requests and waits for the ones in progress. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
