import { describe, expect, it } from 'vitest';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { pendingMessages } from '../../src/delivery/outbox.ts';
import { Engine } from '../../src/engine/engine.ts';
import { overviewsToCsv } from '../../src/overview/export-csv.ts';
import { EXPORT_JOB_MEDIA_TYPE } from '../../src/overview/export-job.ts';
import { overviewsToPdf } from '../../src/overview/export-pdf.ts';
import { overviewFor } from '../../src/overview/overview-store.ts';
import { findTeam } from '../../src/store/teams.ts';
import { Harness } from '../support/harness.ts';
import { NOORD_CONFIG } from '../support/team-noord.ts';

const filesOf = (h: Harness) =>
  h.engine.sql.all<{ filename: string; media_type: string; data: Buffer }>(
    'SELECT filename, media_type, data FROM outbox_files ORDER BY outbox_id, position',
  );

const afterOneRound = () => {
  const h = new Harness(NOORD_CONFIG, '2026-01-05T10:00:00+01:00');
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
  h.at('2026-02-20T10:00:00+01:00');
  h.texts();
  h.db.exec('UPDATE outbox SET sent_at = 1'); // delivered: the export's reply is next in the chat
  return h;
};

/** `/export` committed, and the bot stopped before it rendered the files (a crash). */
const crashedAfterCommit = () => {
  const h = afterOneRound();
  const batch = h.engine.beginBatch(); // the render waits for the batch's commit…
  h.say('coco', '/export', { batch });
  h.db.exec('COMMIT'); // …which happens, and then the process dies
  return h;
};

const restart = (h: Harness) =>
  new Engine({ db: h.db, clock: h.clock, config: BotConfigSchema.parse(NOORD_CONFIG) });

describe('/export renders its files after the commit', () => {
  it('gives the bytes of the overview rendered directly', () => {
    const h = afterOneRound();
    h.say('coco', '/export');
    const sql = h.engine.sql;
    const overview = overviewFor(sql, findTeam(sql, 'noord')!, { kind: 'previous' }, h.clock.now());
    const [csv, pdf] = filesOf(h);
    const options = { households: false };
    expect(new Uint8Array(csv!.data)).toEqual(overviewsToCsv([overview!], options));
    expect(new Uint8Array(pdf!.data)).toEqual(overviewsToPdf([overview!], options));
    expect(pendingMessages(sql, h.clock.now()).map((m) => m.purpose)).toEqual(['export']);
  });

  it('holds the reply back while its files are not rendered, and renders them at the next start', () => {
    const h = crashedAfterCommit();
    const far = new Date('2100-01-01T00:00:00Z');
    expect(filesOf(h).map((f) => f.media_type)).toEqual([EXPORT_JOB_MEDIA_TYPE]);
    expect(pendingMessages(h.engine.sql, far)).toEqual([]); // never delivered as it is

    restart(h);
    const normal = afterOneRound();
    normal.say('coco', '/export');
    expect(filesOf(h)).toEqual(filesOf(normal));
    const [message] = pendingMessages(h.engine.sql, h.clock.now());
    expect(message!.text).toBe(pendingMessages(normal.engine.sql, normal.clock.now())[0]!.text);
    expect(message!.files.map((f) => f.filename)).toEqual([
      'mmb-noord-ronde-1.csv',
      'mmb-noord-ronde-1.pdf',
    ]);
  });

  it('sends the reply without files, and says so, when they cannot be rendered', () => {
    const h = crashedAfterCommit();
    h.db.prepare('UPDATE outbox_files SET data = ?').run(Buffer.from('{'));
    restart(h);
    expect(filesOf(h)).toEqual([]);
    const [message] = pendingMessages(h.engine.sql, h.clock.now());
    expect(message!.purpose).toBe('export');
    expect(message!.text).toContain('De bestanden konden niet worden gemaakt');
  });
});
