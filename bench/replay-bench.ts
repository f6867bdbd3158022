/**
 * Replay benchmark (issue 13): `mmb replay` of a generated conversation, as the command runs it
 * (an in-memory database, the teams from a configuration), in lines per second, and its ratio to
 * the raw durable single-row transaction rate the engine benchmark measured in the same run.
 *
 *   node bin/run-ts.js bench/replay-bench.ts [lines]   # alone, without a raw figure
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { replay } from '../src/cli/replay.ts';
import { openDatabase } from '../src/store/database.ts';
import { generateReplayLines, replayWorkloadConfig } from './replay-workload.ts';

export interface ReplayBenchResult {
  lines: number;
  teams: number;
  seconds: number;
  linesPerSec: number;
  replies: number;
  /** linesPerSec over the raw transaction rate, when one was given. */
  ratio: number | null;
}

/**
 * Replays `lines` generated lines (20 teams, a few seconds to a minute apart) on an in-memory
 * database and times `replay` alone (generating the lines is not counted).
 *
 * @example
 * const figure = await runReplayBench({ lines: 20_000, rawTxPerSec: 6_000 })
 * figure.ratio // e.g. 0.4
 */
export async function runReplayBench(options: {
  lines: number;
  rawTxPerSec?: number;
  teams?: number;
}): Promise<ReplayBenchResult> {
  const teams = options.teams ?? 20;
  const lines = generateReplayLines({
    lines: options.lines,
    teams,
    seed: 20260302,
    start: new Date('2026-03-02T07:00:00Z'),
    minStepMs: 1_000,
    maxStepMs: 60_000,
    householdsPerTeam: 40,
  });
  const config = replayWorkloadConfig(teams);
  const db = openDatabase(':memory:');
  try {
    const start = process.hrtime.bigint();
    const result = await replay(db, lines, { config });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const linesPerSec = lines.length / seconds;
    return {
      lines: lines.length,
      teams,
      seconds,
      linesPerSec,
      replies: result.replies.length,
      ratio: options.rawTxPerSec ? linesPerSec / options.rawTxPerSec : null,
    };
  } finally {
    db.close();
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const lines = Number(process.argv[2] ?? 20_000);
  const figure = await runReplayBench({ lines });
  console.log(JSON.stringify(figure));
}
