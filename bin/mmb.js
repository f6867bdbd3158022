#!/usr/bin/env -S node --max-semi-space-size=4
// The `mmb` command: start, replay, state, export, … Runs the plain JavaScript that `npm install`
// built into dist/ (bin/build.js), so nothing is compiled at start. Runs the TypeScript sources
// through tsx instead when MMB_FROM_SOURCES=1 (the tests set it), or when dist/ is missing or
// older than a source: then it says so in one line on stderr, and `npm run build` makes it fast.
import { fileURLToPath } from 'node:url';
import { freshBuild } from './fresh-build.js';

// MMB_DIST=DIR runs the build in DIR instead of dist/, under the same check (the tests build the
// sources once per run, test/support/build-global-setup.ts); MMB_DIST= (empty) counts as unset.
const root = fileURLToPath(new URL('..', import.meta.url));
const built = process.env.MMB_DIST
  ? freshBuild(root, process.env.MMB_DIST)
  : process.env.MMB_FROM_SOURCES === '1'
    ? null
    : freshBuild(root);
let cli;
if (built?.entry) {
  cli = await import(built.entry);
} else {
  if (built) {
    console.error(
      `mmb: ${built.stale}; ik start vanuit de bronbestanden (langzamer). Sneller: npm run build`,
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/cli.ts');
}
const [command = 'start'] = process.argv.slice(2);
process.exitCode = await cli.main(process.argv.slice(2));
// `mmb start` and `mmb worker` have closed everything they opened when they return: a connection
// a library still tries to make (Redis away) must not keep the stopped process alive.
if (command === 'start' || command === 'worker') setTimeout(() => process.exit(), 1_000).unref();
