import { describe, expect, it } from 'vitest';
import { BENCH_PARTS, BenchUsageError, parseBenchOptions } from '../../bench/bench-options.ts';

describe('npm run bench arguments', () => {
  it('runs every part, three pairs and five Telegram rounds by default', () => {
    const options = parseBenchOptions([]);
    expect([...options.parts]).toEqual([...BENCH_PARTS]);
    expect(options).toMatchObject({
      json: false,
      pairs: 3,
      telegramRounds: 5,
      whatsappRounds: 3,
      bursts: [10, 100],
    });
  });

  it('reads numbers given apart or with =, underscores allowed', () => {
    const options = parseBenchOptions([
      '--events',
      '20_000',
      '--pairs=5',
      '--telegram-messages',
      '500',
      '--bursts',
      '10,50',
      '--json',
    ]);
    expect(options).toMatchObject({
      events: 20_000,
      pairs: 5,
      telegramMessages: 500,
      bursts: [10, 50],
      json: true,
    });
  });

  it('runs only the parts named, less the ones skipped', () => {
    expect([...parseBenchOptions(['--only', 'telegram,engine']).parts]).toEqual([
      'engine',
      'telegram',
    ]);
    expect([
      ...parseBenchOptions(['--only=engine,bursts,replay', '--skip', 'bursts']).parts,
    ]).toEqual(['engine', 'replay']);
  });

  it('keeps the old --no- flags', () => {
    const parts = parseBenchOptions([
      '--no-redis',
      '--no-startup',
      '--no-telegram',
      '--no-whatsapp',
      '--no-bursts',
      '--no-rss',
      '--no-golden',
    ]).parts;
    expect([...parts]).toEqual(['engine', 'replay']);
  });

  it.each([
    [['--pairs', '0'], '--pairs wants a positive whole number'],
    [['--events'], '--events wants a positive whole number'],
    [['--events', '1.5'], '--events wants a positive whole number'],
    [['--only', 'motor'], "--only: no part 'motor'"],
    [['--skip', ''], '--skip wants parts'],
    [['--fast'], 'unknown argument --fast'],
    [['--no-redis=yes'], 'unknown argument --no-redis=yes'],
  ])('refuses %j with a reason', (argv, reason) => {
    expect(() => parseBenchOptions(argv)).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(argv)).toThrow(reason);
  });
});
