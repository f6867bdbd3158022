import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshBuild } from '../../bin/fresh-build.js';
import { tempDir } from '../support/temp-dir.ts';

/** A repository with two sources and a build of them that began at `builtAt`. */
function repository(builtAt: Date) {
  const root = tempDir('mmb-fresh-');
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'dist'));
  const earlier = new Date(builtAt.getTime() - 60_000);
  for (const file of ['src/a.ts', 'src/b.ts']) {
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), earlier, earlier);
  }
  writeFileSync(join(root, 'dist', 'inputs.json'), JSON.stringify(['src/a.ts', 'src/b.ts']));
  writeFileSync(join(root, 'dist', 'built-at'), '');
  utimesSync(join(root, 'dist', 'built-at'), builtAt, builtAt);
  return root;
}

describe('freshBuild (which code bin/mmb.js runs)', () => {
  const builtAt = new Date('2026-11-27T08:00:00Z');

  it('runs dist/cli.js when every source is older than the build', () => {
    const root = repository(builtAt);
    expect(freshBuild(root)).toEqual({ entry: pathToFileURL(join(root, 'dist', 'cli.js')).href });
  });

  it('says which source is newer than the build', () => {
    const root = repository(builtAt);
    const later = new Date(builtAt.getTime() + 1_000);
    utimesSync(join(root, 'src/b.ts'), later, later);
    expect(freshBuild(root)).toEqual({ stale: 'src/b.ts is nieuwer dan dist/' });
  });

  it('counts a source saved in the very millisecond the build began as newer', () => {
    const root = repository(builtAt);
    utimesSync(join(root, 'src/a.ts'), builtAt, builtAt);
    expect(freshBuild(root)).toEqual({ stale: 'src/a.ts is nieuwer dan dist/' });
  });

  it('says when a source is gone or there is no build', () => {
    const root = repository(builtAt);
    writeFileSync(join(root, 'dist', 'inputs.json'), JSON.stringify(['src/a.ts', 'src/c.ts']));
    expect(freshBuild(root)).toEqual({ stale: 'src/c.ts is weg sinds de build' });
    expect(freshBuild(tempDir('mmb-fresh-empty-'))).toEqual({ stale: 'dist/ ontbreekt' });
  });
});
