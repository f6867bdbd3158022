/**
 * Rules 2, 5 and 16 through the real engine: what people really type that is not one certain
 * request (several households, a code that is a name, a range or estimate, a question, a report
 * of the past, a paste of the bot's own words) or not one clear vote (a vote taken back in the
 * same message). Each class: named examples, then a fast-check property that generates many
 * variants, sends each through Engine.handle and checks in the database that nothing was
 * reserved or counted, and that the bot asked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as say from '../../src/rules/replies.ts';
import type { BudgetRequest } from '../../src/store/requests.ts';
import { formatCents } from '../../src/text/money.ts';
import { Harness } from '../support/harness.ts';

const RUNS = 2_000;

const CONFIG = {
  admins: ['admin'],
  teams: [
    {
      id: 'noord',
      chats: ['noord'],
      coordinators: ['coco'],
      startDate: '2026-01-05',
      votesNeeded: 2,
    },
  ],
};

const count = (h: Harness, table: 'requests' | 'votes') =>
  h.engine.sql.number(`SELECT count(*) FROM ${table}`);

/** Sends `text` as anna's message and returns the bot's replies (privacy warnings left out). */
function send(h: Harness, text: string, options: { replyTo?: string } = {}): string[] {
  h.say('anna', text, options);
  return h
    .replies()
    .filter((r) => r.purpose !== 'privacy')
    .map((r) => r.text);
}

// ---------------------------------------------------------------------------------------
// Generators.

const description = fc.constantFrom('grofvuil', 'pinpas leefgeld', 'buskaart', 'bed', 'borg');
const euros = fc.integer({ min: 1, max: 400 });
const amount = euros.chain((n) =>
  fc.constantFrom(`€${n}`, `€ ${n}`, `${n} euro`, `EUR ${n}`, `${n},-`, `€ ${n},00`),
);
const keyword = fc.constantFrom('hh', 'HH', 'huishouden', 'gezin', 'hh nr.', 'Huishouden:');
const code = fc.integer({ min: 1, max: 999 });
/** A request in one of the orders people write it. */
const request = (money: fc.Arbitrary<string>, household: fc.Arbitrary<string>) =>
  fc
    .tuple(description, money, household, fc.boolean())
    .map(([what, m, hh, first]) => (first ? `${what} ${m} voor ${hh}` : `${hh}: ${m} ${what}`));

const severalHouseholds = fc
  .tuple(
    keyword,
    code,
    code,
    fc.constantFrom(' en ', '/', ' / ', ' + ', '+', '-', ', ', ' of ', ' & '),
  )
  .filter(([, a, b]) => a !== b)
  .map(([kw, a, b, join]) => `${kw} ${a}${join}${b}`);

const lookAlikeCode = fc
  .tuple(
    keyword,
    fc.integer({ min: 0, max: 99 }),
    fc.constantFrom('O', 'o', 'l', 'I'),
    fc.integer({ min: 0, max: 99 }),
  )
  .map(([kw, a, letter, b]) => `${kw} ${a}${letter}${b}`);

const capitalised = fc
  .tuple(
    fc.constantFrom('D', 'J', 'Y', 'B', 'K', 'M'),
    fc.stringMatching(/^[a-z]{3,9}$/),
    fc.constantFrom('', 'straat', 'laan', 'weg', 'plein', 'Vries', 'Berg'),
  )
  .map(([first, rest, tail]) => first + rest + tail);
const nameAsCode = fc
  .tuple(keyword, capitalised, fc.integer({ min: 1, max: 200 }), fc.constantFrom('', ' ', '-'))
  .map(([kw, name, n, glue]) => `${kw} ${name}${glue === ' ' ? '' : glue}${n}`);

const estimate = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'ongeveer',
        'circa',
        'ca.',
        'rond de',
        'rond',
        'maximaal',
        'max.',
        'hooguit',
        'zo\u2019n',
        'plusminus',
        'tussen de',
        '±',
        '~',
        '+/-',
      ),
      amount,
    )
    .map(([word, m]) => `${word} ${m}`),
  fc
    .tuple(
      euros,
      euros,
      fc.constantFrom(' tot ', '/', ' à ', ' a ', ' of ', ' t/m '),
      fc.constantFrom('euro', 'eur', ',-'),
    )
    .map(([a, b, join, unit]) => `${a}${join}${b}${unit === ',-' ? ',-' : ` ${unit}`}`),
  fc.tuple(euros, euros).map(([a, b]) => `tussen ${a} en ${b} euro`),
  fc
    .tuple(euros, euros, fc.constantFrom(' tot ', '/', ' à ', ' of '))
    .map(([a, b, join]) => `€${a}${join}${b}`),
  fc
    .tuple(amount, fc.constantFrom('ongeveer', 'max', 'of zo', 'ofzo', 'circa'))
    .map(([m, w]) => `${m} ${w}`),
);

