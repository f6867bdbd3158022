/**
 * The command line of `npm run bench` (bench/engine-bench.ts), read without side effects so it is
 * tested: a wrong argument is a BenchUsageError, which the bench prints with its usage (exit 2).
 */

/** The parts of `npm run bench`, in the order they run. */
export const BENCH_PARTS = [
  'engine',
  'bursts',
  'replay',
  'golden',
  'telegram',
  'whatsapp',
  'delivery',
  'lateness',
  'startup',
  'rss',
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export interface BenchOptions {
  json: boolean;
  /** Events of each engine run (and of each burst run). */
  events: number;
  teams: number;
  seed: number;
  /** Each engine or burst run stops after this long, so a run on a busy machine still ends. */
  maxSeconds: number;
  /** Alternating pairs (subject, raw, subject, raw, …) behind each ratio to the raw rate. */
  pairs: number;
  telegramMessages: number;
  telegramRounds: number;
  whatsappMessages: number;
  whatsappRounds: number;
  /** Burst sizes for the group-commit runs. */
  bursts: number[];
  /** Console lines fed to the bot whose steady memory is read. */
  rssEvents: number;
  /** The parts that run. */
  parts: Set<BenchPart>;
}

export class BenchUsageError extends Error {}

export const BENCH_USAGE =
  'gebruik: npm run bench -- [--json] [--only PART,…] [--skip PART,…] [--pairs N] [--events N] [--teams N] [--seed N] [--max-seconds N] ' +
  '[--bursts N,N] [--telegram-messages N] [--telegram-rounds N] [--whatsapp-messages N] [--whatsapp-rounds N] [--rss-events N] ' +
  '[--no-bursts] [--no-telegram] [--no-whatsapp] [--no-redis] [--no-startup] [--no-rss] [--no-golden]\n' +
  `  PART: ${BENCH_PARTS.join(', ')}`;

/** The old `--no-…` flags, each leaving out parts. */
const LEAVE_OUT: Record<string, BenchPart[]> = {
  '--no-bursts': ['bursts'],
  '--no-telegram': ['telegram'],
  '--no-whatsapp': ['whatsapp'],
  '--no-redis': ['delivery', 'lateness'],
  '--no-startup': ['startup'],
  '--no-rss': ['rss'],
  '--no-golden': ['golden'],
};

/**
 * Reads the arguments after `npm run bench --`.
 *
 * @example
 * parseBenchOptions(['--only', 'engine,bursts', '--pairs', '5']).parts // Set { 'engine', 'bursts' }
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    json: false,
    events: 50_000,
    teams: 50,
    seed: 20260302,
    maxSeconds: 240,
    pairs: 3,
    telegramMessages: 2000,
    telegramRounds: 5,
    whatsappMessages: 2000,
    whatsappRounds: 3,
    bursts: [10, 100],
    rssEvents: 100_000,
    parts: new Set(BENCH_PARTS),
  };
  const positive = (flag: string, value: string | undefined): number => {
    const n = Number(value?.replace(/_/g, ''));
    if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < 1)
      throw new BenchUsageError(`${flag} wants a positive whole number`);
    return n;
  };
  const partList = (flag: string, value: string | undefined): BenchPart[] => {
    const names = (value ?? '').split(',').filter((name) => name !== '');
    if (names.length === 0)
      throw new BenchUsageError(`${flag} wants parts: ${BENCH_PARTS.join(',')}`);
    for (const name of names)
      if (!(BENCH_PARTS as readonly string[]).includes(name))
        throw new BenchUsageError(`${flag}: no part '${name}' (${BENCH_PARTS.join(', ')})`);
    return names as BenchPart[];
  };
  let only: BenchPart[] | null = null;
  const skip: BenchPart[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--json':
        options.json = true;
        break;
      case '--events':
        options.events = positive(flag, value());
        break;
      case '--teams':
        options.teams = positive(flag, value());
        break;
      case '--seed':
        options.seed = positive(flag, value());
        break;
      case '--max-seconds':
        options.maxSeconds = positive(flag, value());
        break;
      case '--pairs':
        options.pairs = positive(flag, value());
        break;
      case '--telegram-messages':
        options.telegramMessages = positive(flag, value());
        break;
      case '--telegram-rounds':
        options.telegramRounds = positive(flag, value());
        break;
      case '--whatsapp-messages':
        options.whatsappMessages = positive(flag, value());
        break;
      case '--whatsapp-rounds':
        options.whatsappRounds = positive(flag, value());
        break;
      case '--rss-events':
        options.rssEvents = positive(flag, value());
        break;
      case '--bursts':
        options.bursts = (value() ?? '').split(',').map((n) => positive(flag, n));
        break;
      case '--only':
        only = [...(only ?? []), ...partList(flag, value())];
        break;
      case '--skip':
        skip.push(...partList(flag, value()));
        break;
      default:
        if (flag in LEAVE_OUT && inline === undefined) skip.push(...LEAVE_OUT[flag]!);
        else throw new BenchUsageError(`unknown argument ${arg}`);
    }
  }
  options.parts = new Set(
    BENCH_PARTS.filter((part) => (only ?? BENCH_PARTS).includes(part) && !skip.includes(part)),
  );
  if (options.bursts.length === 0) options.parts.delete('bursts');
  return options;
}
