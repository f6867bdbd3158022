import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { isDatabaseLocked, lockDatabase, openBotDatabase } from '../../src/store/bot-lock.ts';
import { DatabaseError } from '../../src/store/database-errors.ts';

// The two-process tests (two `mmb start`, a crashed bot, two at the same moment) are in
// bot-process.test.ts; these run the lock inside one process.

const tempFile = () => join(tempDir('mmb-lock-'), 'sub', 'mmb.sqlite');

/** What `open` threw (it must throw a DatabaseError of one line). */
function refusal(open: () => unknown): DatabaseError {
  try {
    open();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).message).not.toContain('\n');
    return error as DatabaseError;
  }
  throw new Error('expected a refusal');
}

describe('one bot per database', () => {
  it('refuses a second lock on the same database, naming the first; free again after release', () => {
    const file = tempFile();
    const first = lockDatabase(file, { label: 'MMB_DB' }, new Date('2026-11-27T08:30:00Z'));
    expect(isDatabaseLocked(file)).toBe(true);
    const problem = refusal(() => lockDatabase(file, { label: 'MMB_DB' }));
    expect(problem.message).toBe(
      `Er draait al een bot op ${file} (MMB_DB): pid ${process.pid} op ${hostnameOf()}, draait sinds 2026-11-27 09:30:00 (Amsterdamse tijd). Twee zouden elk antwoord dubbel sturen: stop die eerst (mmb state, export en backup mogen ernaast draaien).`,
    );
    expect(problem.exitCode).toBe(2);
    first.release();
    first.release(); // twice is fine
    expect(isDatabaseLocked(file)).toBe(false);
    const again = openBotDatabase(file);
    expect(isDatabaseLocked(file)).toBe(true);
    again.db.close();
    again.lock.release();
  });

  it('locks the file, not its name: a second bot through a symbolic link is refused, and a file with two names (a hard link) is refused at all', () => {
    const file = tempFile();
    const first = openBotDatabase(file, { label: 'MMB_DB' });
    const dir = tempDir('mmb-links-');
    const link = join(dir, 'via-link.sqlite');
    symlinkSync(file, link);
    expect(refusal(() => lockDatabase(link, { label: 'MMB_DB' })).code).toBe('LOCKED');
    const folderLink = join(dir, 'folder');
    symlinkSync(join(file, '..'), folderLink);
    expect(refusal(() => lockDatabase(join(folderLink, 'mmb.sqlite'))).code).toBe('LOCKED');

    const other = join(dir, 'hard', 'mmb.sqlite');
    mkdirSync(join(other, '..'));
    linkSync(file, other);
    const linked = refusal(() => lockDatabase(other, { label: 'MMB_DB' }));
    expect(linked.code).toBe('LINKED');
    expect(linked.exitCode).toBe(2);
    expect(linked.message).toContain(`${other} (MMB_DB) heeft 2 namen (harde links)`);
    first.db.close();
    first.lock.release();
    // Also with no bot running: either name would start its own.
    expect(refusal(() => lockDatabase(file)).code).toBe('LINKED');
  });

  it('takes no lock for a database path that cannot be one, and leaves no lock file', () => {
    const dir = tempDir('mmb-db-');
    expect(refusal(() => lockDatabase(dir)).message).toContain('is een map');
    expect(
      readdirSync(join(dir, '..')).filter((f) => f === `${dir.split('/').pop()}.lock`),
    ).toEqual([]);
  });
});

function hostnameOf(): string {
  return execFileSync('hostname', { encoding: 'utf8' }).trim();
}
