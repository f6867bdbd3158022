import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay } from '../../src/cli/replay.ts';
import { takeSnapshot } from '../../src/store/snapshot.ts';
import { openDatabase } from '../../src/store/database.ts';
import { Statements } from '../../src/store/statements.ts';
import { goldenConversation } from '../../bench/replay-workload.ts';
import { tempDir } from '../support/temp-dir.ts';

/**
 * The safety net for work on the engine's speed (issue 13): a large generated conversation over
 * several teams (requests, votes, pot and cap refusals, corrections, expiries, overviews, /saldo,
 * /rapport) must give, byte for byte, the replies and state recorded in test/golden/ by the code
 * before that work. A change to what the bot says or books shows up here as a diff.
 */
const { lines, config, until } = goldenConversation();
const GOLDEN = '../golden/replay-golden.json';

describe('replay of a large generated conversation', () => {
  it('gives the recorded replies and state, byte for byte', async () => {
    const db = openDatabase(':memory:');
    const result = await replay(db, lines, { config, until });
    db.close();
    await expect(JSON.stringify(result, null, 2)).toMatchFileSnapshot(GOLDEN);
  });

  it('leaves a database file whose read-only state is the recorded state', async () => {
    const path = join(tempDir('mmb-golden-'), 'state.sqlite');
    const db = openDatabase(path);
    const result = await replay(db, lines, { config, until });
    db.close();
    const readOnly = openDatabase(path, { access: 'read' });
    const state = JSON.stringify(takeSnapshot(new Statements(readOnly)), null, 2);
    readOnly.close();
    const { replies: _replies, ...recorded } = result;
    expect(state).toBe(JSON.stringify(recorded, null, 2));
    await expect(
      JSON.stringify({ replies: result.replies, ...JSON.parse(state) }, null, 2),
    ).toMatchFileSnapshot(GOLDEN);
  });
});
