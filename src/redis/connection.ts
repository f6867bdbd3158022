import { Redis, type RedisOptions } from 'ioredis';
import { MmbError } from '../core/errors.ts';
import { isRedisUrl, redactRedisUrl } from './redis-url.ts';

/** How long the first connection may take before `REDIS_URL` is reported as unreachable. */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * What a connection is for. BullMQ requires `maxRetriesPerRequest: null` for a worker (its
 * blocking commands wait for Redis however long it is away). A queue connection fails fast
 * instead (`enableOfflineQueue: false`): adding a job while Redis is down is an error the
 * scheduler logs and repairs at the next reconciliation, never a promise that hangs.
 */
export type RedisRole = 'worker' | 'queue';

/** The ioredis options for a role (exported for the tests). */
export function redisOptions(role: RedisRole): RedisOptions {
  return {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    // Reconnect for ever, at most every 2 s: Redis may be away for a while; the bot goes on.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  };
}

/**
 * Opens a Redis connection for `role` and checks that Redis answers, within `timeoutMs`. A wrong
 * or unreachable `REDIS_URL` is an `MmbError` naming it (without its password), not a hang.
 * After that first connection, ioredis reconnects by itself whenever the connection drops.
 */
export async function connectRedis(
  url: string,
  role: RedisRole,
  timeoutMs = CONNECT_TIMEOUT_MS,
): Promise<Redis> {
  const shown = redactRedisUrl(url);
  if (!isRedisUrl(url)) {
    throw new MmbError(
      `REDIS_URL "${shown}" is not a Redis URL.`,
      'Write it as redis://host:6379 (or rediss:// for TLS), e.g. redis://127.0.0.1:6379.',
    );
  }
  const connection = new Redis(url, redisOptions(role));
  let lastError = '';
  const onError = (error: Error) => {
    lastError = (error as NodeJS.ErrnoException).code ?? error.message;
  };
  connection.on('error', onError);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(lastError || 'no answer')), timeoutMs);
    });
    await Promise.race([connection.connect().then(() => connection.ping()), timeout]);
    return connection;
  } catch (error) {
    connection.disconnect();
    const reason = lastError || (error as Error).message;
    throw new MmbError(
      `Redis at ${shown} (REDIS_URL) does not answer within ${Math.round(timeoutMs / 1000)} s: ${reason}.`,
      'Check REDIS_URL and that Redis runs (redis-cli -u REDIS_URL ping), or leave REDIS_URL empty to run without Redis.',
      1,
    );
  } finally {
    clearTimeout(timer);
    connection.off('error', onError);
  }
}

/** Closes a connection: politely when Redis answers, at once when it does not. */
export async function closeRedis(connection: Redis): Promise<void> {
  if (connection.status === 'ready') {
    await connection.quit().catch(() => connection.disconnect());
  } else {
    connection.disconnect();
  }
}
