import type { TestProject } from 'vitest/node';
import { redisAnswers, startPrivateRedis, type PrivateRedis } from './private-redis.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Redis the tests use, or '' when there is none (then `redisProblem` says why). */
    redisUrl: string;
    redisProblem: string;
  }
}

/**
 * `npm test` is the whole set-up: REDIS_URL when set; else the Redis on 127.0.0.1:6379 when one
 * answers; else a private redis-server on a free port, stopped after the run. Where none can be
 * had, the Redis tests fail with one line saying how to install it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: PrivateRedis | null = null;
  let url = process.env.REDIS_URL ?? '';
  let problem = '';
  if (!url) {
    if (await redisAnswers(6379)) url = 'redis://127.0.0.1:6379';
    else {
      try {
        server = await startPrivateRedis();
        url = server.url;
      } catch (error) {
        problem = (error as Error).message;
      }
    }
  }
  project.provide('redisUrl', url);
  project.provide('redisProblem', problem);
  return async () => {
    await server?.stop();
  };
}
