/**
 * WhatsApp path benchmark.
 *
 * Group messages a second through the whole WhatsApp path — a fake Baileys socket (the replay
 * socket of `mmb whatsapp replay`, with Baileys' own event buffer) → WhatsAppAdapter → Engine
 * (file database, WAL, synchronous=FULL) → outbox → Dispatcher → `sendMessage` on the socket —
 * against a bare handler on the same kind of socket that only echoes each message back with
 * `sendMessage`, in the same run.
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
 */
import { resolve } from 'node:path';
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
import { parsePathBenchArgs, pathFigures } from './path-bench-cli.ts';
import { startPathBot } from './path-bot.ts';

/** The path should reach at least this share of the bare echo handler's rate. */
const AIM = 0.5;
const CHATS = 20;
const STEPS = 5; // request, ja, ja, ja, /saldo
const TIMEOUT_MS = 10 * 60_000;

export interface WhatsAppBenchResult {
  /** Inbound messages a second through the whole path, until the last answer was sent. */
  pathPerSec: number;
  /** Inbound messages a second for the bare echo handler. */
  echoPerSec: number;
  /** pathPerSec / echoPerSec. */
  ratio: number;
}

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

async function measureEcho(cycles: number): Promise<number> {
  const world = new ReplayWhatsApp(systemClock);
  const socket = world.makeSocket({ auth: memoryAuthState() });
  world.stopRecording(); // as the path's calls: counted, not kept
  socket.ev.process(async (events) => {
    for (const message of events['messages.upsert']?.messages ?? []) {
      const text = message.message?.conversation;
      if (message.key.remoteJid && text)
        await socket.sendMessage(message.key.remoteJid, { text }, { quoted: message });
    }
  });
  const messages = workload(cycles);
  const started = process.hrtime.bigint();
  deliver(socket, messages);
  await waitFor(() => world.sentCount >= messages.length, 'every echo');
  return messages.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

/**
 * Alternates the whole WhatsApp path and the bare echo handler `rounds` times (default 3) and
 * keeps the best rate of each, so a busy machine disturbs both alike. `messages` is rounded up to
 * whole cycles of five.
 *
 * @example
 * const { pathPerSec, echoPerSec, ratio } = await runWhatsAppBench({ messages: 2000 });
 */
export async function runWhatsAppBench(options: {
  messages: number;
  rounds?: number;
}): Promise<WhatsAppBenchResult> {
  const cycles = Math.max(CHATS, Math.ceil(options.messages / STEPS));
  let pathPerSec = 0;
  let echoPerSec = 0;
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    pathPerSec = Math.max(pathPerSec, await measurePath(cycles));
    echoPerSec = Math.max(echoPerSec, await measureEcho(cycles));
  }
  return pathFigures(pathPerSec, echoPerSec);
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const options = parsePathBenchArgs(process.argv.slice(2), 'bench/whatsapp-bench.ts');
  const result = await runWhatsAppBench({ messages: options.messages });
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...result, messages: options.messages, aim: AIM, meetsAim: result.ratio >= AIM })}\n`,
    );
  } else {
    process.stdout.write(
      [
        `WhatsApp path (fake socket → adapter → engine → outbox → dispatcher → sendMessage; pacing off), ${options.messages} messages`,
        `  whole path    ${result.pathPerSec.toFixed(1).padStart(9)} messages/s`,
        `  echo handler  ${result.echoPerSec.toFixed(1).padStart(9)} messages/s`,
        `  ratio         ${result.ratio.toFixed(3).padStart(9)}   (aim ≥ ${AIM}: ${result.ratio >= AIM ? 'met' : 'NOT met'})`,
        '',
      ].join('\n'),
    );
  }
}
