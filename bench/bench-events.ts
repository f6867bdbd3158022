/**
 * The benchmark's workload: a deterministic stream of chat events for many teams, typed the way
 * social workers type them (requests in several amount spellings, votes by reply, by number and by
 * reaction, /saldo, /open, chatter, redeliveries, the odd /storten).
 *
 * Pure: no I/O, no clock. The same options give the same events.
 */
import type { IncomingEvent, IncomingMessage } from '../src/core/incoming.ts';
import { BotConfigSchema, type BotConfig } from '../src/store/bot-config.ts';

/**
 * mulberry32: a tiny seeded PRNG with a 32-bit state, good enough for a workload.
 *
 * @example
 * const random = mulberry32(42)
 * random() // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What kind of event the generator made (for the mix table). */
export type EventKind =
  | 'request'
  | 'vote-reply'
  | 'vote-number'
  | 'vote-reaction'
  | 'vote-alone'
  | 'nee'
  | 'withdraw'
  | 'saldo'
  | 'open'
  | 'chatter'
  | 'duplicate'
  | 'storten';

/** How often each kind occurs, in percent (sums to 100). */
const MIX: ReadonlyArray<readonly [EventKind, number]> = [
  ['request', 11],
  ['vote-reply', 16],
  ['vote-number', 11],
  ['vote-reaction', 15],
  ['vote-alone', 2],
  ['nee', 2],
  ['withdraw', 0.5],
  ['saldo', 5],
  ['open', 3],
  ['chatter', 30],
  ['duplicate', 4],
  ['storten', 0.5],
];

const CHATTER = [
  'goedemorgen allemaal',
  'Wie heeft er morgen dienst?',
  'dank je!',
  'Ik bel de woningcorporatie even',
  'overleg verplaatst naar 14:00',
  'top, dank jullie wel 🙏',
  'ik ben vandaag vrij',
  'is er nog koffie?',
  'ik heb 3 huishoudens gesproken vandaag',
  "kost zo'n 40 euro denk ik",
  'Fijn weekend!',
  'ik neem dit mee naar het overleg van maandag',
];

const DESCRIPTIONS = [
  'grofvuil',
  'pinpas leefgeld',
  'huurachterstand',
  'borg',
  'buskaart',
  'ov-kaart',
  'reparatie wasmachine',
  'schoolspullen',
  'boodschappen',
  'energienota',
];

const AMOUNTS_CENTS = [1250, 1750, 2000, 2800, 3300, 3995, 4500, 6000, 7500, 8995, 12050, 15000];

const YES_TEXTS = ['ja', 'Ja!', 'jazeker', 'akkoord', '👍', '+1', 'ja hoor', 'JAAA', '✅'];
const NO_TEXTS = ['nee', 'nee, eerst voorliggende voorziening', '👎', '-1'];

/** An amount the way people type it. */
function typedAmount(cents: number, style: number): string {
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  const comma = `${euros},${String(rest).padStart(2, '0')}`;
  switch (style) {
    case 0:
      return rest === 0 ? `€${euros}` : `€${comma}`;
    case 1:
      return `€ ${comma}`;
    case 2:
      return rest === 0 ? `${euros} euro` : `${comma} euro`;
    case 3:
      return rest === 0 ? `EUR ${euros}` : `EUR ${comma}`;
    case 4:
      return rest === 0 ? `${euros},-` : `€ ${euros}.${String(rest).padStart(2, '0')}`;
    default:
      return `€ ${comma}`;
  }
}

/** A household reference the way people type it. */
function typedHousehold(n: number, style: number): string {
  switch (style) {
    case 0:
      return `huishouden ${n}`;
    case 1:
      return `hh ${n}`;
    case 2:
      return `HH-${n}`;
    case 3:
      return `huishouden HH-${n}`;
    case 4:
      return `gezin ${n}`;
    default:
      return `hh${n}`;
  }
}

interface OpenedRequest {
  messageId: string;
  /** The number the team's next request would get (a refused request skips none, so it may be off by a few). */
  number: number;
  requester: string;
  at: number;
  /** Who was generated voting ja on it so far. */
  yes: Set<string>;
}

