/**
 * The golden replay (issue 22: nothing gets slower, or different, for people): the conversation of
 * test/cli/replay-golden.test.ts replayed as that test does, and whether its replies and state are,
 * byte for byte, those recorded in test/golden/replay-golden.json. The test is the judge; this
 * puts its verdict next to the speed figures, so work on speed sees at once what it changed.
 *
 *   node bin/run-ts.js bench/golden-bench.ts   # prints 'identical' or where it first differs
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { replay } from '../src/cli/replay.ts';
import { openDatabase } from '../src/store/database.ts';
import { goldenConversation } from './replay-workload.ts';

const GOLDEN = fileURLToPath(new URL('../test/golden/replay-golden.json', import.meta.url));

export interface GoldenResult {
  lines: number;
  identical: boolean;
  /** The first character where the replay differs from the recording (when it does). */
  firstDifferenceAt?: number;
  seconds: number;
}

/**
 * Replays the golden conversation on an in-memory database and compares it with the recording.
 *
 * @example
 * (await runGoldenBench()).identical // true
 */
export async function runGoldenBench(): Promise<GoldenResult> {
  const { lines, config, until } = goldenConversation();
  const started = process.hrtime.bigint();
  const db = openDatabase(':memory:');
  let actual: string;
  try {
    const result = await replay(db, lines, { config, until });
    actual = JSON.stringify(result, null, 2);
  } finally {
    db.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const recorded = readFileSync(GOLDEN, 'utf8');
  if (actual === recorded) return { lines: lines.length, identical: true, seconds };
  let at = 0;
  while (at < actual.length && actual[at] === recorded[at]) at++;
  return { lines: lines.length, identical: false, firstDifferenceAt: at, seconds };
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const result = await runGoldenBench();
  console.log(
    result.identical
      ? `golden replay: identical (${result.lines} lines, ${result.seconds.toFixed(2)} s)`
      : `golden replay: DIFFERS from character ${result.firstDifferenceAt} (npx vitest run test/cli/replay-golden.test.ts shows the diff)`,
  );
  process.exitCode = result.identical ? 0 : 1;
}
