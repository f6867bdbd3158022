import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A Redis for the Redis tests: REDIS_URL, 127.0.0.1:6379, or a private redis-server.
    globalSetup: ['test/support/redis-global-setup.ts'],
    // Property tests on a fixed seed (FC_SEED); `npm run test:sweep` tries random ones.
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    allowOnly: false,
    // Tests that spawn bin/mmb.js test the sources as they are now, never a build in dist/.
    env: { MMB_FROM_SOURCES: '1' },
  },
});