interface TeamState {
  chatId: string;
  members: string[];
  coordinator: string;
  nextMessage: number;
  nextNumber: number;
  recent: OpenedRequest[];
}

export interface WorkloadOptions {
  events: number;
  teams: number;
  membersPerTeam: number;
  householdsPerTeam: number;
  seed: number;
  start: Date;
  /** The teams' rules, so votes go where they are still needed. */
  votesNeeded: number;
  voteWindowMs: number;
  /** The clock moves between minStepMs and maxStepMs per event. */
  minStepMs: number;
  maxStepMs: number;
}

export interface Workload {
  events: IncomingEvent[];
  mix: Record<EventKind, number>;
  /** The time of the last event. */
  end: Date;
}

/** The chat id of team `n` (1-based). */
export const chatOf = (n: number): string => `team-${n}`;
/** The coordinator of team `n`. */
export const coordinatorOf = (n: number): string => `coord-${n}`;

/**
 * The configuration of a workload's teams: team `n` is `team-n` in chat `team-n` with coordinator
 * `coord-n`, started 5 January 2026, an administrator `admin`; `rules` gives each its pot and rules.
 *
 * @example
 * workloadConfig(2, () => ({ potCents: 150_000 })).teams[1].id // 'team-2'
 */
export function workloadConfig(
  teams: number,
  rules: (index: number) => { potCents: number; blockOnNee?: boolean },
): BotConfig {
  return BotConfigSchema.parse({
    admins: ['admin'],
    teams: Array.from({ length: teams }, (_, i) => ({
      id: `team-${i + 1}`,
      name: `Wijkteam ${i + 1}`,
      chats: [chatOf(i + 1)],
      coordinators: [coordinatorOf(i + 1)],
      startDate: '2026-01-05',
      ...rules(i),
    })),
  });
}

/**
 * Generates the workload. Requests, votes and commands are spread uniformly over the teams;
 * votes go to one of the team's latest requests, mostly the newest ones.
 */
