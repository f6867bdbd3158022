import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnMmb } from '../support/mmb-process.ts';

// `mmb start` with the console chat as a real process (the console chat itself, in-process:
// test/adapters/console/console-chat.test.ts).

describe('`mmb start` with the console chat', () => {
  it('shows the chat only: the log goes to mmb.log next to the database (mode 0600), named in the greeting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmb-console-start-'));
    try {
      const db = join(dir, 'data', 'mmb.sqlite');
      const bot = spawnMmb(['start'], {
        cwd: dir, // no .env, no data/teams.json: the demo team
        env: { MMB_CONSOLE: 'on', MMB_DB: db, LOG_LEVEL: 'debug' },
      });
      bot.child.stdin!.end('anna: grofvuil €33 voor huishouden 12\nbas: ja\n');
      expect(await bot.exited).toBe(0);
      const stdout = bot.stdout();
      const stderr = bot.stderr();

      const log = join(dir, 'data', 'mmb.log');
      const lines = stdout.trimEnd().split('\n');
      expect(lines.slice(0, 5)).toEqual([
        'Mini-Maatwerk Budget · console-chat',
        expect.stringContaining("Typ als een collega: 'anna: grofvuil €33"),
        expect.stringContaining("'coordinator' is coördinator"),
        `Het logboek van de bot staat in ${log}.`,
        `Nieuwe, lege database: ${join(dir, 'data', 'mmb.sqlite')} (MMB_DB). Niet de bedoeling? Stop met Ctrl-D en zet MMB_DB goed.`,
      ]);
      const chat = lines.slice(5).filter((line) => line !== '');
      expect(chat[0]).toMatch(/^🤖 📝 Aanvraag #1: € 33,00 grofvuil voor huishouden 12\./);
      expect(chat.at(-1)).toMatch(/^🤖 #1: 1 van 3 ja/);
      for (const line of chat) expect(line).toMatch(/^(🤖 | {3})/);
      expect(stdout).not.toContain('{"level"');
      expect(stderr).toBe('');

      expect(statSync(log).mode & 0o777).toBe(0o600);
      const logged = readFileSync(log, 'utf8');
      expect(logged).toContain('"msg":"bot started"');
      expect(logged).toContain('"msg":"retention purge"');
      expect(logged).toContain('"msg":"bot stopped"');
      expect(logged).not.toContain('grofvuil');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
