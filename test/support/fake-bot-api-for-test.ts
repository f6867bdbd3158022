import { onTestFinished } from 'vitest';
import { FakeBotApi } from './fake-bot-api.ts';

/**
 * A fake Bot API server for the running test, closed again when that test finishes (after its
 * afterEach hooks, so the processes that talk to it are stopped first).
 */
export async function fakeBotApiForTest(): Promise<FakeBotApi> {
  const fake = await FakeBotApi.start();
  onTestFinished(() => fake.close());
  return fake;
}
