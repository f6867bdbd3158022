/**
 * What the path benchmarks (Telegram, WhatsApp) share: their command line and their figures.
 */
import { showSpread, spread, type Spread } from './aims.ts';

/**
 * A path's figures over alternating rounds (path, bare echo, durable echo, path, …): the median
 * rate of each, and the medians of the ratios taken round by round, each with all its samples.
 * `ratio` is path / bare echo, `durableRatio` path / durable echo.
 */
export interface PathFigures {
  rounds: number;
  pathPerSec: number;
  echoPerSec: number;
  durableEchoPerSec: number;
  ratio: number;
  durableRatio: number;
  pathPerSecSpread: Spread;
  echoPerSecSpread: Spread;
  durableEchoPerSecSpread: Spread;
  ratioSpread: Spread;
  durableRatioSpread: Spread;
}

/** The rates of one round, in messages a second. */
export interface PathRound {
  path: number;
  echo: number;
  durableEcho: number;
}

/**
 * The figures of the rounds: medians (rates to 0.1, ratios to 0.001) and spreads.
 *
 * @example
 * pathFigures([{ path: 1500, echo: 3000, durableEcho: 1000 }]).ratio // 0.5
 */
export function pathFigures(rounds: readonly PathRound[]): PathFigures {
  const rates = (pick: (r: PathRound) => number) => spread(rounds.map(pick), 1);
  const pathPerSecSpread = rates((r) => r.path);
  const echoPerSecSpread = rates((r) => r.echo);
  const durableEchoPerSecSpread = rates((r) => r.durableEcho);
  const ratioSpread = spread(rounds.map((r) => r.path / r.echo));
  const durableRatioSpread = spread(rounds.map((r) => r.path / r.durableEcho));
  return {
    rounds: rounds.length,
    pathPerSec: pathPerSecSpread.median,
    echoPerSec: echoPerSecSpread.median,
    durableEchoPerSec: durableEchoPerSecSpread.median,
    ratio: ratioSpread.median,
    durableRatio: durableRatioSpread.median,
    pathPerSecSpread,
    echoPerSecSpread,
    durableEchoPerSecSpread,
    ratioSpread,
    durableRatioSpread,
  };
}

/**
 * The lines a path benchmark run on its own prints.
 *
 * @example
 * pathLines(figures, 'echo bot', { ratio: 0.8 }) // ['  whole path  1500 (…) messages/s', …]
 */
export function pathLines(
  figures: PathFigures,
  echo: string,
  aims: { ratio?: number; durableRatio?: number },
): string[] {
  const verdict = (value: number, aim: number | undefined) =>
    aim === undefined ? '' : `   (aim ≥ ${aim}: ${value >= aim ? 'met' : 'NOT met'})`;
  return [
    `  whole path     ${showSpread(figures.pathPerSecSpread, 'rounds')} messages/s`,
    `  ${echo.padEnd(13)}  ${showSpread(figures.echoPerSecSpread, 'rounds')} messages/s`,
    `  durable echo   ${showSpread(figures.durableEchoPerSecSpread, 'rounds')} messages/s`,
    `  path / echo    ${showSpread(figures.ratioSpread, 'rounds')}${verdict(figures.ratio, aims.ratio)}`,
    `  path / durable ${showSpread(figures.durableRatioSpread, 'rounds')}${verdict(figures.durableRatio, aims.durableRatio)}`,
    `  every round    ${figures.ratioSpread.samples.map((r, i) => `${r} / ${figures.durableRatioSpread.samples[i]}`).join(' · ')} (path/echo / path/durable)`,
  ];
}

/**
 * Reads `[--json] [--messages N] [--rounds N]` for a path benchmark run on its own; a wrong argument stops
 * with its usage and exit code 2.
 *
 * @example
 * parsePathBenchArgs(['--messages', '500'], 'bench/telegram-bench.ts') // { json: false, messages: 500, rounds: 3 }
 */
export function parsePathBenchArgs(
  argv: string[],
  script: string,
  rounds = 3,
): { json: boolean; messages: number; rounds: number } {
  const options = { json: false, messages: 2000, rounds };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (/^--(messages|rounds)(=|$)/.test(arg)) {
      const flag = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) {
        process.stderr.write(`${flag} wants a positive whole number\n`);
        process.exit(2);
      }
      if (flag === '--messages') options.messages = n;
      else options.rounds = n;
    } else {
      process.stderr.write(
        `unknown argument ${arg}\ngebruik: node bin/run-ts.js ${script} [--json] [--messages N] [--rounds N]\n`,
      );
      process.exit(2);
    }
  }
  return options;
}
