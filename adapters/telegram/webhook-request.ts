import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header in which Telegram sends the webhook's secret back. */
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** An update is a few kilobytes; anything this big is not one. */
const MAX_BODY_BYTES = 1_000_000;

/** What a webhook POST carried: an update, or the HTTP status to refuse it with. */
export type WebhookRequest = { update: { update_id: number } } | { refuse: 400 | 401 | 413 };

/**
 * Reads one webhook POST: checks the secret header (401 when wrong), then the body as JSON with an
 * `update_id` (400 when it is not one, 413 when too big).
 *
 * @example
 * const read = await readWebhookRequest(req, 'geheim-0123456789abcdef');
 * if ('refuse' in read) res.writeHead(read.refuse).end();
 */
export async function readWebhookRequest(
  req: IncomingMessage,
  secret: string,
): Promise<WebhookRequest> {
  const given = req.headers[SECRET_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, secret)) {
    req.resume();
    return { refuse: 401 };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      req.resume();
      return { refuse: 413 };
    }
    chunks.push(chunk);
  }
  try {
    const update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (
      typeof update === 'object' &&
      update !== null &&
      Number.isSafeInteger((update as { update_id?: unknown }).update_id)
    )
      return { update: update as { update_id: number } };
  } catch {
    // not JSON: refused below
  }
  return { refuse: 400 };
}

const sameSecret = (given: string, secret: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};