const plainHousehold = fc.tuple(keyword, code).map(([kw, n]) => `${kw} ${n}`);

const question = fc.oneof(
  request(amount, plainHousehold).chain((r) =>
    fc.constantFrom(`${r}?`, `${r} ?`, `${r}??`, `${r}? 🙏`, `${r} (toch?)`),
  ),
  fc
    .tuple(
      fc.constantFrom(
        'kan',
        'Kan',
        'mag',
        'moet',
        'is',
        'wie',
        'wat',
        'hoeveel',
        'waarom',
        'hoe',
        'wanneer',
        'zou',
        'kunnen',
        'klopt',
      ),
      request(amount, plainHousehold),
    )
    .map(([opener, r]) => `${opener} ${r}`),
);

const pastReport = fc
  .tuple(
    plainHousehold,
    amount,
    fc.constantFrom(
      (hh: string, m: string) => `${hh} kreeg vorige week ${m}`,
      (hh: string, m: string) => `${hh} heeft al ${m} gehad`,
      (hh: string, m: string) => `${m} voor ${hh} is betaald`,
      (hh: string, m: string) => `hebben we toen ${m} gegeven aan ${hh}?`.replace('?', ''),
      (hh: string, m: string) => `${hh} ontving ${m} voor de huur`,
      (hh: string, m: string) => `${m} is al overgemaakt naar ${hh}`,
    ),
  )
  .map(([hh, m, make]) => make(hh, m));

/** A request as the bot stores it, to render the bot's own messages. */
const storedRequest = fc.tuple(fc.integer({ min: 1, max: 99 }), euros, description, code).map(
  ([number, eur, what, hh]): BudgetRequest =>
    ({
      number,
      amountCents: eur * 100,
      description: what,
      household: String(hh),
      status: 'open',
      deadlineAt: new Date('2026-03-03T09:00:00Z'),
    }) as unknown as BudgetRequest,
);
const botMessage = fc
  .tuple(storedRequest, fc.integer({ min: 0, max: 5 }), euros)
  .chain(([r, yes, balance]) =>
    fc.constantFrom(
      say.requestOpened(r, 3),
      say.requestApproved(r, balance * 100),
      say.tallyLine(r, yes, 1, 3, false),
      say.requestReminder(r, 2),
      say.requestExpired(r, yes, 3),
      say.requestCancelled(r),
      `#${r.number} ${formatCents(r.amountCents)} ${r.description} (hh ${r.household}): ${yes} van 3 ja`,
      say.refuse.twoHouseholds([`hh ${r.household}`, 'hh 13']),
      say.refuse.twoAmounts(['€ 20', '€ 30']),
      say.refuse.ambiguousAmount('€1 250'),
      say.refuse.estimate('ongeveer €50'),
      say.refuse.questionHint(),
      say.refuse.pastHint(),
      say.refuse.householdFormat(),
      say.refuse.householdIsName(),
      say.refuse.overCap(r.household, 2000, 50000),
    ),
  );
const pasted = botMessage.chain((text) =>
  fc.constantFrom(
    text,
    `> ${text}`,
    `[09:01, 2-3-2026] MMB bot: ${text}`,
    `MMB bot: ${text}`,
    `${text} ja`,
    `ja ${text}`,
    `"${text}"`,
  ),
);

const yesPart = fc.constantFrom(
  'ja',
  'Ja!',
  'jazeker',
  'akkoord',
  '👍',
  '+1',
  '✅',
  'JA',
  'ja hoor',
);
const takeBack = fc.constantFrom(
  'nee wacht',
  'nee',
  'wacht',
  'sorry, verkeerde aanvraag',
  'sorry',
  'toch maar niet',
  'toch niet',
  'oeps',
  'verkeerde',
  'laat maar',
  '👎',
  'nee toch',
);
const joiner = fc.constantFrom(' ', ', ', '… ', '... ', '. ', ' - ', '\n');
const unclearVoteText = fc
  .tuple(yesPart, joiner, takeBack, fc.boolean())
  .map(([yes, join, back, named]) => `${yes}${named ? ' #1' : ''}${join}${back}`);

// ---------------------------------------------------------------------------------------

/** Runs `texts` through one engine; each must reserve nothing and get a reply that passes `asks`. */
function nothingReservedAndAsked(texts: fc.Arbitrary<string>, asks: (reply: string) => boolean) {
  const h = new Harness(CONFIG);
  fc.assert(
    fc.property(texts, (text) => {
      const replies = send(h, text);
      expect(count(h, 'requests')).toBe(0);
      expect(replies.some(asks), `${JSON.stringify(text)} → ${JSON.stringify(replies)}`).toBe(true);
    }),
    { numRuns: RUNS },
  );
}

