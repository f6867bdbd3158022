// Whether dist/ (bin/build.js) may run: it must be there and as new as every file it was built
// from. A few hundred stat calls, a millisecond or two: cheap enough for every start.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The built command line's URL when `dist` holds a build at least as new as each of its sources
 * (`dist/inputs.json`, against the time the build began, `dist/built-at`); otherwise, in `stale`,
 * why not, in a few words.
 *
 * @example
 * freshBuild('/srv/mmb') // { entry: 'file:///srv/mmb/dist/cli.js' }
 * freshBuild('/srv/mmb') // { stale: 'src/cli/cli.ts is nieuwer dan dist/' } after an edit
 */
export function freshBuild(root, dist = join(root, 'dist')) {
  let builtAt;
  let inputs;
  try {
    builtAt = statSync(join(dist, 'built-at')).mtimeMs;
    inputs = JSON.parse(readFileSync(join(dist, 'inputs.json'), 'utf8'));
  } catch {
    return { stale: 'dist/ ontbreekt' };
  }
  for (const input of inputs) {
    let changed;
    try {
      changed = statSync(join(root, input)).mtimeMs;
    } catch {
      return { stale: `${input} is weg sinds de build` };
    }
    // Equal counts as newer: on a file system with whole-second times, an edit in the second
    // the build began may have come after it.
    if (changed >= builtAt) return { stale: `${input} is nieuwer dan dist/` };
  }
  return { entry: pathToFileURL(join(dist, 'cli.js')).href };
}
