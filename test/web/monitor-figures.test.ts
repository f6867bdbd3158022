import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export.ts';
import type { Monitor } from '../../src/web/web-server.ts';
import type { Harness } from '../support/harness.ts';
import { tempDir } from '../support/temp-dir.ts';
import { ask, monitorBot, monitorOn, privately, signIn } from './web-fixture.ts';

let h: Harness;
let file: string;
let monitor: Monitor;

beforeAll(async () => {
  ({ h, file } = monitorBot());
  monitor = await monitorOn(file, h);
});

afterAll(async () => {
  await monitor?.close();
});

/** The text of each cell of each row of the table with this id. */
function rowsOf(page: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(page)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, '')
        .replaceAll('\u00a0', ' ')
        .trim(),
    ),
  );
}

describe("the monitor's figures", () => {
  it('shows for the running round what /rapport says in the private chat', async () => {
    const cookie = await signIn(h, monitor.port, 'nina');
    const page = (await ask(monitor.port, '/', { cookie })).body;
    const rapport = privately(h, 'nina', '/rapport alle');
    for (const [team, name] of [
      ['noord', 'Team Noord'],
      ['zuid', 'Team Zuid'],
    ] as const) {
      const part = rapport.split('\n\n').find((p) => p.includes(`Tussenstand ${name}`))!;
      const [, count, amount] = /Toegekend: (\d+)× · (€ [\d.,]+)/.exec(part)!;
      const [, balance, reserved] = /Saldo (€ [\d.,]+) · gereserveerd (€ [\d.,]+)/.exec(part)!;
      const row = rowsOf(page, 'tabel-ronde').find((r) => r[0] === name)!;
      expect(row.slice(2, 6), team).toEqual([amount, count, balance, reserved]);
    }
  });

  it('downloads for a range the same CSV as mmb export --from --to', async () => {
    const cookie = await signIn(h, monitor.port, 'coco');
    const download = await ask(
      monitor.port,
      '/download?team=noord&soort=periode&van=2026-02-01&tot=2026-03-15&formaat=csv',
      { cookie },
    );
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="mmb-noord-2026-02-01-2026-03-15.csv"',
    );
    const out = join(tempDir('mmb-web-range-'), 'noord.csv');
    process.env.MMB_DB = file;
    try {
      expect(
        await runExport(
          ['--team', 'noord', '--from', '2026-02-01', '--to', '2026-03-15', '--out', out],
          h.clock.now(),
        ),
      ).toBe(0);
    } finally {
      delete process.env.MMB_DB;
    }
    expect(download.body).toBe(readFileSync(out, 'utf8'));
    expect(download.body).not.toContain('Huishouden');
    // Not a team of coco's: nothing to download.
    const other = await ask(monitor.port, '/download?team=zuid&soort=jaar&jaar=2026&formaat=csv', {
      cookie,
    });
    expect(other.status).toBe(404);
  });
});
