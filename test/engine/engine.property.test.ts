/**
 * Property tests for the engine: random sequences of requests, votes, reactions, button presses,
 * coordinator commands, redeliveries, late deliveries and clock jumps across several teams, with
 * the money invariants (docs/rules.md rules 1-8) checked after every step, reading the database.
 * Model-free: nothing here predicts what the bot should answer, only what must always hold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncomingEvent } from '../../src/core/incoming.ts';
import { localDateOf, startOfLocalDate } from '../../src/text/time.ts';
import { Harness } from '../support/harness.ts';

// ---------------------------------------------------------------------------------------
// The world: three teams, five linked chats and one unlinked chat.

interface Rules {
  potCents: number;
  householdCapCents: number;
  votesNeeded: number;
  blockOnNee: boolean;
  carryOver: boolean;
}

const TEAMS: Record<string, Rules & { chats: string[]; coordinators: string[] }> = {
  noord: {
    chats: ['noord', 'noord-2'],
    coordinators: ['coco'],
    potCents: 20_000,
    householdCapCents: 5_000,
    votesNeeded: 2,
    blockOnNee: false,
    carryOver: false,
  },
  zuid: {
    chats: ['zuid'],
    coordinators: ['zara'],
    potCents: 10_000,
    householdCapCents: 8_000,
    votesNeeded: 3,
    blockOnNee: true,
    carryOver: false,
  },
  west: {
    chats: ['west', 'west-2'],
    coordinators: ['coco', 'wim'],
    potCents: 100_000,
    householdCapCents: 20_000,
    votesNeeded: 2,
    blockOnNee: false,
    carryOver: true,
  },
};

const CONFIG = {
  admins: ['admin'],
  teams: Object.entries(TEAMS).map(([id, team]) => ({
    id,
    startDate: '2026-01-05',
    reminderBefore: id === 'zuid' ? '2h' : '4h',
    ...team,
  })),
};

const CHATS = ['noord', 'noord-2', 'zuid', 'west', 'west-2', 'los'] as const;
const MEMBERS = ['anna', 'bas', 'carla', 'dirk', 'coco', 'zara', 'wim', 'admin'] as const;
const STARTS = [
  '2026-03-02T09:00:00+01:00',
  '2026-12-30T21:00:00+01:00',
  '2026-12-31T23:10:00+01:00',
  '2027-06-15T12:00:00+02:00',
] as const;

/** Household codes, each with the ways people type them; the first element is the stored code. */
const HOUSEHOLDS: readonly (readonly [string, ...string[]])[] = [
  ['3', 'hh 3', 'HH-3', 'huishouden 3', 'hh3', 'huishouden HH-3', 'gezin 3', 'Huishouden: 3'],
  ['7', 'hh 7', 'HH 7', 'huishouden hh7', 'gezin nr. 7', 'HH-7'],
  ['12', 'hh 12', 'HH-12', 'huishouden 12', 'hh12', 'huishouden HH-12'],
  ['4A', 'hh 4a', 'HH-4A', 'huishouden 4-a', 'gezin 4.A', 'hh4a'],
];
const DESCRIPTIONS = ['grofvuil', 'pinpas leefgeld', 'buskaart', 'borg', 'huurachterstand'];
const VOTE_WORDS = ['ja', 'Ja!', 'jazeker', 'akkoord', '👍', '✅', '+1', 'nee', '👎', '❌', '-1'];
const CHATTER = [
  'wie heeft er morgen dienst?',
  'de grofvuilkosten waren €33',
  'hoe gaat het met hh 12?',
];

// ---------------------------------------------------------------------------------------
// Actions (abstract, as fast-check generates them) and the program they turn into.

/** Mostly the first chat of each team, so votes meet their requests; 'los' (unlinked) now and then. */
const chatIndex = fc
  .nat({ max: 99 })
  .map((n) => (n < 30 ? 0 : n < 60 ? 2 : n < 85 ? 3 : n < 92 ? 1 : n < 97 ? 4 : 5));
/** A chat, or (-1) the chat of the latest request, so votes and commands mostly meet their request. */
const followChat = fc.oneof(
  { weight: 3, arbitrary: fc.constant(-1) },
  { weight: 2, arbitrary: chatIndex },
);
const member = fc.nat({ max: MEMBERS.length - 1 });
/** One event in five is delivered late: its timestamp lies 1 minute to 5 hours before the clock. */
const late = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }) },
);
/**
 * A request number: mostly counted back (0-2) from the team's latest request message (which may
 * have been refused, so the number may not exist), sometimes any number from 1 to 9.
 */
