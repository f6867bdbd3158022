// Pure checks of a REDIS_URL: the environment check imports them without loading ioredis.

/**
 * `REDIS_URL` without its password, for messages and logs.
 *
 * @example
 * redactRedisUrl('redis://:geheim@redis.example.nl:6379/0') // 'redis://:***@redis.example.nl:6379/0'
 */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Whether `url` is a Redis URL ioredis can use (`redis://` or `rediss://` with a host). */
export function isRedisUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.hostname !== ''
    );
  } catch {
    return false;
  }
}
