import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DeliveryError } from '../../src/delivery/port/delivery-error.ts';
import { openDatabase } from '../../src/store/database.ts';
import {
  deliverOnce,
  harnessOnFile,
  inProcess as run,
  restoreStubsAfterEach,
} from '../support/cli-in-process.ts';
import { tempDir } from '../support/temp-dir.ts';

restoreStubsAfterEach();

/**
 * A bot database with chat `noord`: the first message (the overview the harness catches up on)
 * was given up (the bot was removed from the group); the request message failed once and waits
 * for its next attempt, the tally after the first vote waits behind it.
 */
async function databaseWithFailures(): Promise<string> {
  const { h, file } = harnessOnFile('mmb-outbox-');
  h.say('anna', 'grofvuil €33 voor huishouden 12');
  await deliverOnce(h, async () => {
    throw new DeliveryError('removed from the group', { permanent: true });
  });
  h.say('bas', 'ja #1');
  await deliverOnce(h, async () => {
    throw new DeliveryError('network', { retryAfterMs: 3_600_000 });
  });
  h.db.close();
  vi.stubEnv('MMB_DB', file);
  vi.stubEnv('MMB_CONFIG', '');
  return file;
}

const rows = (file: string) => {
  const db = openDatabase(file, { access: 'read' });
  const result = db
    .prepare('SELECT id, purpose, attempts, failed_at, next_attempt_at FROM outbox ORDER BY id')
    .all() as { id: number; purpose: string; attempts: number; failed_at: number | null }[];
  db.close();
  return result;
};

describe('npx mmb outbox', () => {
  it('lists what waits and what was given up, without message text unless --text', async () => {
    const file = await databaseWithFailures();
    const bytes = readFileSync(file);
    const listed = await run('outbox');
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n').slice(0, 5)).toEqual([
      'Wacht op verzending: 2',
      '  #2  noord  request-opened  1 poging, laatste fout DeliveryError, volgende poging ma 2 mrt 10:00',
      '  #3  noord  tally  0 pogingen, volgende poging ma 2 mrt 09:00',
      'Opgegeven: 1',
      '  #1  noord  overview  1 poging, laatste fout DeliveryError, opgegeven ma 2 mrt 09:00',
    ]);
    expect(listed.stdout).toContain('mmb outbox --retry NUMMER');
    expect(listed.stdout).not.toContain('grofvuil');
    expect(readFileSync(file).equals(bytes)).toBe(true); // read-only

    const withText = await run('outbox', '--text');
    expect(withText.stdout).toContain('grofvuil');
  });

  it('--retry ID puts one given-up message back: attempts 0, next attempt now', async () => {
    const file = await databaseWithFailures();
    const before = Date.now();
    const result = await run('outbox', '--retry', '1');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Teruggezet: #1\./);
    const [first, second] = rows(file);
    expect(first).toMatchObject({ id: 1, attempts: 0, failed_at: null });
    expect(
      (first as unknown as { next_attempt_at: number }).next_attempt_at,
    ).toBeGreaterThanOrEqual(before);
    expect(second).toMatchObject({ id: 2, attempts: 1, failed_at: null });
    const listed = await run('outbox');
    expect(listed.stdout).toContain('Opgegeven: 0');
  });

  it('--all-failed puts every given-up message back, in one transaction', async () => {
    const file = await databaseWithFailures();
    expect((await run('outbox', '--all-failed')).stdout).toMatch(/^Teruggezet: #1\./);
    expect(rows(file).filter((row) => row.failed_at !== null)).toHaveLength(0);
    expect((await run('outbox', '--all-failed')).stdout).toBe(
      'Er waren geen opgegeven berichten; er is niets veranderd.',
    );
  });

  it('refuses wrong input with exit 2 and changes nothing', async () => {
    const file = await databaseWithFailures();
    const before = rows(file);
    const cases: [string[], RegExp][] = [
      [['--retry', 'abc'], /geen berichtnummer/],
      [['--retry', '0'], /geen berichtnummer/],
      [['--retry', '99'], /geen bericht #99/],
      [['--retry', '2'], /#2 is niet opgegeven/],
      [['--retry', '1', '--retry', '2'], /#2 is niet opgegeven/], // #1 is not put back either
      [['--retry', '1', '--all-failed'], /niet allebei/],
      [['--bogus'], /De optie --bogus ken ik niet/],
      [['iets'], /Onbekend argument/],
    ];
    for (const [args, message] of cases) {
      const result = await run('outbox', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      // One line, and the one usage line of mmb outbox: never the whole list.
      expect(result.stderr.split('\n')).toEqual([
        expect.stringMatching(/^mmb: /),
        'gebruik: mmb outbox [--text] | --retry ID | --all-failed',
      ]);
    }
    expect(rows(file)).toEqual(before);
  });

  it('refuses a database that is not there (exit 2) and creates none', async () => {
    const dir = tempDir('mmb-outbox-');
    vi.stubEnv('MMB_DB', join(dir, 'nope.sqlite'));
    vi.stubEnv('MMB_CONFIG', '');
    expect((await run('outbox')).code).toBe(2);
    expect((await run('outbox', '--all-failed')).code).toBe(2);
  });
});
