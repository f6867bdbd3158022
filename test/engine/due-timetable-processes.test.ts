import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.ts';
import { Engine } from '../../src/engine/engine.ts';
import { BotConfigSchema } from '../../src/store/bot-config.ts';
import { openDatabase } from '../../src/store/database.ts';
import { tempDir } from '../support/temp-dir.ts';

// An `mmb worker` reads the teams the bot wrote: a change the bot commits (a team's overview
// moved to another time) is what the worker's timetable says next, without a restart.

const team = (overviewTime: string) =>
  BotConfigSchema.parse({
    teams: [{ id: 'noord', chats: ['noord'], startDate: '2026-01-05', overviewTime }],
  });

describe('the due timetable beside another process', () => {
  it("sees a team's settings the other process changed", () => {
    const file = join(tempDir('mmb-due-'), 'mmb.sqlite');
    const clock = new VirtualClock(new Date('2026-01-20T12:00:00+01:00'));
    const botDb = openDatabase(file);
    const workerDb = openDatabase(file, { access: 'existing' });
    try {
      const bot = new Engine({ db: botDb, clock, config: team('09:00') });
      bot.runDue(); // the first period opens; next is the first overview
      const worker = new Engine({ db: workerDb, clock });
      const first = worker.nextDueAt();
      expect(first).toEqual(bot.nextDueAt());
      bot.applyConfig(team('10:00'));
      const moved = bot.nextDueAt();
      expect(moved).not.toEqual(first);
      expect(worker.nextDueAt()).toEqual(moved);
    } finally {
      workerDb.close();
      botDb.close();
    }
  });
});
