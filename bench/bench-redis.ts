import { Redis } from 'ioredis';

/**
 * Deletes every key under `prefix` (SCAN + DEL): a Redis bench leaves nothing behind.
 *
 * @example
 * await deleteBenchKeys('redis://127.0.0.1:6379', 'mmb-bench-1a2b3c4d')
 */
export async function deleteBenchKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