const requestNumber = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 2 }).map((back) => ({ back })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 9 }).map((exact) => ({ exact })) },
);
const cents = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 25 }).map((e) => e * 100) },
  { weight: 3, arbitrary: fc.integer({ min: 100, max: 4_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 2_000, max: 8_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 400 }).map((e) => e * 100) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 3_000 }).map((e) => e * 100) },
  { weight: 1, arbitrary: fc.constantFrom(4_999, 5_000, 5_001, 8_000, 20_000, 20_001) },
);

const actionArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      t: fc.constant('request' as const),
      chat: chatIndex,
      from: member,
      household: fc.nat({ max: 3 }),
      spelling: fc.nat({ max: 7 }),
      cents,
      format: fc.nat({ max: 4 }),
      template: fc.nat({ max: 3 }),
      description: fc.nat({ max: DESCRIPTIONS.length - 1 }),
      late,
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('vote' as const),
      chat: followChat,
      from: member,
      // mostly "ja" in one of its spellings, sometimes "nee"
      word: fc.oneof(fc.nat({ max: 6 }), fc.nat({ max: VOTE_WORDS.length - 1 })),
      // 0: lone, 1: `ja #n`, 2: as a reply to a request message, 3: reply to any message
      how: fc.nat({ max: 19 }).map((n) => (n < 5 ? 0 : n < 9 ? 1 : n < 18 ? 2 : 3)),
      number: requestNumber,
      target: fc.nat(),
      late,
    }),
  },
  {
    // A coordinator putting a recent grant right: the real cost, a full reversal, or cancelling.
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('fixup' as const),
      chat: followChat,
      back: fc.nat({ max: 1 }),
      which: fc.nat({ max: 3 }),
      cents: fc.oneof(
        fc.integer({ min: 1, max: 6_000 }),
        fc.integer({ min: 1, max: 60 }).map((e) => e * 100),
      ),
    }),
  },
  {
    // A few colleagues saying "ja" to the latest request in a row (by reply, reaction or number).
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('ayes' as const),
      chat: followChat,
      offset: fc.nat({ max: MEMBERS.length - 1 }),
      count: fc.integer({ min: 1, max: 3 }),
      how: fc.nat({ max: 2 }),
      // 0: the coordinator then books the real cost, 1: reverses it, 2: both; otherwise nothing
      fix: fc.nat({ max: 5 }),
      cents: fc.integer({ min: 1, max: 6_000 }),
      // 0: someone first reacts 👎 and takes it off again after the "ja"s; 1: and leaves it on
      nee: fc.nat({ max: 4 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('react' as const),
      chat: followChat,
      from: member,
      emoji: fc.constantFrom('👍', '👎', '👍🏽', null, '❤️'),
      target: fc.nat(),
      anyMessage: fc.boolean(),
      late,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('button' as const),
      chat: followChat,
      from: member,
      number: requestNumber,
      vote: fc.constantFrom('ja' as const, 'nee' as const),
      late,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('command' as const),
      chat: followChat,
      from: member,
      // 0-2: a coordinator of the chat's team, 3: the administrator, 4-5: whoever `from` is
      by: fc.nat({ max: 5 }),
      which: fc.nat({ max: 10 }),
      number: requestNumber,
      cents,
      hash: fc.boolean(),
      late,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('chatter' as const),
      chat: chatIndex,
      from: member,
      which: fc.nat({ max: 2 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('dup' as const), which: fc.nat() }) },
  {
    // The administrator links a chat to a (possibly other) team.
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('koppel' as const),
      chat: chatIndex,
      team: fc.constantFrom('noord', 'zuid', 'west'),
    }),
  },
  {
    // Rule 13: a grant just before the new year, put right after it (a correction or a reversal),
    // or typed before and delivered after the new period opened.
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('yearEnd' as const),
      chat: chatIndex,
      household: fc.nat({ max: 3 }),
      cents: fc.integer({ min: 100, max: 3_000 }),
      // 0: the real cost, 1: a full reversal; typed before the new year and delivered after it
      fix: fc.nat({ max: 1 }),
      late: fc.boolean(),
      fixCents: fc.integer({ min: 1, max: 6_000 }),
      after: fc.integer({ min: 0, max: 600 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('clock' as const),
      minutes: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 1, max: 120 }) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 30 }).map((h) => h * 60) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }).map((d) => d * 1_440) },
        { weight: 1, arbitrary: fc.constantFrom(1_439, 1_440, 1_441) },
        { weight: 1, arbitrary: fc.constant(-1) }, // to just after the next new year (Amsterdam)
      ),
      after: fc.integer({ min: 0, max: 600 }),
      // one in six: the bot was down, and reads its backlog before the timer fires anything
      outage: fc.nat({ max: 5 }).map((n) => n === 0),
    }),
  },
);

type Action = typeof actionArb extends fc.Arbitrary<infer A> ? A : never;

type Step =
  | { kind: 'event'; event: IncomingEvent; duplicate: boolean }
  /** The clock moves to `to`; with `fire` false nothing due is fired yet (a backlog read after an outage). */
  | { kind: 'clock'; to: Date; fire: boolean };

