/**
 * What the path benchmarks (Telegram, WhatsApp) share: their command line and their figures.
 */

/** The best rates of a path and its bare echo, rounded, and their ratio. */
export interface PathFigures {
  pathPerSec: number;
  echoPerSec: number;
  ratio: number;
}

/**
 * Rounds a path's and its echo's best rate (messages a second) and gives their ratio.
 *
 * @example
 * pathFigures(1529.23, 4014.61) // { pathPerSec: 1529.2, echoPerSec: 4014.6, ratio: 0.381 }
 */
export function pathFigures(pathPerSec: number, echoPerSec: number): PathFigures {
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    pathPerSec: round(pathPerSec),
    echoPerSec: round(echoPerSec),
    ratio: Math.round((pathPerSec / echoPerSec) * 1000) / 1000,
  };
}

/**
 * Reads `[--json] [--messages N]` for a path benchmark run on its own; a wrong argument stops
 * with its usage and exit code 2.
 *
 * @example
 * parsePathBenchArgs(['--messages', '500'], 'bench/telegram-bench.ts') // { json: false, messages: 500 }
 */
export function parsePathBenchArgs(
  argv: string[],
  script: string,
): { json: boolean; messages: number } {
  const options = { json: false, messages: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--messages' || arg.startsWith('--messages=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) {
        process.stderr.write('--messages wants a positive whole number\n');
        process.exit(2);
      }
      options.messages = n;
    } else {
      process.stderr.write(
        `unknown argument ${arg}\ngebruik: node bin/run-ts.js ${script} [--json] [--messages N]\n`,
      );
      process.exit(2);
    }
  }
  return options;
}
