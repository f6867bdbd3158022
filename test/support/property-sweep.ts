/**
 * `npm run test:sweep [ROUNDS]`: the property tests (every test file that uses fast-check) on a
 * random seed per round, where CI runs them on one fixed seed (test/support/fast-check-seed.ts).
 * Prints each round's seed; a failure says how to repeat it. FC_SEED=<number> runs that seed once.
 *
 * @example
 * npm run test:sweep 5          # five rounds, five random seeds
 * FC_SEED=1234 npm run test:sweep
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = testFiles(join(ROOT, 'test'))
  .filter((file) => /from 'fast-check'/.test(readFileSync(file, 'utf8')))
  .map((file) => relative(ROOT, file))
  .sort();
const given = process.env.FC_SEED;
const rounds = given ? 1 : Number(process.argv[2] ?? 1);
if (!Number.isSafeInteger(rounds) || rounds < 1) {
  console.error(`test:sweep: "${process.argv[2]}" is no number of rounds; give e.g. 5`);
  process.exit(2);
}
for (let round = 1; round <= rounds; round += 1) {
  const seed = given ?? String(Math.floor(Math.random() * 2 ** 31));
  console.log(`property sweep ${round}/${rounds}: FC_SEED=${seed}, ${files.length} files`);
  const result = spawnSync(process.execPath, [VITEST, 'run', ...files], {
    cwd: ROOT,
    env: { ...process.env, FC_SEED: seed },
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(
      `property sweep failed with FC_SEED=${seed}; repeat: FC_SEED=${seed} npm run test:sweep`,
    );
    process.exit(result.status ?? 1);
  }
}
