/**
 * Rule 16: every message the bot writes about requests and votes, pasted back into the group,
 * is recognised as the bot's own words (isBotEcho) and is neither a request nor a vote. When a
 * reply is added to src/rules/replies.ts, add it here: the loop over `refuse` catches it.
 */
import { describe, expect, it } from 'vitest';
import * as say from '../../src/rules/replies.ts';
import type { BudgetRequest } from '../../src/store/requests.ts';
import { isBotEcho } from '../../src/text/bot-echo.ts';
import { estimateAround, findAmounts } from '../../src/text/money.ts';
import { parseMessage } from '../../src/text/parse-message.ts';
import { unclearVote } from '../../src/text/parse-vote.ts';
import { isPastReport, isQuestion } from '../../src/text/request-intent.ts';

const request = {
  number: 4,
  amountCents: 3300,
  description: 'grofvuil',
  household: '12',
  status: 'open',
  deadlineAt: new Date('2026-03-03T09:00:00Z'),
} as unknown as BudgetRequest;

/** Every refusal, with arguments that make it name amounts and households where it can. */
const r = say.refuse;
const refusals: Record<keyof typeof say.refuse, string> = {
  overPot: r.overPot(3300, 2000),
  overCap: r.overCap('12', 2000, 50_000),
  noHousehold: r.noHousehold(),
  householdIsName: r.householdIsName(),
  householdFormat: r.householdFormat(),
  estimate: r.estimate('ongeveer €50'),
  questionHint: r.questionHint(),
  pastHint: r.pastHint(),
  voteUnclear: r.voteUnclear(4),
  noAmount: r.noAmount(),
  unreadableAmount: r.unreadableAmount(),
  negativeAmount: r.negativeAmount('-€20'),
  ambiguousAmount: r.ambiguousAmount('€1 250'),
  twoAmounts: r.twoAmounts(['€ 20', '€ 30']),
  twoHouseholds: r.twoHouseholds(['hh 12', 'hh 13']),
  ambiguousHousehold: r.ambiguousHousehold('hh 12.0'),
  zeroAmount: r.zeroAmount(),
  tooLarge: r.tooLarge(50_000),
  beforeStart: r.beforeStart(new Date('2026-01-05T00:00:00Z')),
  ownVote: r.ownVote(request),
  decided: r.decided(request),
  tooLate: r.tooLate(request),
  whichRequest: r.whichRequest([4, 5]),
  unknownRequest: r.unknownRequest(9),
  unknownCommand: r.unknownCommand(),
  coordinatorsOnly: r.coordinatorsOnly('storten', ['Coco']),
  advisersOnly: r.advisersOnly('exporteren', null),
  adminsOnly: r.adminsOnly('koppelen'),
};

describe("rule 16: the bot's own messages pasted back are neither a request nor a vote", () => {
  it.each([
    ['requestOpened', say.requestOpened(request, 3)],
    ['requestApproved', say.requestApproved(request, 196_700)],
    ['tallyLine', say.tallyLine(request, 1, 0, 3, false)],
    ['requestReminder', say.requestReminder(request, 2)],
    ['requestExpired', say.requestExpired(request, 1, 3)],
    ['requestCancelled', say.requestCancelled(request)],
    ['/open line', '#4 € 33,00 grofvuil (hh 12): 1 van 3 ja · verloopt di 3 mrt 10:00'],
  ])('%s is recognised', (_name, text) => {
    expect(isBotEcho(text)).toBe(true);
    for (const pasted of [text, `> ${text}`, `[10:02, 2-3-2026] MMB: ${text}`, `${text}\nja`]) {
      expect(['chatter', 'command']).toContain(parseMessage(pasted).kind);
    }
  });

  it.each(Object.entries(refusals))(
    'refuse.%s pasted back opens no request and is no vote',
    (_name, text) => {
      expect(['chatter', 'command']).toContain(parseMessage(text).kind);
    },
  );

  it('the members’ own votes are not mistaken for the bot', () => {
    for (const text of ['ja #4', 'ja voor aanvraag #4', 'nee, te duur', '👍', 'grofvuil €33 hh 12'])
      expect(isBotEcho(text)).toBe(false);
  });
});

describe('rule 2: estimateAround reads what makes an amount uncertain', () => {
  const around = (text: string) => {
    const [amount] = findAmounts(text);
    const span = amount === undefined ? null : estimateAround(text, amount);
    return span === null ? null : text.slice(span.index, span.index + span.length);
  };
  it.each([
    ['bed ongeveer €50 hh 12', 'ongeveer €50'],
    ['bed ca. €50 hh 12', 'ca. €50'],
    ['bed rond de €50 hh 12', 'rond de €50'],
    ['bed zo’n €50 hh 12', 'zo’n €50'],
    ['bed +/- €50 hh 12', '+/- €50'],
    ['bed €50/60 hh 12', '€50/60'],
    ['bed €50 tot 60 hh 12', '€50 tot 60'],
    ['bed €50 of zo hh 12', '€50 of zo'],
    ['bed €50 max hh 12', '€50 max'],
  ])('%s → %s', (text, seen) => {
    expect(around(text)).toBe(seen);
  });
  it.each([
    'grofvuil €33 hh 12',
    'grofvuil €33 en 2 zakken hh 12',
    '€ 20 en € 30 hh 12',
    'huur €300 voor maart hh 3',
  ])('%s is certain', (text) => {
    expect(around(text)).toBeNull();
  });
});

describe('rule 5: unclearVote', () => {
  it.each([
    'ja… nee wacht',
    'ja, sorry, verkeerde aanvraag',
    'ja, toch maar niet',
    'ja nee',
    '👍 oeps',
    '+1 laat maar',
  ])('%s is a vote taken back', (text) => {
    expect(unclearVote(text)).toEqual({ requestNumber: null });
  });
  it('names the request when the message does', () => {
    expect(unclearVote('ja #7 nee wacht')).toEqual({ requestNumber: 7 });
  });
  it.each(['nee, te duur', 'ja hoor', 'ja? nee?', 'janneke komt ook', 'het is goed, ja'])(
    '%s is not',
    (text) => {
      expect(unclearVote(text)).toBeNull();
    },
  );
});

describe('rule 16: questions and reports of the past', () => {
  it.each([
    'kan hh 12 €50 krijgen',
    'grofvuil €33 hh 12?',
    'grofvuil €33 hh 12 (toch?)',
    'Hoeveel heeft hh 12 nog',
  ])('%s asks', (text) => expect(isQuestion(text)).toBe(true));
  it.each(['grofvuil €33 hh 12', '€1 is al overgemaakt', 'ishaak €33 hh 12'])(
    '%s does not ask',
    (text) => expect(isQuestion(text)).toBe(false),
  );
  it.each(['hh 12 kreeg vorige week €80', 'hh 12 heeft al €60 gehad', '€60 hh 12 is betaald'])(
    '%s reports the past',
    (text) => expect(isPastReport(text)).toBe(true),
  );
  it.each([
    'grofvuil €33 hh 12, moet vrijdag betaald worden',
    'zij betaalde €33, graag vergoeden hh 12',
  ])('%s asks for money now', (text) => expect(isPastReport(text)).toBe(false));
});