interface Program {
  start: Date;
  steps: Step[];
  /** For every message that is a well-formed request: the household code and amount it names. */
  expected: Map<string, { household: string; cents: number }>;
}

/** An amount in one of the ways people type it. */
function money(amount: number, format: number): string {
  const euros = Math.floor(amount / 100);
  const cc = String(amount % 100).padStart(2, '0');
  const whole = amount % 100 === 0;
  const dotted = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  switch (format) {
    case 0:
      return whole ? `€${dotted}` : `€ ${dotted},${cc}`;
    case 1:
      return `€ ${euros},${cc}`;
    case 2:
      return whole ? `${euros} euro` : `${euros},${cc} euro`;
    case 3:
      return whole ? `EUR ${euros}` : `EUR ${euros},${cc}`;
    default:
      return whole ? `${euros},-` : `€ ${euros}.${cc}`;
  }
}

function plainAmount(amount: number): string {
  const euros = Math.floor(amount / 100);
  const cc = amount % 100;
  return cc === 0 ? String(euros) : `${euros},${String(cc).padStart(2, '0')}`;
}

/** Turns the generated actions into concrete events and clock moves, tracking the clock as the harness will. */
function materialize(start: string, actions: Action[]): Program {
  let now = new Date(start).getTime();
  let counter = 0;
  const events: IncomingEvent[] = [];
  const steps: Step[] = [];
  const expected = new Map<string, { household: string; cents: number }>();
  const messages = new Map<string, string[]>(); // chat → every message id
  const requestMessages = new Map<string, string[]>(); // chat → ids of request messages
  let lastRequestChat = 0;
  const requestCount = new Map<string, number>(); // team → request messages so far
  const teamOf = (chat: string) =>
    Object.keys(TEAMS).find((id) => TEAMS[id]!.chats.includes(chat)) ?? '-';
  const numberIn = (chat: string, number: { back: number } | { exact: number }) =>
    'exact' in number
      ? number.exact
      : Math.max(1, (requestCount.get(teamOf(chat)) ?? 0) - number.back);
  const chatOf = (index: number) => CHATS[index === -1 ? lastRequestChat : index]!;
  const at = (lateMinutes: number | null | undefined) =>
    new Date(now - (lateMinutes ?? 0) * 60_000);
  /** Mostly one of the last three of the list (the requests people are voting on), else any. */
  const pick = (list: string[] | undefined, n: number) => {
    if (!list || list.length === 0) return 'nope';
    const back = n % 4 === 3 ? n % list.length : n % Math.min(3, list.length);
    return list[list.length - 1 - back]!;
  };
  const push = (event: IncomingEvent) => {
    events.push(event);
    steps.push({ kind: 'event', event, duplicate: false });
  };
  const message = (
    chat: string,
    from: string,
    text: string,
    lateMinutes: number | null,
    replyTo?: string,
  ) => {
    const messageId = `m${++counter}`;
    messages.set(chat, [...(messages.get(chat) ?? []), messageId]);
    push({
      kind: 'message',
      chatId: chat,
      senderId: from,
      messageId,
      at: at(lateMinutes),
      text,
      replyTo: replyTo ?? null,
    });
    return messageId;
  };

  for (const action of actions) {
    switch (action.t) {
      case 'request': {
        const chat = CHATS[action.chat]!;
        const [code, ...spellings] = HOUSEHOLDS[action.household]!;
        const hh = spellings[action.spelling % spellings.length]!;
        const description = DESCRIPTIONS[action.description]!;
        const amount = money(action.cents, action.format);
        const text = [
          `${description} ${amount} voor ${hh}`,
          `${amount} ${description} ${hh}`,
          `/aanvraag ${plainAmount(action.cents)} ${description} ${hh}`,
          `${hh}: ${description} ${amount}`,
        ][action.template]!;
        const id = message(chat, MEMBERS[action.from]!, text, action.late);
        lastRequestChat = action.chat;
        requestCount.set(teamOf(chat), (requestCount.get(teamOf(chat)) ?? 0) + 1);
        expected.set(`${chat}|${id}`, { household: code, cents: action.cents });
        requestMessages.set(chat, [...(requestMessages.get(chat) ?? []), id]);
        break;
      }
      case 'vote': {
        const chat = chatOf(action.chat);
        const word = VOTE_WORDS[action.word]!;
        const from = MEMBERS[action.from]!;
        if (action.how === 1)
          message(chat, from, `${word} #${numberIn(chat, action.number)}`, action.late);
        else if (action.how === 2)
          message(chat, from, word, action.late, pick(requestMessages.get(chat), action.target));
        else if (action.how === 3)
          message(chat, from, word, action.late, pick(messages.get(chat), action.target));
        else message(chat, from, word, action.late);
        break;
      }
      case 'ayes': {
        const chat = chatOf(action.chat);
        const target = pick(requestMessages.get(chat), 0);
        const naysayer = MEMBERS[(action.offset + MEMBERS.length - 1) % MEMBERS.length]!;
        const nee = (emoji: string | null) =>
          push({
            kind: 'reaction',
            chatId: chat,
            senderId: naysayer,
            eventId: `r${++counter}`,
            targetMessageId: target,
            emoji,
            at: at(null),
          });
        if (action.nee <= 1) nee('👎');
        for (let i = 0; i < action.count; i++) {
          const from = MEMBERS[(action.offset + i) % MEMBERS.length]!;
          if (action.how === 0) message(chat, from, 'ja', null, target);
          else if (action.how === 1)
            message(chat, from, `ja #${numberIn(chat, { back: 0 })}`, null);
          else {
            push({
              kind: 'reaction',
              chatId: chat,
              senderId: from,
              eventId: `r${++counter}`,
              targetMessageId: target,
              emoji: '👍',
              at: at(null),
            });
          }
        }
        if (action.nee === 0) nee(null);
        const coordinator = TEAMS[teamOf(chat)]?.coordinators[0] ?? 'coco';
        const n = numberIn(chat, { back: 0 });
        if (action.fix === 0 || action.fix === 2)
          message(chat, coordinator, `/correctie ${n} ${plainAmount(action.cents)}`, null);
        if (action.fix === 1 || action.fix === 2)
          message(chat, coordinator, `/terugboeken ${n}`, null);
        break;
      }
      case 'fixup': {
        const chat = chatOf(action.chat);
        const n = numberIn(chat, { back: action.back });
        const text = [
          `/correctie ${n} ${plainAmount(action.cents)}`,
          `/terugboeken ${n}`,
          `/correctie #${n} € ${plainAmount(action.cents)}`,
          `/annuleer ${n}`,
        ][action.which]!;
        message(chat, TEAMS[teamOf(chat)]?.coordinators[0] ?? 'coco', text, null);
        break;
      }
      case 'react': {
        const chat = chatOf(action.chat);
        const target = pick(
          (action.anyMessage ? messages : requestMessages).get(chat),
          action.target,
        );
        push({
          kind: 'reaction',
          chatId: chat,
          senderId: MEMBERS[action.from]!,
          eventId: `r${++counter}`,
          targetMessageId: target,
          emoji: action.emoji,
          at: at(action.late),
        });
        break;
      }
      case 'button':
        push({
          kind: 'button',
          chatId: chatOf(action.chat),
          senderId: MEMBERS[action.from]!,
          eventId: `b${++counter}`,
          requestNumber: numberIn(chatOf(action.chat), action.number),
          vote: action.vote,
          at: at(action.late),
        });
        break;
      case 'command': {
        const n = `${action.hash ? '#' : ''}${numberIn(chatOf(action.chat), action.number)}`;
        const text = [
          `/annuleer ${n}`,
          `/storten ${plainAmount(action.cents)}`,
          `/storten € ${plainAmount(action.cents)} van de wijkraad`,
          `/correctie ${n} ${plainAmount(action.cents)}`,
          `/terugboeken ${n}`,
          '/saldo',
          '/open',
          `/huishouden ${HOUSEHOLDS[action.cents % HOUSEHOLDS.length]![1]}`,
          `/correctie ${n} 0`,
          `/correctie ${n} ${plainAmount(Math.max(1, action.cents % 3_000))}`,
          `/annuleer ${n}`,
        ][action.which]!;
        const chat = chatOf(action.chat);
        const coordinators = TEAMS[teamOf(chat)]?.coordinators ?? ['coco'];
        const from =
          action.by < 3
            ? coordinators[action.by % coordinators.length]!
            : action.by === 3
              ? 'admin'
              : MEMBERS[action.from]!;
        message(chat, from, text, action.late);
        break;
      }
      case 'chatter':
        message(chatOf(action.chat), MEMBERS[action.from]!, CHATTER[action.which]!, null);
        break;
      case 'koppel':
        message(chatOf(action.chat), 'admin', `/koppel ${action.team}`, null);
        break;
      case 'dup':
        if (events.length > 0)
          steps.push({
            kind: 'event',
            event: events[action.which % events.length]!,
            duplicate: true,
          });
        break;
      case 'yearEnd': {
        const chat = CHATS[action.chat]!;
        const newYear = (year: number) => startOfLocalDate(`${year}-01-01`).getTime();
        const year = Number(localDateOf(new Date(now)).slice(0, 4));
        now = Math.max(now, newYear(year + 1) - 60 * 60_000);
        steps.push({ kind: 'clock', to: new Date(now), fire: true });
        const [code, hh] = HOUSEHOLDS[action.household]!;
        const id = message(chat, 'anna', `grofvuil ${money(action.cents, 1)} voor ${hh}`, null);
        lastRequestChat = action.chat;
        requestCount.set(teamOf(chat), (requestCount.get(teamOf(chat)) ?? 0) + 1);
        expected.set(`${chat}|${id}`, { household: code, cents: action.cents });
        requestMessages.set(chat, [...(requestMessages.get(chat) ?? []), id]);
        const n = numberIn(chat, { back: 0 });
        for (const from of ['bas', 'carla', 'dirk']) message(chat, from, `ja #${n}`, null);
        const typedAt = now;
        now = newYear(year + 1) + action.after * 60_000;
        steps.push({ kind: 'clock', to: new Date(now), fire: true });
        const fix =
          action.fix === 0
            ? `/correctie ${n} ${plainAmount(action.fixCents)}`
            : `/terugboeken ${n}`;
        const coordinator = TEAMS[teamOf(chat)]?.coordinators[0] ?? 'coco';
        message(chat, coordinator, fix, action.late ? (now - typedAt) / 60_000 : null);
        break;
      }
      case 'clock': {
        if (action.minutes === -1) {
          const year = Number(localDateOf(new Date(now)).slice(0, 4));
          now = startOfLocalDate(`${year + 1}-01-01`).getTime() + action.after * 60_000;
        } else {
          now += action.minutes * 60_000;
        }
        steps.push({ kind: 'clock', to: new Date(now), fire: !action.outage });
        break;
      }
    }
  }
  return { start: new Date(start), steps, expected };
}

