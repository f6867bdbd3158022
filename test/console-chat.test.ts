import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleChat, readConsoleLine } from '../adapters/console/console-chat.ts';
import { CONSOLE_CHAT, ensureDemoTeam } from '../adapters/console/demo-team.ts';
import { VirtualClock } from '../src/clock.ts';
import { openDatabase } from '../src/database.ts';
import { Dispatcher } from '../src/dispatcher.ts';
import { Engine } from '../src/engine.ts';
import { silentLogger } from '../src/logger.ts';

describe('readConsoleLine', () => {
  it('reads who speaks from a name before a colon', () => {
    expect(readConsoleLine('bas: ja', 'anna')).toEqual({ speaker: 'bas', text: 'ja' });
    expect(readConsoleLine('ja #2', 'anna')).toEqual({ speaker: 'anna', text: 'ja #2' });
    expect(readConsoleLine('/saldo', 'anna')).toEqual({ speaker: 'anna', text: '/saldo' });
  });
});

describe('the console chat', () => {
  it('runs a whole request through the real engine and prints the replies', async () => {
    const filesDir = join(mkdtempSync(join(tmpdir(), 'mmb-console-')), 'exports');
    const clock = new VirtualClock(new Date('2026-03-02T09:00:00+01:00'));
    const engine = new Engine({ db: openDatabase(':memory:'), clock });
    ensureDemoTeam(engine, clock.now());
    const dispatcher = new Dispatcher(engine.sql, clock);
    engine.onChange(() => void dispatcher.flush());
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => (printed += chunk));
    const chat = new ConsoleChat({
      engine,
      dispatcher,
      clock,
      logger: silentLogger,
      input,
      output,
      chatId: CONSOLE_CHAT,
      filesDir,
    });
    const done = chat.start();
    input.end(
      'anna: grofvuil €33 voor huishouden 12\nbas: ja\ncarla: ja\ndirk: ja\ncoordinator: /storten 10\ncoordinator: /export\n',
    );
    await done;
    await dispatcher.flush();
    expect(printed).toContain('🤖 📝 Aanvraag #1');
    expect(printed).toContain('🤖 ✅ Aanvraag #1 is toegekend');
    expect(printed).toContain('🤖 💶 € 10,00 gestort. Nieuw saldo: € 1.977,00.');
    expect(printed).toContain('🤖 📎 Overzicht Demo');
    const saved = readdirSync(filesDir).sort();
    expect(saved).toEqual([
      expect.stringMatching(/^mmb-demo-ronde-1\.csv$/),
      expect.stringMatching(/^mmb-demo-ronde-1\.pdf$/),
    ]);
    expect(readFileSync(join(filesDir, saved[1]!)).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