describe('rule 2: several households are asked about', () => {
  it.each(['grofvuil €33 hh 21 en 22', 'grofvuil €33 hh 21/22', '€33 hh 21 + 22', '€33 hh 21-22'])(
    '%s books nothing and names what it read',
    (text) => {
      const h = new Harness(CONFIG);
      const [reply] = send(h, text);
      expect(count(h, 'requests')).toBe(0);
      expect(reply).toContain('meer dan één huishouden');
    },
  );

  it('keeps an amount after the code an amount (hh 12 en 50 euro)', () => {
    const h = new Harness(CONFIG);
    const [reply] = send(h, 'grofvuil hh 12 en 50 euro');
    expect(reply).toContain('Aanvraag #1');
  });

  it('property: no variant of two households books on the first', () => {
    nothingReservedAndAsked(request(amount, severalHouseholds), (r) =>
      r.includes('meer dan één huishouden'),
    );
  });
});

describe('rule 2: a code that may be read two ways is asked about', () => {
  it('hh 1O2: 102 or a typo?', () => {
    const h = new Harness(CONFIG);
    const [reply] = send(h, 'grofvuil €33 hh 1O2');
    expect(count(h, 'requests')).toBe(0);
    expect(reply).toContain("welk huishouden je bedoelt met 'hh 1O2'");
  });

  it('property: a look-alike letter between digits books nothing', () => {
    nothingReservedAndAsked(request(amount, lookAlikeCode), (r) => r.includes('welk huishouden'));
  });
});

describe('rule 2: a name or street is never a household code', () => {
  it.each([
    'grofvuil €33 hh DeVries3',
    'grofvuil €33 gezin Yilmaz',
    'grofvuil €33 hh Dorpsstraat4',
  ])('%s is refused and not quoted back', (text) => {
    const h = new Harness(CONFIG);
    const replies = send(h, text);
    expect(count(h, 'requests')).toBe(0);
    expect(replies.join(' ')).toMatch(/geen naam|geen huishoudcode/);
    expect(replies.join(' ')).not.toMatch(/DeVries|Yilmaz|Dorpsstraat/);
  });

  it('still takes short letter prefixes and suffixes (N12, 12a)', () => {
    const h = new Harness(CONFIG);
    expect(send(h, 'grofvuil €33 hh N12')[0]).toContain('huishouden N12');
    expect(send(h, 'bed €40 hh 12a')[0]).toContain('huishouden 12A');
  });

  it('property: a name or street with a number books nothing', () => {
    nothingReservedAndAsked(request(amount, nameAsCode), (r) =>
      /geen naam|geen huishoudcode/.test(r),
    );
  });
});

describe('rule 2: a range or estimate is asked about, never reserved', () => {
  it.each([
    ['bed tussen 50 en 60 euro hh 12', '50 en 60 euro'],
    ['bed 50 tot 60 euro hh 12', '50 tot 60 euro'],
    ['bed 50/60 euro hh 12', '50/60 euro'],
    ['bed 50 à 60 hh 12 euro', null],
    ['bed 50 of 60 euro hh 12', '50 of 60 euro'],
    ['bed ongeveer €50 hh 12', 'ongeveer €50'],
    ['bed circa €50 hh 12', 'circa €50'],
    ['bed ca. €50 hh 12', 'ca. €50'],
    ['bed rond de €50 hh 12', 'rond de €50'],
    ['bed maximaal €50 hh 12', 'maximaal €50'],
    ['bed hooguit €50 hh 12', 'hooguit €50'],
    ['bed ± €50 hh 12', '± €50'],
  ])('%s', (text, seen) => {
    const h = new Harness(CONFIG);
    const [reply] = send(h, text);
    expect(count(h, 'requests')).toBe(0);
    if (seen !== null) {
      expect(reply).toContain(`Ik lees '${seen}' als een schatting of een bereik`);
      expect(reply).toContain('één getal met € ervoor');
    }
  });

  it('what follows voorkomt is the prevented cost, also an estimate there', () => {
    const h = new Harness(CONFIG);
    expect(send(h, 'bed €50 hh 12 voorkomt ongeveer €200 schuld')[0]).toContain('Aanvraag #1');
    expect(h.request(1).amountCents).toBe(5000);
  });

  it('property: no estimate or range is reserved', () => {
    nothingReservedAndAsked(request(estimate, plainHousehold), (r) =>
      r.includes('schatting of een bereik'),
    );
  });
});