// ---------------------------------------------------------------------------------------
// Reading the database.

const TABLES = [
  'teams',
  'chat_links',
  'coordinators',
  'members',
  'inbox',
  'periods',
  'requests',
  'votes',
  'ledger',
  'outbox',
];

/** Tables keyed by their primary key alone (WITHOUT ROWID, migration 009): in key order. */
const ORDER_OF: Record<string, string> = { inbox: 'event_key', votes: 'request_id, member_id' };

/** Every row of every table, in a fixed order (insertion, or key): two equal dumps are two equal states. */
function dump(h: Harness): unknown[][] {
  return TABLES.map((table) =>
    h.engine.sql.all(`SELECT * FROM ${table} ORDER BY ${ORDER_OF[table] ?? 'rowid'}`),
  );
}

function outboxTexts(h: Harness): string[] {
  return h.engine.sql
    .all<{ text: string }>('SELECT text FROM outbox ORDER BY id')
    .map((row) => row.text);
}

interface RequestRow {
  id: number;
  team_id: string;
  number: number;
  chat_id: string;
  message_id: string;
  requester_id: string;
  household: string;
  amount_cents: number;
  period_start: number;
  status: string;
  created_at: number;
  deadline_at: number;
  decided_at: number | null;
}

/** docs/rules.md rules 1-8 and 13 as invariants over the whole database. */
function checkInvariants(h: Harness, program: Program, backlog: boolean): void {
  const sql = h.engine.sql;
  const snapshot = h.state();
  expect(snapshot.teams.map((t) => t.id).sort()).toEqual(Object.keys(TEAMS).sort());
  const requests = sql.all<RequestRow>('SELECT * FROM requests ORDER BY team_id, number');
  const ledger = sql.all<{
    team_id: string;
    kind: string;
    amount_cents: number;
    request_id: number | null;
    period_start: number;
  }>('SELECT team_id, kind, amount_cents, request_id, period_start FROM ledger ORDER BY id');
  const periods = sql.all<{ team_id: string; start_at: number }>(
    'SELECT team_id, start_at FROM periods',
  );
  const votes = sql.all<{ request_id: number; member_id: string; value: string; cast_at: number }>(
    'SELECT request_id, member_id, value, cast_at FROM votes',
  );

  for (const team of snapshot.teams) {
    const ledgerSum = ledger
      .filter((l) => l.team_id === team.id)
      .reduce((sum, l) => sum + l.amount_cents, 0);
    const reserved = requests
      .filter((r) => r.team_id === team.id && r.status === 'open')
      .reduce((sum, r) => sum + r.amount_cents, 0);
    // The balance is the sum of the team's ledger; available is balance minus open reservations.
    expect(team.balanceCents, `balance of ${team.id}`).toBe(ledgerSum);
    expect(team.reservedCents, `reserved of ${team.id}`).toBe(reserved);
    expect(team.availableCents).toBe(ledgerSum - reserved);
    expect(team.availableCents, `available of ${team.id}`).toBeGreaterThanOrEqual(0);
    // Request numbers per team are 1..n without gaps.
    const numbers = requests.filter((r) => r.team_id === team.id).map((r) => r.number);
    expect(numbers, `request numbers of ${team.id}`).toEqual(numbers.map((_, i) => i + 1));

    // Rule 13: everything is booked to a period the team opened, and requests belong to one too.
    const opened = periods.filter((p) => p.team_id === team.id).map((p) => p.start_at);
    const own = ledger.filter((l) => l.team_id === team.id);
    for (const l of own)
      expect(opened, `period of a ${l.kind} of ${team.id}`).toContain(l.period_start);
    for (const r of requests.filter((r) => r.team_id === team.id))
      expect(opened, `period of ${team.id} #${r.number}`).toContain(r.period_start);
    const latest = Math.max(...opened);
    if (TEAMS[team.id]!.carryOver) {
      // A team that carries over never lets money lapse.
      expect(
        own.filter((l) => l.kind === 'correction' && l.request_id === null),
        `lapses of ${team.id}`,
      ).toEqual([]);
    } else {
      // A closed period keeps exactly what its open requests still reserve: its rest lapsed at
      // its end, and money that came back to it later (a reversal, a correction down, a reservation
      // released) lapsed there too. Nothing of it reaches the current pot, nothing is taken from it.
      for (const start of opened.filter((p) => p < latest)) {
        const booked = own
          .filter((l) => l.period_start === start)
          .reduce((sum, l) => sum + l.amount_cents, 0);
        const reserved = requests
          .filter((r) => r.team_id === team.id && r.period_start === start && r.status === 'open')
          .reduce((sum, r) => sum + r.amount_cents, 0);
        expect(booked, `closed period ${new Date(start).toISOString()} of ${team.id}`).toBe(
          reserved,
        );
      }
    }
  }

  const usage = new Map<string, number>();
  for (const r of requests) {
    const rules = TEAMS[r.team_id]!;
    const own = ledger.filter((l) => l.request_id === r.id);
    const grants = own.filter((l) => l.kind === 'grant');
    const net = -own.reduce((sum, l) => sum + l.amount_cents, 0);
    // Each approved request has exactly one grant of −amount; the others have no ledger rows at all.
    if (r.status === 'approved') {
      expect(
        grants.map((g) => g.amount_cents),
        `grant of ${r.team_id} #${r.number}`,
      ).toEqual([-r.amount_cents]);
    } else {
      expect(own, `ledger rows of ${r.status} ${r.team_id} #${r.number}`).toEqual([]);
    }
    // Booked on the request's own team, and never more than given back.
    for (const l of own)
      expect(l.team_id, `team of a booking on ${r.team_id} #${r.number}`).toBe(r.team_id);
    expect(net, `net spent on ${r.team_id} #${r.number}`).toBeGreaterThanOrEqual(0);
    // The household and amount are what the message said, whatever the spelling.
    const wanted = program.expected.get(`${r.chat_id}|${r.message_id}`);
    expect(wanted, `request ${r.team_id} #${r.number} comes from a request message`).toBeDefined();
    expect(r.household).toBe(wanted!.household);
    expect(r.amount_cents).toBe(wanted!.cents);
    expect(r.amount_cents).toBeLessThanOrEqual(rules.householdCapCents);
    // Approval: enough counted "ja" (not the requester's, cast before the deadline), and no "nee" when it blocks.
    if (r.status === 'approved') {
      const counted = votes.filter(
        (v) => v.request_id === r.id && v.member_id !== r.requester_id && v.cast_at < r.deadline_at,
      );
      expect(counted.filter((v) => v.value === 'ja').length).toBeGreaterThanOrEqual(
        rules.votesNeeded,
      );
      if (rules.blockOnNee) expect(counted.filter((v) => v.value === 'nee')).toEqual([]);
      expect(r.decided_at!).toBeLessThan(r.deadline_at);
    }
    // A request that has enough "ja" (and no blocking "nee") is approved at once: never left open or expired.
    if (r.status === 'open' || r.status === 'expired') {
      const counted = votes.filter(
        (v) => v.request_id === r.id && v.member_id !== r.requester_id && v.cast_at < r.deadline_at,
      );
      const approvable =
        counted.filter((v) => v.value === 'ja').length >= rules.votesNeeded &&
        (!rules.blockOnNee || counted.every((v) => v.value === 'ja'));
      expect(approvable, `${r.status} ${r.team_id} #${r.number} has enough ja`).toBe(false);
    }
    // Votes and decisions come after the request was posted.
    for (const v of votes.filter((v) => v.request_id === r.id))
      expect(v.cast_at).toBeGreaterThanOrEqual(r.created_at);
    if (r.decided_at !== null) expect(r.decided_at).toBeGreaterThanOrEqual(r.created_at);
    if (r.status === 'expired') expect(r.decided_at).toBe(r.deadline_at);
    // Nothing is left open past its deadline once what fell due has been fired.
    if (r.status === 'open' && !backlog)
      expect(r.deadline_at).toBeGreaterThan(h.clock.now().getTime());
    const key = `${r.team_id}|${r.household}|${r.period_start}`;
    usage.set(key, (usage.get(key) ?? 0) + net + (r.status === 'open' ? r.amount_cents : 0));
  }
  // No household above its cap in any period (granted net of corrections, plus open).
  for (const [key, used] of usage) {
    expect(used, `household usage ${key}`).toBeLessThanOrEqual(
      TEAMS[key.split('|')[0]!]!.householdCapCents,
    );
  }
}

