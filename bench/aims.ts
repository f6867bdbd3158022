/**
 * The arithmetic of the benchmark's verdicts (issue 22), kept pure so it is tested: the median
 * and spread of a figure's samples (one a pair of subject and baseline, alternated so a busy
 * machine disturbs both alike), whether the median meets its aim, and the rows that say so.
 */

/** All the samples of a figure, their median and their range. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

/** Which side of the aim a figure must be on. */
export type Comparison = '>=' | '<=' | '<';

/** One aim of the benchmark, judged on the median of its samples. */
export interface AimResult {
  /** A stable name for machines: 'engine', 'bursts-100', 'telegram', … */
  id: string;
  /** What is compared, for people: 'engine / raw, one event a commit'. */
  label: string;
  unit: string;
  comparison: Comparison;
  aim: number;
  median: number;
  min: number;
  max: number;
  samples: number[];
  meetsAim: boolean;
  /** Said instead of the figure, for a check that is met or not (the golden replay). */
  note?: string;
}

/**
 * The median of the values: the middle one, or the mean of the two middle ones; NaN for none.
 *
 * @example
 * median([3, 1, 2]) // 2
 * median([4, 1, 3, 2]) // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The index of the sample at the (lower) median: the run whose details stand for all of them.
 *
 * @example
 * medianIndex([0.5, 0.3, 0.4]) // 2
 */
export function medianIndex(values: readonly number[]): number {
  if (values.length === 0) return -1;
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  return order[Math.floor((order.length - 1) / 2)]!;
}

/**
 * The median and range of the samples, rounded to `digits` decimals (the samples in run order).
 *
 * @example
 * spread([0.41, 0.46, 0.43]) // { median: 0.43, min: 0.41, max: 0.46, samples: [0.41, 0.46, 0.43] }
 */
export function spread(samples: readonly number[], digits = 3): Spread {
  const round = (n: number) => roundTo(n, digits);
  return {
    median: round(median(samples)),
    min: round(samples.length ? Math.min(...samples) : Number.NaN),
    max: round(samples.length ? Math.max(...samples) : Number.NaN),
    samples: samples.map(round),
  };
}

/**
 * Whether a figure meets its aim; NaN (nothing measured) never does.
 *
 * @example
 * meets(0.5, '>=', 0.5) // true
 * meets(1000, '<', 1000) // false
 */
export function meets(value: number, comparison: Comparison, aim: number): boolean {
  if (Number.isNaN(value)) return false;
  if (comparison === '>=') return value >= aim;
  if (comparison === '<=') return value <= aim;
  return value < aim;
}

/**
 * An aim judged on the median of its samples.
 *
 * @example
 * judge({ id: 'engine', label: 'engine / raw', unit: '×', comparison: '>=', aim: 0.5 }, [0.48, 0.52, 0.51])
 * // { …, median: 0.51, min: 0.48, max: 0.52, meetsAim: true }
 */
export function judge(
  what: Pick<AimResult, 'id' | 'label' | 'unit' | 'comparison' | 'aim'>,
  samples: readonly number[],
  digits = 3,
): AimResult {
  const figure = spread(samples, digits);
  return { ...what, ...figure, meetsAim: meets(median(samples), what.comparison, what.aim) };
}

/**
 * An aim judged on a spread already taken (its median is the verdict's).
 *
 * @example
 * judgeSpread({ id: 'telegram', label: 'path / echo', unit: '×', comparison: '>=', aim: 0.8 }, spread([0.7, 0.9]))
 * // { …, median: 0.8, meetsAim: true }
 */
export function judgeSpread(
  what: Pick<AimResult, 'id' | 'label' | 'unit' | 'comparison' | 'aim'>,
  figure: Spread,
): AimResult {
  return { ...what, ...figure, meetsAim: meets(figure.median, what.comparison, what.aim) };
}

/**
 * A figure with its range for people: the median, then min–max and how many samples.
 *
 * @example
 * showSpread(spread([0.41, 0.46, 0.43]), 'pairs') // '0.43 (0.41–0.46, 3 pairs)'
 */
export function showSpread(figure: Spread, what = 'pairs', unit = ''): string {
  if (figure.samples.length <= 1) return `${figure.median}${unit}`;
  return `${figure.median}${unit} (${figure.min}–${figure.max}${unit}, ${figure.samples.length} ${what})`;
}

/**
 * The table rows of the verdicts: one an aim, 'met' or 'NOT met' from the median.
 *
 * @example
 * aimRows([judge({ id: 'engine', label: 'engine / raw', unit: '×', comparison: '>=', aim: 0.5 }, [0.4, 0.5, 0.6])])
 * // [['engine / raw', 'met — median 0.5 × (0.4–0.6 ×, 3 samples), aim ≥ 0.5 ×']]
 */
export function aimRows(aims: readonly AimResult[]): [string, string][] {
  const sign = { '>=': '≥', '<=': '≤', '<': '<' } as const;
  return aims.map((a) => {
    const unit = a.unit === '' ? '' : ` ${a.unit}`;
    if (a.note !== undefined) return [a.label, `${a.meetsAim ? 'met' : 'NOT met'} — ${a.note}`];
    return [
      a.label,
      `${a.meetsAim ? 'met' : 'NOT met'} — median ${showSpread(a, 'samples', unit)}, aim ${sign[a.comparison]} ${a.aim}${unit}`,
    ];
  });
}

/**
 * `n` rounded to `digits` decimals.
 *
 * @example
 * roundTo(0.12345, 3) // 0.123
 */
export function roundTo(n: number, digits: number): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}
