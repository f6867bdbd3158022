/**
 * A large deterministic replay conversation (the lines of `mmb replay`) for the golden replay test
 * and the replay benchmark: the engine benchmark's chat workload spread over days and weeks, with
 * coordinators' corrections, reversals, cancels, deposits, /rapport, /huishouden and clock ticks
 * mixed in, on a small pot and few households so that pot and cap refusals and expiries occur.
 *
 * Pure: no I/O, no clock. The same options give the same lines.
 */
import type { BotConfig } from '../src/store/bot-config.ts';
import type { ReplayLine } from '../src/cli/replay-input.ts';
import {
  chatOf,
  coordinatorOf,
  generateWorkload,
  mulberry32,
  workloadConfig,
} from './bench-events.ts';

export interface ReplayWorkloadOptions {
  lines: number;
  teams: number;
  seed: number;
  start: Date;
  /** The clock moves between minStepMs and maxStepMs per chat event. */
  minStepMs: number;
  maxStepMs: number;
  householdsPerTeam: number;
}

/**
 * The teams of the replay workload: small pots (so pot refusals and deposits matter), the
 * default cap, one coordinator each, and every third team blocking on "nee".
 *
 * @example
 * replayWorkloadConfig(3).teams[2].blockOnNee // true
 */
export function replayWorkloadConfig(teams: number): BotConfig {
  return workloadConfig(teams, (i) => ({ potCents: 150_000, blockOnNee: i % 3 === 2 }));
}

/**
 * Generates the replay lines.
 *
 * @example
 * generateReplayLines({ lines: 100, teams: 2, seed: 1, start, minStepMs: 1000, maxStepMs: 600000, householdsPerTeam: 5 }).length // 100
 */
export function generateReplayLines(options: ReplayWorkloadOptions): ReplayLine[] {
  const workload = generateWorkload({
    events: options.lines,
    teams: options.teams,
    membersPerTeam: 8,
    householdsPerTeam: options.householdsPerTeam,
    seed: options.seed,
    start: options.start,
    votesNeeded: 3,
    voteWindowMs: 24 * 3_600_000,
    minStepMs: options.minStepMs,
    maxStepMs: options.maxStepMs,
  });
  const random = mulberry32(options.seed ^ 0x5eed);
  const int = (n: number) => Math.floor(random() * n);
  const lines: ReplayLine[] = [];
  let extra = 0;
  for (const event of workload.events) {
    if (lines.length >= options.lines) break;
    if (event.kind === 'message') {
      lines.push({
        type: 'message',
        at: event.at,
        chat: event.chatId,
        from: event.senderId,
        id: event.messageId,
        text: event.text,
        ...(event.replyTo ? { replyTo: event.replyTo } : {}),
      });
    } else if (event.kind === 'reaction') {
      lines.push({
        type: 'reaction',
        at: event.at,
        chat: event.chatId,
        from: event.senderId,
        react: event.emoji,
        to: event.targetMessageId,
      });
    }
    // Now and then a coordinator's command, a button or a clock tick, at the same time.
    const roll = random();
    if (roll < 0.06 && lines.length < options.lines) {
      const team = 1 + int(options.teams);
      const chat = chatOf(team);
      const coordinator = coordinatorOf(team);
      const number = 1 + int(40);
      const id = `x${++extra}`;
      const at = event.at;
      const command = [
        `/correctie ${number} ${10 + int(30)}`,
        `/terugboeken ${number}`,
        `/annuleer ${number}`,
        '/rapport',
        '/rapport vorige',
        `/huishouden ${1 + int(options.householdsPerTeam)}`,
        '/storten 300',
        '/open',
        '/saldo',
      ][int(9)]!;
      const from = random() < 0.85 ? coordinator : `t${team}-m${1 + int(8)}`;
      lines.push({ type: 'message', at, chat, from, id, text: command });
    } else if (roll < 0.07 && lines.length < options.lines) {
      const team = 1 + int(options.teams);
      lines.push({
        type: 'button',
        at: event.at,
        chat: chatOf(team),
        from: `t${team}-m${1 + int(8)}`,
        button: random() < 0.85 ? 'ja' : 'nee',
        request: 1 + int(40),
      });
    } else if (roll < 0.075 && lines.length < options.lines) {
      lines.push({ type: 'clock', at: new Date(event.at.getTime() + int(3 * 3_600_000)) });
    }
  }
  return lines;
}

/**
 * The golden conversation: the generated replay whose replies and state are recorded in
 * test/golden/replay-golden.json (test/cli/replay-golden.test.ts judges it; bench/golden-bench.ts
 * shows its verdict beside the speed figures). Four teams, 4,000 lines, replayed until 12 May.
 *
 * @example
 * const { lines, config, until } = goldenConversation();
 * await replay(openDatabase(':memory:'), lines, { config, until });
 */
export function goldenConversation(): { lines: ReplayLine[]; config: BotConfig; until: Date } {
  const teams = 4;
  return {
    lines: generateReplayLines({
      lines: 4000,
      teams,
      seed: 20260302,
      start: new Date('2026-03-02T07:00:00Z'),
      minStepMs: 60_000,
      maxStepMs: 30 * 60_000,
      householdsPerTeam: 6,
    }),
    config: replayWorkloadConfig(teams),
    until: new Date('2026-05-12T12:00:00+02:00'),
  };
}
