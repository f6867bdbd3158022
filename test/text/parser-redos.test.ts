import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isSafe } from 'redos-detector';
import { MONEY_PATTERNS, findAmount, parseAmountArgument } from '../../src/text/money.ts';
import { HOUSEHOLD_PATTERNS, findHousehold, normalizeHousehold } from '../../src/text/household.ts';
import { VOTE_PATTERNS, parseVote, voteFromReaction } from '../../src/text/parse-vote.ts';
import { MESSAGE_PATTERNS, MAX_PARSE_CHARS, parseMessage } from '../../src/text/parse-message.ts';
import { PRIVACY_PATTERNS, maskPersonalData, mentionsName } from '../../src/text/privacy/index.ts';
import { cleanText } from '../../src/text/clean-text.ts';
import { WHATSAPP_PATTERNS } from '../../src/import/whatsapp-export.ts';
import { BOT_ECHO_PATTERNS } from '../../src/text/bot-echo.ts';
import { INTENT_PATTERNS } from '../../src/text/request-intent.ts';

const modules: [string, readonly RegExp[]][] = [
  ['money', MONEY_PATTERNS],
  ['household', HOUSEHOLD_PATTERNS],
  ['parse-vote', VOTE_PATTERNS],
  ['parse-message', MESSAGE_PATTERNS],
  ['privacy', PRIVACY_PATTERNS],
  ['whatsapp-export', WHATSAPP_PATTERNS],
  ['bot-echo', BOT_ECHO_PATTERNS],
  ['request-intent', INTENT_PATTERNS],
];
const patterns = modules.flatMap(([module, list]) =>
  list.map((pattern) => [module, String(pattern), pattern] as const),
);

describe('parser regular expressions', () => {
  it('every module exports the patterns it uses', () => {
    for (const [, list] of modules) expect(list.length).toBeGreaterThan(0);
  });

  it.each(patterns)(
    '%s pattern %s cannot backtrack catastrophically',
    (_module, _source, pattern) => {
      const result = isSafe(pattern);
      expect(result.error).toBeNull();
      expect(result.safe).toBe(true);
    },
  );
});

describe('input size', () => {
  it('parseMessage only reads the first MAX_PARSE_CHARS characters of a huge message', () => {
    const head = 'grofvuil €33 voor huishouden HH-12 '.padEnd(MAX_PARSE_CHARS, 'x');
    const huge = head + ' hh 99 €' + '9'.repeat(1_000_000);
    expect(huge.length).toBeGreaterThan(1_000_000);
    expect(parseMessage(huge)).toEqual(parseMessage(huge.slice(0, MAX_PARSE_CHARS)));
    expect(parseMessage(huge)).toMatchObject({ kind: 'request', amountCents: 3300 });
  });

  it('a request written after the first MAX_PARSE_CHARS characters is not seen', () => {
    const message = ' '.repeat(MAX_PARSE_CHARS) + 'grofvuil €33 hh 12';
    expect(parseMessage(message)).toEqual({ kind: 'chatter' });
  });

  it('adversarial 1 MB inputs give the same result as their first MAX_PARSE_CHARS characters', () => {
    const attacks = [
      '€'.repeat(1_000_000),
      '€ ' + '9'.repeat(1_000_000),
      'hh '.repeat(400_000),
      '1.'.repeat(500_000),
      'ja '.repeat(400_000),
      '/a' + '_'.repeat(1_000_000),
      ' '.repeat(1_000_000) + '€33 hh 1',
      '\u200B'.repeat(1_000_000),
      'voorkomt '.repeat(120_000),
    ];
    for (const attack of attacks) {
      expect(parseMessage(attack)).toEqual(parseMessage(attack.slice(0, MAX_PARSE_CHARS)));
    }
  });
});

describe('robustness', () => {
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc
      .array(
        fc.constantFrom(
          '€',
          'eur',
          'euro',
          ' ',
          '33',
          ',',
          '.',
          '-',
          '--',
          '1.250',
          'hh',
          'HH-',
          'huishouden',
          'gezin',
          'nr.',
          ':',
          '#',
          '12',
          'ja',
          'nee',
          '👍',
          '🏽',
          '+1',
          '-1',
          'voorkomt',
          '/',
          'aanvraag',
          '\u200B',
          '\u00A0',
          'Jansen',
          'van',
          'mevrouw',
          'dhr.',
          '[naam]',
          '[BSN]',
          '(',
          ')',
          '06',
          '123456782',
          'NL91',
          '@',
          'geb',
          '\u2011',
          '\u0000',
          '?',
          '0',
          '9'.repeat(20),
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join('')),
  );

  it('no parser throws on any string', () => {
    fc.assert(
      fc.property(text, (s) => {
        parseMessage(s);
        parseVote(s);
        voteFromReaction(s);
        findAmount(s);
        parseAmountArgument(s);
        findHousehold(s);
        normalizeHousehold(s);
        cleanText(s);
        mentionsName(s);
        maskPersonalData(s, new Date());
      }),
      { numRuns: 2000 },
    );
  });
});
