import { describe, expect, it } from 'vitest';
import {
  aimRows,
  judge,
  judgeSpread,
  median,
  medianIndex,
  meets,
  showSpread,
  spread,
} from '../../bench/aims.ts';
import { pathFigures } from '../../bench/path-bench-cli.ts';

const engine = {
  id: 'engine',
  label: 'engine / raw',
  unit: '×',
  comparison: '>=',
  aim: 0.5,
} as const;

describe('the median of alternating pairs', () => {
  it('is the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([0.46, 0.41, 0.43, 0.9, 0.1])).toBe(0.43);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('does not reorder the samples it is given', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('points at the run at the (lower) median', () => {
    expect(medianIndex([0.5, 0.3, 0.4])).toBe(2);
    expect(medianIndex([0.5, 0.3, 0.4, 0.6])).toBe(2);
    expect(medianIndex([])).toBe(-1);
  });
});

describe('a spread', () => {
  it('keeps every sample in run order with the median and range, rounded', () => {
    expect(spread([0.41234, 0.46, 0.43])).toEqual({
      median: 0.43,
      min: 0.412,
      max: 0.46,
      samples: [0.412, 0.46, 0.43],
    });
    expect(spread([1500.04, 1400.06], 1)).toEqual({
      median: 1450.1,
      min: 1400.1,
      max: 1500,
      samples: [1500, 1400.1],
    });
  });

  it('reads as the median with its range and how many', () => {
    expect(showSpread(spread([0.41, 0.46, 0.43]))).toBe('0.43 (0.41–0.46, 3 pairs)');
    expect(showSpread(spread([120, 80]), 'rounds', ' ms')).toBe('100 ms (80–120 ms, 2 rounds)');
    expect(showSpread(spread([84]), 'samples', ' MiB')).toBe('84 MiB');
  });
});

describe('met or not met', () => {
  it('compares on the side the aim asks, the aim itself included only for ≥ and ≤', () => {
    expect(meets(0.5, '>=', 0.5)).toBe(true);
    expect(meets(0.499, '>=', 0.5)).toBe(false);
    expect(meets(150, '<=', 150)).toBe(true);
    expect(meets(150.1, '<=', 150)).toBe(false);
    expect(meets(999, '<', 1000)).toBe(true);
    expect(meets(1000, '<', 1000)).toBe(false);
  });

  it('never meets an aim with nothing measured', () => {
    expect(meets(Number.NaN, '>=', 0)).toBe(false);
    expect(meets(Number.NaN, '<', 1000)).toBe(false);
    expect(judge(engine, []).meetsAim).toBe(false);
  });

  it('is decided by the median, not by the best or the worst pair', () => {
    const lucky = judge(engine, [0.3, 0.9, 0.45]);
    expect(lucky).toMatchObject({ median: 0.45, min: 0.3, max: 0.9, meetsAim: false });
    const unlucky = judge(engine, [0.2, 0.55, 0.51]);
    expect(unlucky).toMatchObject({ median: 0.51, samples: [0.2, 0.55, 0.51], meetsAim: true });
  });

  it('judges a spread already taken on its median', () => {
    expect(judgeSpread(engine, spread([0.4, 0.6])).meetsAim).toBe(true);
    expect(judgeSpread(engine, spread([0.4, 0.59])).meetsAim).toBe(false);
  });

  it('prints every aim with met or NOT met, its median, range and aim', () => {
    expect(
      aimRows([
        judge(engine, [0.48, 0.52, 0.51]),
        judge(
          { id: 'lateness', label: 'lateness p99', unit: 'ms', comparison: '<', aim: 1000 },
          [1200],
        ),
        {
          ...judge({ id: 'golden', label: 'golden', unit: '', comparison: '>=', aim: 1 }, [0]),
          note: 'differs',
        },
      ]),
    ).toEqual([
      ['engine / raw', 'met — median 0.51 × (0.48–0.52 ×, 3 samples), aim ≥ 0.5 ×'],
      ['lateness p99', 'NOT met — median 1200 ms, aim < 1000 ms'],
      ['golden', 'NOT met — differs'],
    ]);
  });
});

describe('the path figures', () => {
  it('take each ratio round by round and give the median of those', () => {
    const figures = pathFigures([
      { path: 1000, echo: 2000, durableEcho: 500 },
      { path: 3000, echo: 3000, durableEcho: 1000 },
      { path: 900, echo: 1000, durableEcho: 900 },
    ]);
    expect(figures.ratioSpread).toEqual({ median: 0.9, min: 0.5, max: 1, samples: [0.5, 1, 0.9] });
    expect(figures.ratio).toBe(0.9);
    expect(figures.durableRatio).toBe(2);
    expect(figures.durableRatioSpread.samples).toEqual([2, 3, 1]);
    expect(figures.pathPerSec).toBe(1000);
    expect(figures.echoPerSec).toBe(2000);
    expect(figures.rounds).toBe(3);
  });
});
