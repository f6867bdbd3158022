/**
 * Telegram path benchmark.
 *
 * Messages a second through the whole Telegram path — a fake Bot API server on loopback →
 * grammY long polling → TelegramAdapter → Engine (file database, WAL, synchronous=FULL) →
 * outbox → Dispatcher → sendMessage / editMessageText back to the fake server — against two
 * baselines on the same fake server in the same run: a bare grammY bot that only echoes each
 * message, and a durable echo, the same bot doing what any exactly-once bot must first: one
 * single-row insert of the message's id in its own synced commit (the raw baseline's database and
 * pragmas, bench/raw-database.ts), then the echo. The three alternate round by round (path, echo,
 * durable echo, path, …; 5 rounds unless told); each figure is the median over the rounds, and
 * each ratio the median of the ratios taken round by round.
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
 *   node bin/run-ts.js bench/telegram-bench.ts --rounds 3       # fewer rounds
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bot } from 'grammy';
import { TelegramAdapter } from '../adapters/telegram/telegram-adapter.ts';
import { systemClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import { FakeBotApi } from '../test/support/fake-bot-api.ts';
import {
  parsePathBenchArgs,
  pathFigures,
  pathLines,
  type PathFigures,
  type PathRound,
} from './path-bench-cli.ts';
import { startPathBot } from './path-bot.ts';
import { DurableInbox } from './raw-database.ts';

/** The path should reach at least this share of the bare echo bot's rate (issue 22). */
export const TELEGRAM_AIM = 0.8;
/** Rounds of path, echo and durable echo, unless told (issue 22: median of 5). */
export const TELEGRAM_ROUNDS = 5;
const CHATS = 20;
const STEPS = 5; // request, ja, ja, ja, /saldo
const TIMEOUT_MS = 10 * 60_000;
const NO_LIMITS = { perSecond: 1e9, burst: 1e9, perMinuteInGroup: 1e9 };

/**
 * Inbound messages a second through the whole path (until the last answer reached the server),
 * the bare grammY echo bot and the durable echo bot: medians over the rounds, with spreads.
 */
export type TelegramBenchResult = PathFigures;

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

/**
 * A bare grammY bot that echoes each message; `durable`: after recording the message's id in its
 * own synced commit, and only when it was new (what exactly-once asks of any bot).
 */
async function measureEcho(fake: FakeBotApi, cycles: number, durable: boolean): Promise<number> {
  const dir = durable ? mkdtempSync(join(tmpdir(), 'mmb-telegram-echo-')) : null;
  const inbox = dir ? new DurableInbox(join(dir, 'echo.sqlite')) : null;
  try {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.on('message:text', async (ctx) => {
      const text = ctx.message.text;
      if (inbox && !inbox.record(`${ctx.chat.id}/${ctx.message.message_id}`, text)) return;
      await ctx.reply(text);
    });
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
  } finally {
    inbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the three on one fake Bot API server, alternating the whole Telegram path, the bare echo
 * bot and the durable echo bot `rounds` times (default 5), so a busy machine disturbs them alike.
 * `messages` is rounded up to whole cycles of five.
 *
 * @example
 * const { ratio, ratioSpread, durableRatio } = await runTelegramBench({ messages: 2000 });
 */
export async function runTelegramBench(options: {
  messages: number;
  rounds?: number;
  log?: (line: string) => void;
}): Promise<TelegramBenchResult> {
  const cycles = Math.max(CHATS, Math.ceil(options.messages / STEPS));
  const fake = await FakeBotApi.start();
  try {
    const rounds: PathRound[] = [];
    for (let round = 0; round < (options.rounds ?? TELEGRAM_ROUNDS); round++) {
      fake.reset();
      const path = await measurePath(fake, cycles);
      fake.reset();
      const echo = await measureEcho(fake, cycles, false);
      fake.reset();
      const durableEcho = await measureEcho(fake, cycles, true);
      rounds.push({ path, echo, durableEcho });
      options.log?.(
        `  … telegram round ${round + 1}: path ${Math.round(path)}/s, echo ${Math.round(echo)}/s, durable echo ${Math.round(durableEcho)}/s`,
      );
    }
    return pathFigures(rounds);
  } finally {
    await fake.close();
  }
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const options = parsePathBenchArgs(
    process.argv.slice(2),
    'bench/telegram-bench.ts',
    TELEGRAM_ROUNDS,
  );
  const result = await runTelegramBench({ messages: options.messages, rounds: options.rounds });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...result, messages: options.messages, aim: TELEGRAM_AIM, meetsAim: result.ratio >= TELEGRAM_AIM })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `Telegram path (fake Bot API → grammY polling → engine → outbox → dispatcher → Bot API), ${options.messages} messages, ${result.rounds} rounds`,
        ...pathLines(result, 'echo bot', { ratio: TELEGRAM_AIM }),
        '',
      ].join('\n'),
    );
  }
}
