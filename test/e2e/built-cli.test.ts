import { execFile } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { EXPORT_CONFIG, exportFixture } from '../overview/fixture.ts';
import { tempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);
const ROOT = resolve('.');
/** Runs the built command line in `dist`, as bin/mmb.js does when the build is fresh. */
const RUN_BUILT =
  'const { main } = await import(process.env.MMB_BUILT); process.exitCode = await main(process.argv.slice(1));';

let dir = '';
let built = '';

beforeAll(async () => {
  dir = tempDir('mmb-build-');
  // Next to the build as in the repository: node_modules for the packages left out of the bundle.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await run(process.execPath, ['bin/build.js', '--outdir', join(dir, 'dist')], { cwd: ROOT });
  built = join(dir, 'dist', 'cli.js');
  const db = openDatabase(join(dir, 'mmb.sqlite'));
  exportFixture({ db });
  db.close();
  writeFileSync(join(dir, 'teams.json'), JSON.stringify(EXPORT_CONFIG));
}, 120_000);

/** `mmb …` from the build and from the sources, in the temporary folder: both outputs. */
async function both(args: string[]) {
  const env = {
    ...process.env,
    MMB_DB: join(dir, 'mmb.sqlite'),
    MMB_CONFIG: join(dir, 'teams.json'),
    LOG_LEVEL: 'silent',
  };
  const fromBuild = await run(
    process.execPath,
    ['--input-type=module', '-e', RUN_BUILT, ...args.map((a) => a.replace('{out}', 'built'))],
    { cwd: dir, env: { ...env, MMB_BUILT: `file://${built}` } },
  );
  const fromSources = await run(
    process.execPath,
    [join(ROOT, 'bin', 'mmb.js'), ...args.map((a) => a.replace('{out}', 'sources'))],
    { cwd: dir, env: { ...env, MMB_FROM_SOURCES: '1', MMB_DIST: '' } },
  );
  return { fromBuild, fromSources };
}

describe('the build in dist/ (bin/build.js)', () => {
  it('holds each source it was built from, and the build settings', () => {
    const inputs = JSON.parse(readFileSync(join(dir, 'dist', 'inputs.json'), 'utf8')) as string[];
    expect(inputs).toContain('src/cli/cli.ts');
    expect(inputs).toContain('src/store/migrate.ts');
    expect(inputs).toContain('tsconfig.json');
    expect(inputs.some((path) => path.includes('node_modules'))).toBe(false);
  });

  it('finds data/migrations and shows the state as the sources do', async () => {
    const { fromBuild, fromSources } = await both(['state', '--db', 'mmb.sqlite', '--json']);
    expect(fromBuild.stdout).toBe(fromSources.stdout);
    expect(JSON.parse(fromBuild.stdout).teams.map((t: { id: string }) => t.id)).toEqual([
      'noord',
      'zuid',
    ]);
  }, 120_000);

  it('exports the same CSV and PDF bytes as the sources', async () => {
    for (const format of ['csv', 'pdf']) {
      const args = ['export', '--all', '--cycle', '2', '--out', `{out}.${format}`];
      const { fromBuild, fromSources } = await both(args);
      expect(fromBuild.stdout.replace('built', 'sources')).toBe(fromSources.stdout);
      expect(readFileSync(join(dir, `built.${format}`))).toEqual(
        readFileSync(join(dir, `sources.${format}`)),
      );
    }
  }, 120_000);
});
