import { describe, expect, it } from 'vitest';
import { Harness } from '../support/harness.ts';
import { NOORD_CONFIG } from '../support/team-noord.ts';

const config = NOORD_CONFIG;

const filesOf = (h: Harness) =>
  h.engine.sql.all<{ filename: string; media_type: string; data: Buffer }>(
    'SELECT filename, media_type, data FROM outbox_files ORDER BY outbox_id, position',
  );

const afterOneRound = () => {
  const h = new Harness(config, '2026-01-05T10:00:00+01:00');
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
  h.at('2026-02-20T10:00:00+01:00');
  h.texts();
  return h;
};

describe('/export in the chat', () => {
  it('sends the last finished round as a CSV and a PDF, without household codes', () => {
    const h = afterOneRound();
    h.say('coco', '/export');
    expect(h.texts()).toEqual([
      '📎 Overzicht Team Noord, 5 jan 2026 t/m 16 feb 2026: CSV voor Excel en PDF om te delen (zonder huishoudcodes).',
    ]);
    const [csv, pdf] = filesOf(h);
    expect(csv).toMatchObject({ filename: 'mmb-noord-ronde-1.csv', media_type: 'text/csv' });
    expect(pdf).toMatchObject({ filename: 'mmb-noord-ronde-1.pdf', media_type: 'application/pdf' });
    const csvText = csv!.data.toString('utf8');
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    expect(csvText).toContain('33,00');
    expect(csvText).not.toContain('Huishouden');
    expect(pdf!.data.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('puts the household codes in only when asked', () => {
    const h = afterOneRound();
    h.say('coco', '/export vorige met huishoudens');
    expect(h.texts()[0]).toContain('(met huishoudcodes: niet verder delen)');
    expect(filesOf(h)[0]!.data.toString('utf8')).toContain('Huishouden');
  });

  it('is for coordinators and communicatieadviseurs only', () => {
    const h = afterOneRound();
    h.say('anna', '/export');
    expect(h.texts()).toEqual([
      'Alleen een coördinator of communicatieadviseur kan een overzicht exporteren. Vraag het aan coco.',
    ]);
    h.say('coco', '/adviseur nina');
    h.say('nina', '/export 2026');
    expect(h.texts()[1]).toContain('📎 Overzicht Team Noord, 1 jan 2026 t/m 31 dec 2026');
    expect(filesOf(h).map((f) => f.filename)).toEqual([
      'mmb-noord-2026-01-01-2026-12-31.csv',
      'mmb-noord-2026-01-01-2026-12-31.pdf',
    ]);
  });

  it('explains what it understands when the words are unclear', () => {
    const h = afterOneRound();
    h.say('coco', '/export alles graag');
    expect(h.texts()).toEqual([
      'Typ /export, /export ronde 3, /export 2026, eventueel met "met huishoudens" erachter.',
    ]);
    expect(filesOf(h)).toEqual([]);
  });
});
