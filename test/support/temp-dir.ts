import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/**
 * A new empty folder under the system's temp folder, removed again when the test that made it
 * finishes (or, made outside a test, when the file's tests are done).
 *
 * @example
 * const db = join(tempDir('mmb-db-'), 'mmb.sqlite')
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterAll(remove);
  }
  return dir;
}