describe('rule 16: a question is not a request', () => {
  it.each([
    'kan hh 12 €50 krijgen voor een bed',
    'grofvuil €33 hh 12?',
    'hoeveel is €33 voor hh 12',
  ])('%s gets the hint and reserves nothing', (text) => {
    const h = new Harness(CONFIG);
    expect(send(h, text)).toEqual([say.refuse.questionHint()]);
    expect(count(h, 'requests')).toBe(0);
  });

  it('a /aanvraag with a question mark is asked about too', () => {
    const h = new Harness(CONFIG);
    expect(send(h, '/aanvraag 120 huur hh 3?')).toEqual([say.refuse.questionHint()]);
    expect(count(h, 'requests')).toBe(0);
  });

  it('property: no question reserves anything', () => {
    nothingReservedAndAsked(question, (r) => r.startsWith('Is dit een aanvraag?'));
  });
});

describe('rule 16: a report of the past is not a request', () => {
  it.each([
    'hh 12 kreeg vorige week €80',
    'hh 12 heeft al €60 gehad',
    '€60 voor hh 12 is betaald',
    'hebben we toen €50 gegeven aan hh 12',
  ])('%s reserves nothing', (text) => {
    const h = new Harness(CONFIG);
    expect(send(h, text)).toEqual([say.refuse.pastHint()]);
    expect(count(h, 'requests')).toBe(0);
  });

  it('money paid before and asked back now is a request', () => {
    const h = new Harness(CONFIG);
    expect(send(h, 'grofvuil €33 hh 12, moet vrijdag betaald worden')[0]).toContain('Aanvraag #1');
  });

  it('property: no report of the past reserves anything', () => {
    nothingReservedAndAsked(pastReport, (r) => r.includes('al gebeurd'));
  });
});

describe("rule 16: a quote or paste of the bot's own message is neither a request nor a vote", () => {
  it('a pasted "📝 Aanvraag #1: …" opens nothing, a pasted approval is no vote', () => {
    const h = new Harness(CONFIG);
    const req = h.say('bas', 'grofvuil €33 hh 12');
    const [opened] = h.texts();
    expect(send(h, opened!)).toEqual([]);
    expect(send(h, `> ${opened}\nja`)).toEqual([]);
    expect(
      send(h, '✅ Aanvraag #1 is toegekend: € 33,00 grofvuil voor huishouden 12.', {
        replyTo: req,
      }),
    ).toEqual([]);
    expect(count(h, 'requests')).toBe(1);
    expect(count(h, 'votes')).toBe(0);
  });

  it("property: no paste of the bot's words opens a request or counts as a vote", () => {
    const h = new Harness(CONFIG);
    h.say('bas', 'grofvuil €33 hh 12'); // #1, the only open request: a lone "ja" would count
    h.replies();
    fc.assert(
      fc.property(pasted, (text) => {
        send(h, text);
        expect(count(h, 'requests')).toBe(1);
        expect(count(h, 'votes')).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('rule 5: a vote taken back in the same message is not a "ja"', () => {
  it.each(['ja… nee wacht', 'ja, sorry, verkeerde aanvraag', 'ja, toch maar niet', 'ja nee'])(
    '%s is asked about and not counted',
    (text) => {
      const h = new Harness(CONFIG);
      const req = h.say('bas', 'grofvuil €33 hh 12');
      h.replies();
      expect(send(h, text, { replyTo: req })).toEqual([say.refuse.voteUnclear(1)]);
      expect(send(h, text)).toEqual([say.refuse.voteUnclear(1)]);
      expect(count(h, 'votes')).toBe(0);
    },
  );

  it('"nee, te duur" is still a nee and "ja hoor" still a ja', () => {
    const h = new Harness(CONFIG);
    const req = h.say('bas', 'grofvuil €33 hh 12');
    h.say('carla', 'nee, te duur', { replyTo: req });
    h.say('dirk', 'ja hoor', { replyTo: req });
    expect(count(h, 'votes')).toBe(2);
  });

  it('with no request to vote on, a "ja nee" in conversation gets no reply', () => {
    const h = new Harness(CONFIG);
    expect(send(h, 'ja nee')).toEqual([]);
  });

  it('property: no vote taken back counts, and the bot asks', () => {
    const h = new Harness(CONFIG);
    const req = h.say('bas', 'grofvuil €33 hh 12');
    h.replies();
    fc.assert(
      fc.property(unclearVoteText, fc.boolean(), (text, reply) => {
        const replies = send(h, text, reply ? { replyTo: req } : {});
        expect(count(h, 'votes')).toBe(0);
        expect(replies, JSON.stringify(text)).toEqual([say.refuse.voteUnclear(1)]);
      }),
      { numRuns: RUNS },
    );
  });
});
