import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The process tests run `bin/mmb.js` many times: each start through tsx compiles the sources
 * again (a second or more of CPU), so the sources as they are now are built once, here, into a
 * temporary folder (bin/build.js, as `npm install` builds dist/), and MMB_DIST points bin/mmb.js
 * at it. bin/mmb.js checks that build as it checks dist/: a source saved during the run makes it
 * fall back to the sources. MMB_DIST set beforehand is kept (MMB_DIST= runs the sources).
 */
export default async function setup(): Promise<() => void> {
  if (process.env.MMB_DIST !== undefined) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'mmb-test-build-'));
  // Next to node_modules, as dist/ is in the repository: the packages left out of the bundle.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const dist = join(dir, 'dist');
  await promisify(execFile)(process.execPath, [join(ROOT, 'bin', 'build.js'), '--outdir', dist], {
    cwd: ROOT,
  });
  process.env.MMB_DIST = dist;
  return () => {
    delete process.env.MMB_DIST;
    rmSync(dir, { recursive: true, force: true });
  };
}
