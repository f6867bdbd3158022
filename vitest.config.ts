import { configDefaults, defineConfig } from 'vitest/config';
import { SpreadSequencer } from './test/support/spread-sequencer.ts';

// Two projects in one pool: `unit` (test/ laid out like the code, in-process) and `e2e`
// (test/e2e/: real processes through bin/mmb.js, on the real clock). The e2e files mostly wait
// while their child processes work, so they run beside the unit files (SpreadSequencer), and four
// workers keep a 2-core machine busy. Unit files run one after another in a worker that keeps its
// loaded modules (isolate: false), so the sources are not imported again for every file; a unit
// test leaves no global state behind (env stubs, spies and timers are put back after each test).
export default defineConfig({
  test: {
    // A Redis for the Redis tests: REDIS_URL, 127.0.0.1:6379, or a private redis-server; and
    // one build of the sources for the processes the tests start (MMB_DIST).
    globalSetup: ['test/support/redis-global-setup.ts', 'test/support/build-global-setup.ts'],
    // Property tests on a fixed seed (FC_SEED); `npm run test:sweep` tries random ones.
    setupFiles: ['test/support/fast-check-seed.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    allowOnly: false,
    // Tests that spawn bin/mmb.js test the sources as they are now, never a build in dist/.
    env: { MMB_FROM_SOURCES: '1' },
    maxWorkers: 4,
    sequence: { sequencer: SpreadSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
          isolate: false,
          // The CPU-heavy property and fuzz files share two cores with three other workers.
          testTimeout: 120_000,
        },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
