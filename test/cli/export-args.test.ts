import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseExportArgs, ProgressBar, runExport } from '../../src/cli/export.ts';

const TODAY = '2026-04-02';
const parse = (...args: string[]) => parseExportArgs(args, TODAY);

describe('mmb export arguments', () => {
  it('defaults to the previous cycle, as CSV, without household codes', () => {
    expect(parse('--team', 'noord')).toEqual({
      teams: ['noord'],
      request: { kind: 'previous' },
      format: 'csv',
      out: null,
      households: false,
    });
    expect(parse('--all', '--cycle', 'vorige').teams).toBe('all');
    expect(parse('--all', '--cycle', '3').request).toEqual({ kind: 'cycle', cycle: 3 });
    expect(parse('--all', '--cycle', 'huidige').request).toEqual({ kind: 'current' });
    expect(parse('--team', 'noord', '--team', 'zuid', '--team', 'noord').teams).toEqual([
      'noord',
      'zuid',
    ]);
  });

  it('reads --from/--to as whole local days: [from 00:00, to + 1 day 00:00) in Amsterdam', () => {
    expect(parse('--all', '--from', '2026-03-01', '--to', '2026-03-31').request).toEqual({
      kind: 'range',
      from: new Date('2026-02-28T23:00:00Z'), // 1 March 00:00 CET
      to: new Date('2026-03-31T22:00:00Z'), // 1 April 00:00 CEST
    });
    expect(parse('--all', '--from', '2026-03-29', '--to', '2026-03-29').request).toEqual({
      kind: 'range',
      from: new Date('2026-03-28T23:00:00Z'),
      to: new Date('2026-03-29T22:00:00Z'), // a 23-hour day: summer time starts
    });
    expect(parse('--all', '--from', '2026-03-01').request).toMatchObject({
      to: new Date('2026-04-02T22:00:00Z'), // --to defaults to today
    });
  });

  it('takes the format from --format or the extension of --out', () => {
    expect(parse('--all', '--out', 'x.PDF').format).toBe('pdf');
    expect(parse('--all', '--format', 'pdf').format).toBe('pdf');
    expect(parse('--all', '--out', 'overzicht').format).toBe('csv');
    expect(parse('--all', '--met-huishoudens').households).toBe(true);
  });

  it('names the option that is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['--team'], /--team/],
      [['--team', 'noord', '--all'], /--team en --all/],
      [['--team', 'noord', 'extra'], /extra|argument/],
      [['--team', 'no ord'], /--team "no ord"/],
      [['--all', '--cycle', '0'], /--cycle "0"/],
      [['--all', '--cycle', '2', '--from', '2026-01-01'], /--cycle en --from/],
      [['--all', '--to', '2026-01-01'], /--to heeft --from nodig/],
      [['--all', '--from', '1-3-2026'], /--from "1-3-2026"/],
      [['--all', '--from', '2026-02-29'], /--from "2026-02-29"/],
      [['--all', '--from', '2026-01-01', '--to', '2026-13-01'], /--to "2026-13-01"/],
      [['--all', '--format', 'xls'], /--format "xls"/],
      [['--all', '--format', 'csv', '--out', 'a.pdf'], /--out eindigt op .pdf/],
      [['--all', '--out', 'map/'], /--out "map\/"/],
      [['--all', '--huishoudens'], /--huishoudens/],
    ];
    for (const [args, message] of cases) {
      expect(() => parse(...args), args.join(' ')).toThrow(message);
    }
  });
});

describe('the progress bar', () => {
  it('redraws in place on a terminal and clears itself', () => {
    const written: string[] = [];
    const bar = new ProgressBar(
      { isTTY: true, write: (t: string) => written.push(t) },
      4,
      'export',
    );
    bar.tick('Team Noord');
    bar.tick('Team Zuid');
    bar.finish();
    expect(written[0]).toMatch(/^\rexport \[#{6}-{18}\] 1\/4 Team Noord/);
    expect(written[1]).toMatch(/^\rexport \[#{12}-{12}\] 2\/4 Team Zuid/);
    expect(written[2]).toBe('\r\x1b[2K');
  });

  it('stays silent when stderr is not a terminal', () => {
    const written: string[] = [];
    const bar = new ProgressBar({ write: (t: string) => written.push(t) }, 2, 'export');
    bar.tick('a');
    bar.finish();
    expect(written).toEqual([]);
  });
});

describe('runExport', () => {
  it('does not create a database that is not there (exit 2, MMB_DB named)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmb-nodb-'));
    const missing = join(dir, 'weg', 'mmb.sqlite');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubEnv('MMB_DB', missing);
    vi.stubEnv('MMB_CONFIG', '');
    try {
      expect(await runExport(['--all', '--out', join(dir, 'x.csv')])).toBe(2);
      expect(errors.mock.calls.join(' ')).toContain('MMB_DB');
      expect(existsSync(join(dir, 'weg'))).toBe(false);
      expect(existsSync(join(dir, 'x.csv'))).toBe(false);
    } finally {
      vi.unstubAllEnvs();
      errors.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
