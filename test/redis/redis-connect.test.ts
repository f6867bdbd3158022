import { describe, expect, it } from 'vitest';
import { MmbError } from '../../src/core/errors.ts';
import { closeRedis, connectRedis } from '../../src/redis/connection.ts';
import { startPrivateRedis } from '../support/private-redis.ts';
import { testRedisUrl } from '../support/redis.ts';

// What a REDIS_URL that reaches Redis but cannot be used says at start: each reason its own line,
// never "antwoordt niet binnen 5 s".

/** What connecting threw (an MmbError), or null when it connected. */
async function refusal(url: string): Promise<MmbError | null> {
  try {
    await closeRedis(await connectRedis(url, 'queue'));
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(MmbError);
    return error as MmbError;
  }
}

describe('connectRedis', () => {
  it('refuses a database number that Redis does not have, instead of using database 0', async () => {
    const url = new URL(testRedisUrl());
    url.pathname = '/9999';
    const problem = await refusal(url.toString());
    expect(problem?.message).toMatch(
      /^Redis op redis:\/\/.*\/9999 \(REDIS_URL\) heeft geen database 9999\. /,
    );
    expect(problem?.exitCode).toBe(2);
    url.pathname = '/1';
    expect(await refusal(url.toString())).toBeNull(); // one Redis has by default
  });

  it('says a wrong or missing password is refused, without showing it', async () => {
    const redis = await startPrivateRedis('redis-server', undefined, ['--requirepass', 'geheim']);
    try {
      const wrong = await refusal(`redis://:fout@127.0.0.1:${redis.port}`);
      expect(wrong?.message).toMatch(
        new RegExp(
          `^Redis op redis://:\\*\\*\\*@127\\.0\\.0\\.1:${redis.port}/? \\(REDIS_URL\\) weigert het wachtwoord`,
        ),
      );
      expect(wrong?.message).not.toContain('fout');
      expect(wrong?.message).not.toContain('antwoordt niet');
      expect(wrong?.exitCode).toBe(2);
      const none = await refusal(redis.url);
      expect(none?.message).toContain('vraagt een wachtwoord; REDIS_URL geeft er geen.');
      expect(await refusal(`redis://:geheim@127.0.0.1:${redis.port}/2`)).toBeNull();
    } finally {
      await redis.stop();
    }
  });
});
