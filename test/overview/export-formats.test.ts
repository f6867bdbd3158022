import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXPORT_USAGE, parseExportArgs, runExport } from '../../src/cli/export.ts';
import { EXPORT_FORMATS } from '../../src/overview/export-formats.ts';
import type { Overview } from '../../src/overview/overview.ts';
import { overviewFor } from '../../src/overview/overview-store.ts';
import { openDatabase } from '../../src/store/database.ts';
import { Statements } from '../../src/store/statements.ts';
import { findTeam } from '../../src/store/teams.ts';
import { EXPORT_CONFIG, exportFixture } from './fixture.ts';

/** After both cycles of the fixture: noord's cycle 2 is the last finished round. */
const NOW = new Date('2026-03-30T10:00:00+02:00');
let dir = '';
let overview: Overview;
let chatFiles: { filename: string; media_type: string; data: Buffer }[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmb-export-formats-'));
  const db = openDatabase(join(dir, 'mmb.sqlite'));
  const h = exportFixture({ db });
  h.db.exec('UPDATE outbox SET sent_at = 1'); // delivered: the export's reply is next in the chat
  const before = h.engine.sql.number('SELECT coalesce(max(id), 0) FROM outbox');
  h.say('coco', '/export ronde 2');
  chatFiles = h.engine.sql.all(
    'SELECT filename, media_type, data FROM outbox_files WHERE outbox_id > ? ORDER BY outbox_id, position',
    before,
  );
  const sql = new Statements(db);
  overview = overviewFor(sql, findTeam(sql, 'noord')!, { kind: 'cycle', cycle: 2 }, NOW)!;
  db.close();
  writeFileSync(join(dir, 'teams.json'), JSON.stringify(EXPORT_CONFIG));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('every export format of the table works through the chat and the command line', () => {
  it('holds the CSV and the PDF today', () => {
    expect(EXPORT_FORMATS.map((format) => format.name)).toEqual(['csv', 'pdf']);
  });

  it('/export sends one file per format, in the table order, rendered by the format', () => {
    expect(chatFiles.map((file) => [file.filename, file.media_type])).toEqual(
      EXPORT_FORMATS.map((format) => [`mmb-noord-ronde-2.${format.name}`, format.mediaType]),
    );
    for (const [index, format] of EXPORT_FORMATS.entries())
      expect(new Uint8Array(chatFiles[index]!.data)).toEqual(
        format.render([overview], { households: false }),
      );
  });

  it.each(EXPORT_FORMATS.map((format) => [format.name, format] as const))(
    'mmb export --format %s writes what the format renders, and takes it from --out too',
    async (name, format) => {
      expect(EXPORT_USAGE).toContain(name);
      expect(parseExportArgs(['--all', '--out', `x.${name}`], '2026-03-30').format).toBe(name);
      const env = { MMB_DB: process.env.MMB_DB, MMB_CONFIG: process.env.MMB_CONFIG };
      process.env.MMB_DB = join(dir, 'mmb.sqlite');
      process.env.MMB_CONFIG = join(dir, 'teams.json');
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        const out = join(dir, `noord.${name}`);
        const args = ['--team', 'noord', '--cycle', '2', '--format', name, '--out', out];
        expect(await runExport(args, NOW)).toBe(0);
        expect(new Uint8Array(readFileSync(out))).toEqual(
          format.render([overview], { households: false }),
        );
      } finally {
        log.mockRestore();
        for (const [key, value] of Object.entries(env))
          if (value === undefined) delete process.env[key];
          else process.env[key] = value;
      }
    },
  );
});
