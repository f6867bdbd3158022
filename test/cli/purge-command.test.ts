import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { inWriteTransaction, openDatabase } from '../../src/store/database.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import { purgeReport } from '../../src/cli/purge.ts';
import {
  deliverOnce,
  harnessOnFile,
  inProcess as run,
  restoreStubsAfterEach,
} from '../support/cli-in-process.ts';
import { tempDir } from '../support/temp-dir.ts';

restoreStubsAfterEach();

/** A bot database from March 2026 (long past any retention now): a grant, chatter, an export. */
async function oldDatabase(): Promise<string> {
  const { h, file } = harnessOnFile('mmb-purge-');
  h.say('erik', 'goedemorgen');
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  for (const who of ['bas', 'carla', 'dirk']) h.say(who, 'ja #1');
  const file1 = { filename: 'a.csv', mediaType: 'text/csv', data: new Uint8Array(2048) };
  inWriteTransaction(h.db, () =>
    enqueue(h.engine.sql, 'telegram:-5', { text: 'wacht', files: [file1] }, h.clock.now()),
  );
  await deliverOnce(h, async (message) => ({ platformMessageId: `p${message.id}` }));
  h.db.close();
  return file;
}

const tables = (file: string) => {
  const db = openDatabase(file);
  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  const result = {
    texts: n("SELECT count(*) FROM outbox WHERE text <> ''"),
    inbox: n('SELECT count(*) FROM inbox'),
    members: n('SELECT count(*) FROM members'),
    files: n('SELECT count(*) FROM outbox_files'),
    requests: n('SELECT count(*) FROM requests'),
    ledger: n('SELECT count(*) FROM ledger'),
  };
  db.close();
  return result;
};

describe('npx mmb purge', () => {
  it('shows what would go with --dry-run and changes nothing; then purges, in Dutch', async () => {
    const file = await oldDatabase();
    vi.stubEnv('MMB_DB', file);
    vi.stubEnv('MMB_CONFIG', '');
    vi.stubEnv('MMB_RETENTION_DAYS', '');
    const before = tables(file);
    expect(before).toMatchObject({ inbox: 5, members: 5, files: 1, requests: 1 });

    const dry = await run('purge', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')).toEqual([
      'Proefdraai: er is niets veranderd. Dit zou worden opgeruimd (bewaartermijn 30 dagen, MMB_RETENTION_DAYS):',
      '  0 bestanden van verstuurde berichten (0 bytes)',
      `  ${before.texts - 1} teksten van verstuurde berichten ouder dan 30 dagen`,
      '  5 sleutels van binnengekomen berichten ouder dan 30 dagen',
      '  5 namen van leden die 30 dagen niet gezien zijn (coördinatoren en adviseurs houden hun naam)',
      '  0 verzendingen van overzichten aan abonnees ouder dan 30 dagen of na opzeggen',
      'Aanvragen, stemmen, boekingen en opgeslagen overzichten blijven bewaard.',
    ]);
    expect(tables(file)).toEqual(before);

    const purged = await run('purge');
    expect(purged.code).toBe(0);
    expect(purged.stdout).toContain('Opgeruimd (bewaartermijn 30 dagen, MMB_RETENTION_DAYS):');
    expect(purged.stdout).toContain('5 sleutels van binnengekomen berichten');
    expect(tables(file)).toEqual({
      ...before,
      texts: 1, // the message still waiting for Telegram
      inbox: 0,
      members: 0,
    });

    const again = await run('purge');
    expect(again.stdout).toContain('  0 sleutels van binnengekomen berichten ouder dan 30 dagen');
  });

  it('refuses a database that is not there (exit 2, MMB_DB named) and an unknown option', async () => {
    const dir = tempDir('mmb-purge-');
    vi.stubEnv('MMB_DB', join(dir, 'weg', 'mmb.sqlite'));
    const missing = await run('purge');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('MMB_DB');
    expect(existsSync(join(dir, 'weg'))).toBe(false);
    expect((await run('purge', '--days', '3')).code).toBe(2);
  });
});

describe('purgeReport', () => {
  it('says one or many, and sizes in Dutch', () => {
    const one = { files: 1, fileBytes: 48_213, texts: 1, inboxKeys: 1, members: 1 };
    expect(purgeReport({ ...one, subscriptionSends: 1 }, 30, false)).toEqual([
      'Opgeruimd (bewaartermijn 30 dagen, MMB_RETENTION_DAYS):',
      '  1 bestand van een verstuurd bericht (47,1 kB)',
      '  1 tekst van een verstuurd bericht ouder dan 30 dagen',
      '  1 sleutel van een binnengekomen bericht ouder dan 30 dagen',
      '  1 naam van een lid dat 30 dagen niet gezien is (coördinatoren en adviseurs houden hun naam)',
      '  1 verzending van een overzicht aan een abonnee ouder dan 30 dagen of na opzeggen',
      'Aanvragen, stemmen, boekingen en opgeslagen overzichten blijven bewaard.',
    ]);
    expect(purgeReport({ ...one, subscriptionSends: 4 }, 30, true)[5]).toBe(
      '  4 verzendingen van overzichten aan abonnees ouder dan 30 dagen of na opzeggen',
    );
  });
});