// ---------------------------------------------------------------------------------------
// Running a program.

function run(program: Program, options: { twice: boolean; check: boolean }): Harness {
  const h = new Harness(CONFIG, program.start.toISOString());
  let backlog = false; // the clock moved without firing what fell due
  for (const step of program.steps) {
    if (step.kind === 'clock') {
      if (step.fire) h.at(step.to);
      else h.clock.set(step.to);
      backlog = !step.fire;
    } else {
      const before = step.duplicate ? dump(h) : null;
      const outcome = h.handle(step.event);
      if (before) {
        expect(outcome).toEqual({ applied: false, replies: 0 });
        expect(dump(h)).toEqual(before);
      }
      if (options.twice) {
        const once = dump(h);
        expect(h.handle(step.event)).toEqual({ applied: false, replies: 0 });
        expect(dump(h)).toEqual(once);
      }
    }
    if (options.check) checkInvariants(h, program, backlog);
  }
  if (options.check) checkInvariants(h, program, backlog);
  return h;
}

/**
 * Runs per property. For a deeper search (about 25 ms a run):
 * MMB_PROPERTY_RUNS=5000 npx vitest run test/engine/engine.property.test.ts --testTimeout=600000
 */
const RUNS = Number(process.env.MMB_PROPERTY_RUNS) || 150;

