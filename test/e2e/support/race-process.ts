/**
 * One of two processes racing on one deadline (test/e2e/bullmq-race.test.ts): opens the
 * database, says `ready`, waits for `go` on stdin, starts a BullMQ scheduler (its start
 * reconciles: it fires what is overdue), lets it run a moment, stops, and prints how many items
 * it fired. Its clock is the real one moved by OFFSET_MS, so the deadline has just passed.
 *
 *   node --import tsx race-process.ts DB REDIS_URL PREFIX OFFSET_MS
 */
import { createInterface } from 'node:readline';
import { Engine } from '../../../src/engine/engine.ts';
import { BullmqScheduler } from '../../../src/redis/bullmq-scheduler.ts';
import { openDatabase } from '../../../src/store/database.ts';

const [file, url, prefix, offset] = process.argv.slice(2);
const clock = { now: () => new Date(Date.now() + Number(offset)) };
const db = openDatabase(file!, { access: 'existing' });
const engine = new Engine({ db, clock });
let fired = 0;
const scheduler = new BullmqScheduler(
  {
    nextDueAt: () => engine.nextDueAt(),
    onChange: (listener) => engine.onChange(listener),
    runDue: (now) => {
      const count = engine.runDue(now);
      fired += count;
      return count;
    },
  },
  { url: url!, prefix: prefix!, clock, reconcileEveryMs: 60_000 },
);
const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
for await (const line of lines) if (line === 'go') break;
lines.close();
process.stdin.destroy();
await scheduler.start();
await new Promise((done) => setTimeout(done, 1_500));
await scheduler.stop();
db.close();
process.stdout.write(`${JSON.stringify({ fired })}\n`);