export function generateWorkload(options: WorkloadOptions): Workload {
  const random = mulberry32(options.seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const total = MIX.reduce((sum, [, weight]) => sum + weight, 0);
  const mix = Object.fromEntries(MIX.map(([kind]) => [kind, 0])) as Record<EventKind, number>;
  const teams: TeamState[] = Array.from({ length: options.teams }, (_, i) => ({
    chatId: chatOf(i + 1),
    members: Array.from({ length: options.membersPerTeam }, (_, k) => `t${i + 1}-m${k + 1}`),
    coordinator: coordinatorOf(i + 1),
    nextMessage: 1,
    nextNumber: 1,
    recent: [],
  }));
  const events: IncomingEvent[] = [];
  let now = options.start.getTime();

  const chooseKind = (): EventKind => {
    let roll = random() * total;
    for (const [kind, weight] of MIX) {
      roll -= weight;
      if (roll < 0) return kind;
    }
    return 'chatter';
  };
  /**
   * The request a colleague votes on: mostly one that still lacks votes (colleagues answer what is
   * waiting, so most requests are decided within the day); otherwise any of the team's latest, the
   * newest ones most often (a late vote on a decided request, a changed mind).
   */
  const target = (team: TeamState): OpenedRequest | null => {
    if (team.recent.length === 0) return null;
    if (random() < 0.85) {
      const waiting = team.recent.filter(
        (r) => r.yes.size < options.votesNeeded && r.at > now - options.voteWindowMs,
      );
      if (waiting.length > 0) return pick(waiting);
    }
    const back = Math.min(
      team.recent.length - 1,
      Math.floor(random() * random() * team.recent.length),
    );
    return team.recent[team.recent.length - 1 - back]!;
  };
  /** A colleague who has not voted ja yet, mostly; now and then the requester or a repeat vote. */
  const voterFor = (team: TeamState, request: OpenedRequest | null): string => {
    if (request && random() < 0.9) {
      const others = team.members.filter((m) => m !== request.requester && !request.yes.has(m));
      if (others.length > 0) return pick(others);
    }
    return pick(team.members);
  };
  const message = (
    team: TeamState,
    senderId: string,
    text: string,
    replyTo: string | null = null,
  ): IncomingMessage => ({
    kind: 'message',
    chatId: team.chatId,
    senderId,
    messageId: String(team.nextMessage++),
    at: new Date(now),
    text,
    replyTo,
  });

  while (events.length < options.events) {
    now += options.minStepMs + int(options.maxStepMs - options.minStepMs + 1);
    const team = teams[int(teams.length)]!;
    let kind = chooseKind();
    if (kind === 'duplicate' && events.length === 0) kind = 'chatter';
    const needsRequest = kind.startsWith('vote-') || kind === 'nee' || kind === 'withdraw';
    if (needsRequest && team.recent.length === 0) kind = 'request';
    mix[kind] += 1;
    switch (kind) {
      case 'request': {
        const requester = random() < 0.05 ? team.coordinator : pick(team.members);
        const amount = typedAmount(pick(AMOUNTS_CENTS), int(5));
        const household = typedHousehold(1 + int(options.householdsPerTeam), int(6));
        const what = pick(DESCRIPTIONS);
        const shape = int(10);
        const text =
          shape < 4
            ? `${what} ${amount} voor ${household}`
            : shape < 7
              ? `${amount} ${what} ${household}`
              : shape < 9
                ? `/aanvraag ${amount.replace(/^€\s?/, '')} ${what} ${household}`
                : `${what} ${amount} ${household} voorkomt: een schuld bij de verhuurder`;
        const event = message(team, requester, text);
        team.recent.push({
          messageId: event.messageId,
          number: team.nextNumber++,
          requester,
          at: now,
          yes: new Set(),
        });
        if (team.recent.length > 12) team.recent.shift();
        events.push(event);
        break;
      }
      case 'vote-reply': {
        const request = target(team)!;
        const voter = voterFor(team, request);
        request.yes.add(voter);
        events.push(message(team, voter, pick(YES_TEXTS), request.messageId));
        break;
      }
      case 'vote-number': {
        const request = target(team)!;
        const word = pick(['ja', 'Ja', 'akkoord', '👍']);
        const voter = voterFor(team, request);
        request.yes.add(voter);
        events.push(message(team, voter, `${word} #${request.number}`));
        break;
      }
      case 'vote-reaction':
      case 'withdraw': {
        const request = target(team)!;
        const senderId = voterFor(team, request);
        const emoji = kind === 'withdraw' ? null : random() < 0.05 ? '👎' : '👍';
        if (emoji === '👍') request.yes.add(senderId);
        events.push({
          kind: 'reaction',
          chatId: team.chatId,
          senderId,
          eventId: `${senderId}|${request.messageId}|${now}|${emoji ?? ''}`,
          targetMessageId: request.messageId,
          emoji,
          at: new Date(now),
        });
        break;
      }
      case 'vote-alone': {
        const request = target(team);
        events.push(message(team, voterFor(team, request), pick(YES_TEXTS)));
        break;
      }
      case 'nee': {
        const request = target(team)!;
        const asReply = random() < 0.6;
        const text = asReply ? pick(NO_TEXTS) : `nee #${request.number}`;
        events.push(
          message(team, voterFor(team, request), text, asReply ? request.messageId : null),
        );
        break;
      }
      case 'saldo':
        events.push(
          message(team, random() < 0.3 ? team.coordinator : pick(team.members), '/saldo'),
        );
        break;
      case 'open':
        events.push(message(team, pick(team.members), '/open'));
        break;
      case 'storten': {
        // Mostly the coordinator; sometimes a member, who is told who may.
        const sender = random() < 0.8 ? team.coordinator : pick(team.members);
        events.push(
          message(
            team,
            sender,
            `/storten ${pick(['500', '250,00', '€ 1.000'])} extra van de gemeente`,
          ),
        );
        break;
      }
      case 'chatter':
        events.push(message(team, pick(team.members), pick(CHATTER)));
        break;
      case 'duplicate': {
        // A platform redelivers one of the last few hundred events: same ids, same timestamps.
        const back = 1 + int(Math.min(300, events.length));
        events.push(events[events.length - back]!);
        break;
      }
    }
  }
  return { events, mix, end: new Date(now) };
}