const programArb = fc
  .tuple(
    fc.constantFrom(...STARTS),
    fc.array(actionArb, { minLength: 1, maxLength: 60, size: 'max' }),
  )
  .map(([start, actions]) => materialize(start, actions));

describe('the engine under random command sequences across three teams', () => {
  it('keeps the pot, the household caps, the grants and the numbering right after every step', () => {
    fc.assert(
      fc.property(programArb, (program) => {
        run(program, { twice: false, check: true });
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the same state and outbox when every event is delivered twice, or the whole sequence again', () => {
    fc.assert(
      fc.property(programArb, (program) => {
        const once = run(program, { twice: false, check: false });
        const twice = run(program, { twice: true, check: false });
        expect(twice.state()).toEqual(once.state());
        expect(outboxTexts(twice)).toEqual(outboxTexts(once));
        expect(dump(twice)).toEqual(dump(once));

        // The whole sequence fed again after the end: every event is a redelivery.
        const end = dump(once);
        for (const step of program.steps) {
          if (step.kind === 'event') expect(once.handle(step.event).applied).toBe(false);
        }
        expect(dump(once)).toEqual(end);
      }),
      { numRuns: Math.ceil((RUNS * 2) / 3) },
    );
  });

  it('reaches the limits and paths it is meant to exercise', () => {
    // Not a property: a check on the generators, so the properties above do not pass vacuously.
    const seen = new Set<string>();
    for (const program of fc.sample(programArb, { numRuns: 80, seed: 42 })) {
      const h = run(program, { twice: false, check: false });
      for (const text of outboxTexts(h)) {
        if (text.startsWith('✅')) seen.add('approved');
        if (text.startsWith('Die aanvraag past niet: huishouden')) seen.add('over-cap');
        if (text.startsWith('Die aanvraag past niet: er is nog')) seen.add('over-pot');
        if (text.startsWith('🗓️')) seen.add('new-period');
        if (text.startsWith('✏️')) seen.add('correction');
        if (text.startsWith('↩️')) seen.add('reversal');
        if (/^💶 € .* gestort/.test(text)) seen.add('deposit');
        if (text.startsWith('Alleen een coördinator')) seen.add('not-coordinator');
        if (text.startsWith('Deze aanvraag is van')) seen.add('closed-period-request');
        if (text.includes('dus het bedrag vervalt')) seen.add('closed-period-lapse');
        if (text.includes('naar de pot van deze periode')) seen.add('closed-period-carried');
        if (text.includes('daar kan niets meer bij')) seen.add('closed-period-correction-up');
      }
      for (const r of h.state().requests) seen.add(r.status);
      if (program.steps.some((s) => s.kind === 'event' && s.duplicate)) seen.add('duplicate');
    }
    expect([...seen].sort()).toEqual(
      [
        'approved',
        'cancelled',
        'closed-period-carried',
        'closed-period-correction-up',
        'closed-period-lapse',
        'closed-period-request',
        'correction',
        'deposit',
        'duplicate',
        'expired',
        'new-period',
        'not-coordinator',
        'open',
        'over-cap',
        'over-pot',
        'reversal',
      ].sort(),
    );
  });
});

// ---------------------------------------------------------------------------------------
// The bugs the properties found, one small sequence each, kept as regression tests.

describe('bugs the properties found', () => {
  it('a vote in a chat moved by /koppel is booked on the request’s own team', () => {
    const h = new Harness(CONFIG, '2026-03-02T09:00:00+01:00');
    const req = h.say('anna', 'grofvuil €40 voor hh 3', { chat: 'west' }); // west #1: 2× ja needed
    h.say('admin', '/koppel zuid', { chat: 'west' }); // the chat now belongs to zuid (3× ja, € 100 pot)
    h.say('bas', 'ja', { chat: 'west', replyTo: req });
    h.say('carla', 'ja', { chat: 'west', replyTo: req });
    h.say('dirk', 'ja', { chat: 'west', replyTo: req });
    const grant = h.state().ledger.find((l) => l.kind === 'grant');
    expect(grant?.team ?? 'west').toBe('west');
  });

  it('taking back the blocking 👎 approves a request that has enough ja', () => {
    const h = new Harness(CONFIG, '2026-03-02T09:00:00+01:00');
    const req = h.say('anna', 'grofvuil €10 voor hh 3', { chat: 'zuid' }); // blockOnNee, 3× ja
    h.react('dirk', req, '👎', { chat: 'zuid' });
    for (const member of ['bas', 'carla', 'coco'])
      h.say(member, 'ja', { chat: 'zuid', replyTo: req });
    h.react('dirk', req, null, { chat: 'zuid' }); // 3× ja, no nee standing
    h.advance(25 * 60);
    expect(h.request(1, 'zuid').status).toBe('approved');
  });

  it('a lone "ja" typed before the request was posted does not count', () => {
    const h = new Harness(CONFIG, '2026-03-02T09:00:00+01:00');
    const typed = h.clock.now();
    h.advance(30);
    h.say('anna', 'grofvuil €10 voor hh 3'); // noord: 2× ja
    h.say('bas', 'ja', { at: typed }); // delivered late, typed 30 minutes before the request
    h.say('carla', 'ja');
    expect(h.request(1).status).toBe('open');
  });

  it('a new period opened by an incoming message is still announced in the group', () => {
    const h = new Harness(CONFIG, '2026-12-31T23:50:00+01:00');
    h.say('anna', 'hallo');
    h.texts();
    // A message just after midnight is handled before the timer fires the new period.
    h.clock.set(new Date('2027-01-01T00:00:05+01:00'));
    h.say('anna', 'goedemorgen');
    h.at('2027-01-01T01:00:00+01:00');
    // zuid and west get theirs from the timer; noord's was opened by the message and is never announced.
    const announced = h
      .replies()
      .filter((r) => r.text.startsWith('🗓️'))
      .map((r) => r.chat);
    expect(announced).toContain('noord');
  });

  it('money of a request that expired before new year does not carry over when the backlog opens the period', () => {
    const pot = (timerFirst: boolean) => {
      const h = new Harness(CONFIG, '2026-12-30T20:00:00+01:00');
      h.say('anna', 'grofvuil €33 voor hh 3'); // noord, deadline 31 Dec 20:00
      h.advance(60);
      // Down from 31 Dec 19:00 to 1 Jan 10:00; the adapters read the backlog before the scheduler
      // starts (src/app/main.ts), so the backlog message at 09:00 opens the new period.
      const backlogAt = new Date('2027-01-01T09:00:00+01:00');
      if (timerFirst) h.at(backlogAt);
      else h.clock.set(backlogAt);
      h.say('bas', 'goedemorgen');
      h.at('2027-01-01T10:00:00+01:00');
      return h.team('noord').balanceCents;
    };
    expect(pot(true)).toBe(20_000);
    expect(pot(false)).toBe(20_000);
  });

  it('keeps available at zero or more when a message opens the new period before overdue requests expire', () => {
    // Seed 310469358: reservations of requests past their deadline (the backlog is still being
    // read) stay reserved across the boundary, and lapse only when they expire.
    const h = new Harness(CONFIG, '2026-03-02T09:00:00+01:00');
    h.say('zara', '/storten 1', { chat: 'zuid' });
    h.say('anna', 'grofvuil €50 voor hh 3', { chat: 'zuid' });
    h.say('anna', 'grofvuil € 50,01 voor hh 7', { chat: 'zuid' });
    h.clock.set(new Date('2027-01-01T00:00:00+01:00'));
    h.say('zara', '/correctie 2 1000', { chat: 'zuid' });
    expect(h.team('zuid').availableCents).toBeGreaterThanOrEqual(0);
    h.engine.runDue(h.clock.now());
    expect(h.team('zuid')).toMatchObject({
      balanceCents: 10_000,
      reservedCents: 0,
      availableCents: 10_000,
    });
  });
});
