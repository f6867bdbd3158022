import { describe, expect, it } from 'vitest';
import { parseVote, parseVoteWithReason, voteFromReaction } from '../../src/text/parse-vote.ts';

describe('voteFromReaction', () => {
  it.each([
    ['👍', 'ja'],
    ['👍🏻', 'ja'],
    ['👍🏿', 'ja'],
    ['✅', 'ja'],
    ['👎', 'nee'],
    ['👎🏽', 'nee'],
    ['❌', 'nee'],
  ])('reads %s as %s', (emoji, vote) => {
    expect(voteFromReaction(emoji)).toBe(vote);
  });

  it.each(['❤️', '😂', '🙏', ''])('does not read %j as a vote', (emoji) => {
    expect(voteFromReaction(emoji)).toBeNull();
  });
});

describe('parseVote', () => {
  it('reads a number named before or after the vote', () => {
    expect(parseVote('ja #12')).toEqual({ vote: 'ja', requestNumber: 12 });
    expect(parseVote('#12 ja')).toEqual({ vote: 'ja', requestNumber: 12 });
    expect(parseVote('nee #2')).toEqual({ vote: 'nee', requestNumber: 2 });
  });

  it('does not take a question or a mixed answer for a vote', () => {
    expect(parseVote('ja?')).toBeNull();
    expect(parseVote('ja nee weet niet')).toBeNull();
    expect(parseVote('ja #1 en #2')).toBeNull();
  });
});

describe('parseVoteWithReason', () => {
  it.each([
    ['nee, te duur', 'nee'],
    ['Nee. Dit valt onder de bijzondere bijstand', 'nee'],
    ['ja! goed dat we dit doen', 'ja'],
    ['akkoord: wel de bon bewaren', 'ja'],
    ['nee - eerst de schuldhulp bellen', 'nee'],
    ['👍, prima', 'ja'],
  ])('reads %j as %s', (text, vote) => {
    expect(parseVoteWithReason(text)).toEqual({ vote, requestNumber: null });
  });

  it.each([
    'nee joh dat bedoelde ik niet',
    'ja, maar is dat niet te duur?',
    'jammer, ik kan niet',
    'Janneke, kun jij bellen',
  ])('does not read %j as a vote', (text) => {
    expect(parseVoteWithReason(text)).toBeNull();
  });
});
