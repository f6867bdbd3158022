const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Parses a duration as written in the team configuration: a whole number and `m`, `h` or `d`.
 * Returns milliseconds, or null when the text is not such a duration.
 *
 * @example
 * parseDuration('24h') // 86400000
 * parseDuration('90m') // 5400000
 * parseDuration('0')   // 0
 */
export function parseDuration(text: string): number | null {
  if (text.trim() === '0') return 0;
  const match = /^(\d{1,4})\s*([mhd])$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
