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
      `REDIS_URL "${shown}" is geen Redis-URL.`,
      'Schrijf hem als redis://host:6379 (of rediss:// voor TLS), bv. redis://127.0.0.1:6379.',
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
      timer = setTimeout(() => reject(new Error(lastError || 'geen antwoord')), timeoutMs);
    });
    await Promise.race([connection.connect().then(() => connection.ping()), timeout]);
    await checkDatabaseNumber(connection, shown);
    return connection;
  } catch (error) {
    connection.disconnect();
    if (error instanceof MmbError) throw error;
    const reason = lastError || (error as Error).message;
    const refused = authRefusal(reason, shown, url);
    if (refused) throw refused;
    throw new MmbError(
      `Redis op ${shown} (REDIS_URL) antwoordt niet binnen ${Math.round(timeoutMs / 1000)} s: ${reason}.`,
      'Kijk REDIS_URL na en of Redis draait (redis-cli -u REDIS_URL ping), of laat REDIS_URL leeg om zonder Redis te draaien.',
      1,
    );
  } finally {
    clearTimeout(timer);
    connection.off('error', onError);
  }
}

/**
 * A refused login as its own line (exit 2): a wrong password or user, or a Redis that wants one
 * while REDIS_URL gives none. Null for any other reason.
 */
function authRefusal(reason: string, shown: string, url: string): MmbError | null {
  if (!/WRONGPASS|NOAUTH|invalid password|AUTH.*without any password/i.test(reason)) return null;
  const given = (() => {
    try {
      return new URL(url).password !== '';
    } catch {
      return false;
    }
  })();
  return new MmbError(
    given
      ? `Redis op ${shown} (REDIS_URL) weigert het wachtwoord (of de gebruiker) in REDIS_URL.`
      : `Redis op ${shown} (REDIS_URL) vraagt een wachtwoord; REDIS_URL geeft er geen.`,
    'Zet het juiste wachtwoord in REDIS_URL, bijvoorbeeld redis://:wachtwoord@host:6379.',
  );
}

/**
 * Checks that the database number in REDIS_URL (`redis://host:6379/3`) exists on that Redis:
 * ioredis stays on database 0 when selecting it fails, which would mix two bots' queues.
 */
async function checkDatabaseNumber(connection: Redis, shown: string): Promise<void> {
  const number = connection.options.db ?? 0;
  if (number === 0) return;
  try {
    await connection.select(number);
  } catch (error) {
    const reason = (error as Error).message;
    if (!/DB index|invalid DB|out of range/i.test(reason)) throw error;
    throw new MmbError(
      `Redis op ${shown} (REDIS_URL) heeft geen database ${number}.`,
      'Kies een nummer dat die Redis heeft (standaard 0 t/m 15, zie "databases" in redis.conf), of laat het weg.',
    );
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
