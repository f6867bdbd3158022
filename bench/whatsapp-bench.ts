/**
 * WhatsApp path benchmark.
 *
 * Group messages a second through the whole WhatsApp path — a fake Baileys socket (the replay
 * socket of `mmb whatsapp replay`, with Baileys' own event buffer) → WhatsAppAdapter → Engine
 * (file database, WAL, synchronous=FULL) → outbox → Dispatcher → `sendMessage` on the socket —
 * against two baselines on the same kind of socket in the same run: a bare handler that only
 * echoes each message back with `sendMessage` (no I/O at all: it tells little), and a durable
 * echo, the same handler doing what any exactly-once bot must first: one single-row insert of the
 * message's id in its own synced commit (the raw baseline's database and pragmas,
 * bench/raw-database.ts), then `sendMessage`. The aim is on the durable echo. The three alternate
 * round by round (path, echo, durable echo, path, …; 3 rounds unless told); each figure is the
 * median over the rounds, each ratio the median of the ratios taken round by round.
 *
 * Each message comes as its own `messages.upsert` (type `notify`), as WhatsApp hands over live
 * messages. The workload cycles through 20 team groups: a request, three "ja #n" votes and a
 * /saldo, so a message costs one `sendMessage` on both sides (the request's answer, a ✅ reaction
 * on each of the first two votes, the approval, the saldo). Pacing is off (WHATSAPP_UNPACED, no
 * jitter): the bot's calm pace would measure the pace, not the path.
 *
 *   node bin/run-ts.js bench/whatsapp-bench.ts                  # the human table
 *   node bin/run-ts.js bench/whatsapp-bench.ts --json           # one JSON object on stdout
 *   node bin/run-ts.js bench/whatsapp-bench.ts --messages 500   # a quick check
 *   node bin/run-ts.js bench/whatsapp-bench.ts --rounds 5       # more rounds
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import type { WAMessage } from '@whiskeysockets/baileys';
import {
  memoryAuthState,
  ReplayWhatsApp,
  WHATSAPP_UNPACED,
  type ReplaySocket,
} from '../adapters/whatsapp/replay-socket.ts';
import { WhatsAppAdapter } from '../adapters/whatsapp/whatsapp-adapter.ts';
import { systemClock } from '../src/core/clock.ts';
import { silentLogger } from '../src/core/logger.ts';
import {
  parsePathBenchArgs,
  pathFigures,
  pathLines,
  type PathFigures,
  type PathRound,
} from './path-bench-cli.ts';
import { startPathBot } from './path-bot.ts';
import { DurableInbox } from './raw-database.ts';

/** The path should reach at least this share of the durable echo handler's rate (issue 22). */
export const WHATSAPP_AIM = 0.5;
/** Rounds of path, echo and durable echo, unless told. */
export const WHATSAPP_ROUNDS = 3;
const CHATS = 20;
const STEPS = 5; // request, ja, ja, ja, /saldo
const TIMEOUT_MS = 10 * 60_000;

/**
 * Inbound messages a second through the whole path (until the last answer was sent), the bare
 * echo handler and the durable echo handler: medians over the rounds, with spreads.
 */
export type WhatsAppBenchResult = PathFigures;

const groupOf = (c: number) => `1203630000000${String(c).padStart(5, '0')}@g.us`;
const person = (n: number) => `316${String(10_000_000 + n)}@s.whatsapp.net`;

/** The same messages for both: per group, cycles of a request, three votes and /saldo. */
function workload(cycles: number): WAMessage[] {
  const at = Math.floor(Date.now() / 1000);
  const messages: WAMessage[] = [];
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
        messages.push({
          key: {
            remoteJid: groupOf(c),
            fromMe: false,
            id: `M${cycle}-${step}-${c}`,
            participant: person(step === 0 ? 100 + c : step),
          },
          message: { conversation: text },
          messageTimestamp: at,
          pushName: step === 0 ? `Aanvrager${c}` : `Collega${step}`,
        });
      }
    }
  }
  return messages;
}

/** Hands the messages to the socket, each as its own live `messages.upsert`. */
function deliver(socket: ReplaySocket, messages: WAMessage[]): void {
  for (const message of messages)
    socket.emit('messages.upsert', { messages: [message], type: 'notify' });
}

async function waitFor(done: () => boolean, what: string): Promise<void> {
  const end = Date.now() + TIMEOUT_MS;
  while (!done()) {
    if (Date.now() > end) throw new Error(`whatsapp-bench: timed out waiting for ${what}`);
    await sleep(1);
  }
}

