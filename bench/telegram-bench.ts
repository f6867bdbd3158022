/**
 * Telegram path benchmark.
 *
 * Messages a second through the whole Telegram path — a fake Bot API server on loopback →
 * grammY long polling → TelegramAdapter → Engine (file database, WAL, synchronous=FULL) →
 * outbox → Dispatcher → sendMessage / editMessageText back to the fake server — against a bare
 * grammY bot that only echoes each message, on the same fake server in the same run.
 *
 * The workload cycles through 20 team groups (so deliveries to different chats can overlap): a
 * request, three "ja #n" votes and a /saldo. On the path that is the request message, its tally
 * edits and the decision's edit (an edit to what the message shows already is skipped, so votes
 * that come in one batch cost one edit), the decision and the saldo: up to 1.2 Bot API calls a
 * message against exactly 1 for the echo. The path is done when every request is approved and
 * the outbox is empty. The per-chat rate limiter runs with its limits lifted: Telegram's own (20
 * a minute in a group) would measure the limit, not the bot.
 *
 *   node bin/run-ts.js bench/telegram-bench.ts                  # the human table
 *   node bin/run-ts.js bench/telegram-bench.ts --json           # one JSON object on stdout
 *   node bin/run-ts.js bench/telegram-bench.ts --messages 500   # a quick check
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bot } from 'grammy';
import { TelegramAdapter } from '../adapters/telegram/telegram-adapter.ts';
import { systemClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { FakeBotApi } from '../test/support/fake-bot-api.ts';
import { parsePathBenchArgs, pathFigures } from './path-bench-cli.ts';
import { startPathBot } from './path-bot.ts';

/** The path should reach at least this share of the bare echo bot's rate. */
const AIM = 0.6;
const CHATS = 20;
const STEPS = 5; // request, ja, ja, ja, /saldo
const TIMEOUT_MS = 10 * 60_000;
const NO_LIMITS = { perSecond: 1e9, burst: 1e9, perMinuteInGroup: 1e9 };

export interface TelegramBenchResult {
  /** Inbound messages a second through the whole path, until the last answer reached the server. */
  pathPerSec: number;
  /** Inbound messages a second for the bare grammY echo bot. */
  echoPerSec: number;
  /** pathPerSec / echoPerSec. */
  ratio: number;
}

const chatOf = (c: number) => -(2000 + c);
const requester = (c: number) => ({ id: 10_000 + c, first_name: `Aanvrager${c}` });
const voter = (v: number) => ({ id: 20_000 + v, first_name: `Collega${v}` });

/** The same messages for both bots: per chat, cycles of a request, three votes and /saldo. */
function queueWorkload(fake: FakeBotApi, cycles: number): number {
  const date = Math.floor(Date.now() / 1000);
  let queued = 0;
  for (let cycle = 0; cycle < cycles / CHATS; cycle++) {
    for (let step = 0; step < STEPS; step++) {
      for (let c = 0; c < CHATS && cycle * CHATS + c < cycles; c++) {
        const number = cycle + 1;
        const text =
          step === 0
            ? `grofvuil €10 voor huishouden ${number}`
            : step < 4
              ? `ja #${number}`
              : '/saldo';
        fake.message({
          chat: chatOf(c),
          from: step === 0 ? requester(c) : voter(step),
          text,
          date,
        });
        queued += 1;
      }
    }
  }
  return queued;
}

async function measurePath(fake: FakeBotApi, cycles: number): Promise<number> {
  const bot = startPathBot(
    'telegram',
    Array.from({ length: CHATS }, (_, c) => `telegram:${chatOf(c)}`),
  );
  try {
    const adapter = new TelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      host: bot.host,
      clock: systemClock,
      logger: silentLogger,
      rateLimits: NO_LIMITS,
    });
    bot.dispatcher.register('telegram', adapter.deliver);
    await adapter.prepare();
    await adapter.catchUp();
    await bot.scheduler.start();
    await adapter.start();
    const started = process.hrtime.bigint();
    const messages = queueWorkload(fake, cycles);
    // Done when the last answer went out: every request approved, nothing left in the outbox.
    await fake.waitFor(() => bot.approved() === cycles, 'every request approved', TIMEOUT_MS);
    for (const end = Date.now() + TIMEOUT_MS; bot.unsent() > 0;) {
      if (Date.now() > end) throw new Error('the path did not empty its outbox in time');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await adapter.stop();
    await bot.stop();
    if (bot.unsent() !== 0 || bot.approved() !== cycles)
      throw new Error(
        `the path did not finish: ${bot.unsent()} unsent, ${bot.approved()} approved`,
      );
    return messages / seconds;
  } finally {
    bot.close();
  }
}

async function measureEcho(fake: FakeBotApi, cycles: number): Promise<number> {
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  bot.catch(() => {});
  let polling: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve) => {
    polling = bot.start({ onStart: () => resolve() });
  });
  const sends = () => fake.counts.get('sendMessage') ?? 0;
  const before = sends();
  const started = process.hrtime.bigint();
  const messages = queueWorkload(fake, cycles);
  await fake.waitFor(() => sends() - before >= messages, 'every echo', TIMEOUT_MS);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await bot.stop();
  await polling;
  return messages / seconds;
}

/**
 * Runs both measurements on one fake Bot API server, alternating the whole Telegram path and
 * the bare echo bot `rounds` times (default 3) and keeping the best rate of each, so a busy
 * machine disturbs both alike. `messages` is rounded up to whole cycles of five.
 *
 * @example
 * const { pathPerSec, echoPerSec, ratio } = await runTelegramBench({ messages: 2000 });
 */
export async function runTelegramBench(options: {
  messages: number;
  rounds?: number;
}): Promise<TelegramBenchResult> {
  const cycles = Math.max(CHATS, Math.ceil(options.messages / STEPS));
  const fake = await FakeBotApi.start();
  try {
    let pathPerSec = 0;
    let echoPerSec = 0;
    for (let round = 0; round < (options.rounds ?? 3); round++) {
      fake.reset();
      pathPerSec = Math.max(pathPerSec, await measurePath(fake, cycles));
      fake.reset();
      echoPerSec = Math.max(echoPerSec, await measureEcho(fake, cycles));
    }
    return pathFigures(pathPerSec, echoPerSec);
  } finally {
    await fake.close();
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const options = parsePathBenchArgs(process.argv.slice(2), 'bench/telegram-bench.ts');
  const result = await runTelegramBench({ messages: options.messages });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...result, messages: options.messages, aim: AIM, meetsAim: result.ratio >= AIM })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `Telegram path (fake Bot API → grammY polling → engine → outbox → dispatcher → Bot API), ${options.messages} messages`,
        `  whole path    ${result.pathPerSec.toFixed(1).padStart(9)} messages/s`,
        `  echo bot      ${result.echoPerSec.toFixed(1).padStart(9)} messages/s`,
        `  ratio         ${result.ratio.toFixed(3).padStart(9)}   (aim ≥ ${AIM}: ${result.ratio >= AIM ? 'met' : 'NOT met'})`,
        '',
      ].join('\n'),
    );
  }
}