async function measurePath(cycles: number): Promise<number> {
  const bot = startPathBot(
    'whatsapp',
    Array.from({ length: CHATS }, (_, c) => `whatsapp:${groupOf(c)}`),
  );
  try {
    const world = new ReplayWhatsApp(systemClock);
    const adapter = new WhatsAppAdapter({
      host: bot.host,
      clock: systemClock,
      logger: silentLogger,
      auth: memoryAuthState(),
      makeSocket: world.makeSocket,
      pacing: WHATSAPP_UNPACED,
      catchUpTimeoutMs: 1000,
    });
    bot.dispatcher.register(adapter.platform, adapter.deliver);
    await adapter.prepare();
    world.open();
    await adapter.catchUp();
    await bot.scheduler.start();
    await adapter.start();
    const messages = workload(cycles);
    const started = process.hrtime.bigint();
    deliver(world.socket!, messages);
    await waitFor(() => world.sentCount >= messages.length, 'every answer on the path');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    world.stopRecording();
    await adapter.stop();
    await bot.stop();
    const unsent = bot.unsent();
    const approved = bot.approved();
    if (unsent !== 0 || approved !== cycles || world.sentCount !== messages.length)
      throw new Error(
        `the path did not do its work: ${unsent} unsent, ${approved} of ${cycles} approved, ${world.sentCount} sends for ${messages.length} messages`,
      );
    return messages.length / seconds;
  } finally {
    bot.close();
  }
}

/**
 * A bare handler on the fake socket that echoes each message; `durable`: after recording the
 * message's id in its own synced commit, and only when it was new.
 */
async function measureEcho(cycles: number, durable: boolean): Promise<number> {
  const dir = durable ? mkdtempSync(join(tmpdir(), 'mmb-whatsapp-echo-')) : null;
  const inbox = dir ? new DurableInbox(join(dir, 'echo.sqlite')) : null;
  try {
    const world = new ReplayWhatsApp(systemClock);
    const socket = world.makeSocket({ auth: memoryAuthState() });
    world.stopRecording(); // as the path's calls: counted, not kept
    socket.ev.process(async (events) => {
      for (const message of events['messages.upsert']?.messages ?? []) {
        const text = message.message?.conversation;
        const chat = message.key.remoteJid;
        if (!chat || !text) continue;
        if (inbox && !inbox.record(`${chat}/${message.key.id}`, text)) continue;
        await socket.sendMessage(chat, { text }, { quoted: message });
      }
    });
    const messages = workload(cycles);
    const started = process.hrtime.bigint();
    deliver(socket, messages);
    await waitFor(() => world.sentCount >= messages.length, 'every echo');
    return messages.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    inbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Alternates the whole WhatsApp path, the bare echo handler and the durable echo handler `rounds`
 * times (default 3), so a busy machine disturbs them alike. `messages` is rounded up to whole
 * cycles of five.
 *
 * @example
 * const { durableRatio, durableRatioSpread } = await runWhatsAppBench({ messages: 2000 });
 */
export async function runWhatsAppBench(options: {
  messages: number;
  rounds?: number;
  log?: (line: string) => void;
}): Promise<WhatsAppBenchResult> {
  const cycles = Math.max(CHATS, Math.ceil(options.messages / STEPS));
  const rounds: PathRound[] = [];
  for (let round = 0; round < (options.rounds ?? WHATSAPP_ROUNDS); round++) {
    const path = await measurePath(cycles);
    const echo = await measureEcho(cycles, false);
    const durableEcho = await measureEcho(cycles, true);
    rounds.push({ path, echo, durableEcho });
    options.log?.(
      `  … whatsapp round ${round + 1}: path ${Math.round(path)}/s, echo ${Math.round(echo)}/s, durable echo ${Math.round(durableEcho)}/s`,
    );
  }
  return pathFigures(rounds);
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const options = parsePathBenchArgs(
    process.argv.slice(2),
    'bench/whatsapp-bench.ts',
    WHATSAPP_ROUNDS,
  );
  const result = await runWhatsAppBench({ messages: options.messages, rounds: options.rounds });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...result, messages: options.messages, aim: WHATSAPP_AIM, meetsAim: result.durableRatio >= WHATSAPP_AIM })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `WhatsApp path (fake socket → adapter → engine → outbox → dispatcher → sendMessage; pacing off), ${options.messages} messages, ${result.rounds} rounds`,
        ...pathLines(result, 'echo handler', { durableRatio: WHATSAPP_AIM }),
        '',
      ].join('\n'),
    );
  }
}
