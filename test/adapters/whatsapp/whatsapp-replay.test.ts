import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaileysEventMap, WAMessage, WAMessageKey } from '@whiskeysockets/baileys';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPLAY_BOT_JID } from '../../../adapters/whatsapp/replay-socket.ts';
import { main } from '../../../src/cli/cli.ts';
import { tempDir } from '../../support/temp-dir.ts';

const GROUP = '120363012345678901@g.us';
const seconds = (at: string) => Math.floor(Date.parse(at) / 1000);

/** A member's key in the group, by phone number. */
const keyOf = (digits: string, id: string): WAMessageKey => ({
  remoteJid: GROUP,
  fromMe: false,
  id,
  participant: `${digits}@s.whatsapp.net`,
});

/** A `messages.upsert` line with one text message, as Baileys 7 emits it (JSON form). */
function upsert(
  at: string,
  digits: string,
  id: string,
  content: WAMessage['message'],
  timestamp: unknown = seconds(at),
) {
  const data: BaileysEventMap['messages.upsert'] = {
    messages: [
      {
        key: keyOf(digits, id),
        message: content,
        messageTimestamp: timestamp as number,
        pushName: `Lid ${digits.slice(-2)}`,
      },
    ],
    type: 'notify',
  };
  return { at, event: 'messages.upsert', data };
}

const reply = (text: string, to: WAMessageKey): WAMessage['message'] => ({
  extendedTextMessage: {
    text,
    contextInfo: { stanzaId: to.id, participant: to.participant, quotedMessage: {} },
  },
});

const REQUEST = { conversation: 'grofvuil €33 voor huishouden 12' };
const BOT1: WAMessageKey = {
  remoteJid: GROUP,
  fromMe: true,
  id: 'BOT1',
  participant: REPLAY_BOT_JID,
};

let out: string[];
let err: string[];
afterEach(() => vi.restoreAllMocks());

/** Runs `mmb …` in this process; the exit code, stdout and stderr. */
async function mmb(...args: string[]) {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function replayFile(lines: unknown[]): { file: string; db: string } {
  const dir = tempDir('mmb-wa-replay-');
  const file = join(dir, 'gesprek.jsonl');
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return { file, db: join(dir, 'state.sqlite') };
}

async function replayJson(lines: unknown[], ...extra: string[]) {
  const { file, db } = replayFile(lines);
  const run = await mmb('whatsapp', 'replay', file, '--db', db, '--json', ...extra);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const state = await mmb('state', '--db', db, '--json');
  return { calls: JSON.parse(run.stdout).calls, state: JSON.parse(state.stdout) };
}

describe('npx mmb whatsapp replay', () => {
  it('a request, three replies and a reaction: ✅ on the counted votes, the decision quotes the deciding reply; the state', async () => {
    const request = keyOf('31611111111', 'A1');
    const { calls, state } = await replayJson([
      upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', REQUEST, '1772438400'),
      upsert('2026-03-02T09:05:00+01:00', '31622222222', 'B2', reply('ja', request)),
      upsert(
        '2026-03-02T09:06:00+01:00',
        '31633333333',
        'C3',
        { conversation: 'ja #1' },
        // protobuf's Long, as JSON.stringify writes one
        { low: seconds('2026-03-02T09:06:00+01:00'), high: 0, unsigned: true },
      ),
      {
        at: '2026-03-02T09:06:30+01:00',
        event: 'messages.reaction',
        data: [
          {
            key: request,
            reaction: {
              key: keyOf('31655555555', 'E5'),
              text: '❤️',
              senderTimestampMs: '1772438790000',
            },
          },
        ],
      },
      upsert('2026-03-02T09:07:00+01:00', '31644444444', 'D4', reply('👍', request)),
    ]);
    expect(calls).toEqual([
      {
        at: '2026-03-02T08:00:00.000Z',
        method: 'sendMessage',
        jid: GROUP,
        content: { text: expect.stringContaining('📝 Aanvraag #1: € 33,00 grofvuil') },
        // the quoted message's key, and what Baileys copies of it into the bot's message
        options: { quoted: request, quotedMessage: REQUEST },
      },
      {
        at: '2026-03-02T08:05:00.000Z',
        method: 'sendMessage',
        jid: GROUP,
        content: { react: { text: '✅', key: keyOf('31622222222', 'B2') } },
      },
      {
        at: '2026-03-02T08:06:00.000Z',
        method: 'sendMessage',
        jid: GROUP,
        content: { react: { text: '✅', key: keyOf('31633333333', 'C3') } },
      },
      {
        at: '2026-03-02T08:07:00.000Z',
        method: 'sendMessage',
        jid: GROUP,
        content: { text: expect.stringContaining('✅ *Aanvraag #1* is toegekend') },
        options: { quoted: keyOf('31644444444', 'D4'), quotedMessage: { conversation: '👍' } },
      },
    ]);
    expect(state.requests).toMatchObject([
      {
        number: 1,
        amountCents: 3300,
        status: 'approved',
        yes: ['whatsapp:31622222222', 'whatsapp:31633333333', 'whatsapp:31644444444'],
      },
    ]);
    expect(state.ledger.filter((l: { kind: string }) => l.kind === 'grant')).toMatchObject([
      { amountCents: -3300, request: 1 },
    ]);
  });

  it('rules 14-16: a phone a year ahead dates nothing, a LID vote waits for its mapping, a forwarded request opens nothing', async () => {
    const request = keyOf('31611111111', 'A1');
    const lidReaction = (at: string, lid: string, id: string) => ({
      at,
      event: 'messages.upsert',
      data: {
        messages: [
          {
            key: { remoteJid: GROUP, fromMe: false, id, participant: `${lid}@lid` },
            message: { reactionMessage: { key: request, text: '👍', senderTimestampMs: 1 } },
            messageTimestamp: seconds(at),
          },
        ],
        type: 'notify',
      },
    });
    const { calls, state } = await replayJson([
      upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', REQUEST),
      // Her phone says next January: counted at the line's time, no new period.
      upsert(
        '2026-03-02T09:05:00+01:00',
        '31622222222',
        'B2',
        reply('ja', request),
        seconds('2027-01-04T09:00:00+01:00'),
      ),
      upsert('2026-03-02T09:06:00+01:00', '31633333333', 'C3', { conversation: 'ja #1' }),
      lidReaction('2026-03-02T09:07:00+01:00', '444000444', 'D4'),
      upsert('2026-03-02T09:08:00+01:00', '31655555555', 'E5', {
        extendedTextMessage: {
          text: 'pinpas €75 voor huishouden 7',
          contextInfo: { isForwarded: true, forwardingScore: 1 },
        },
      }),
      {
        at: '2026-03-02T09:10:00+01:00',
        event: 'lid-mapping.update',
        data: { lid: '444000444@lid', pn: '31644444444@s.whatsapp.net' },
      },
    ]);
    expect(state.requests).toMatchObject([
      {
        number: 1,
        status: 'approved',
        createdAt: '2026-03-02T08:00:00.000Z',
        decidedAt: '2026-03-02T08:10:00.000Z',
        yes: ['whatsapp:31622222222', 'whatsapp:31633333333', 'whatsapp:31644444444'],
      },
    ]);
    expect(state.ledger.map((l: { kind: string }) => l.kind)).toEqual(['deposit', 'grant']);
    const texts = calls.flatMap((c: { at: string; content?: { text?: string } }) =>
      c.content?.text ? [[c.at, [...c.content.text][0]]] : [],
    );
    expect(texts).toEqual([
      ['2026-03-02T08:00:00.000Z', '📝'],
      ['2026-03-02T08:08:00.000Z', '↪'],
      ['2026-03-02T08:10:00.000Z', '✅'],
    ]);
  });

  it('members quote and react to the bot’s own messages (BOT1, BOT2, …)', async () => {
    const { calls, state } = await replayJson([
      upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', REQUEST),
      upsert('2026-03-02T09:05:00+01:00', '31622222222', 'B2', reply('ja', BOT1)),
      upsert('2026-03-02T09:06:00+01:00', '31633333333', 'C3', {
        reactionMessage: { key: BOT1, text: '👍', senderTimestampMs: 1772438760000 },
      }),
    ]);
    expect(state.requests[0]).toMatchObject({
      status: 'open',
      yes: ['whatsapp:31622222222', 'whatsapp:31633333333'],
    });
    expect(calls[1]).toMatchObject({
      content: { react: { text: '✅', key: { id: 'B2' } } },
    });
    expect(calls).toHaveLength(3); // a reaction cannot be reacted to: its count is a text
  });

  it('fires the reminder and the expiry on the way to a clock line, each at its own time', async () => {
    const { calls, state } = await replayJson([
      upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', REQUEST),
      { at: '2026-03-03T12:00:00+01:00' },
    ]);
    expect(
      calls.map((c: { at: string; content: { text: string } }) => [c.at, [...c.content.text][0]]),
    ).toEqual([
      ['2026-03-02T08:00:00.000Z', '📝'],
      ['2026-03-03T04:00:00.000Z', '⏰'], // 5:00, four hours before the deadline
      ['2026-03-03T08:00:00.000Z', '⌛'],
    ]);
    expect(state.requests[0].status).toBe('expired');
  });

  it('holds replies while the connection is closed; after it opens they go out at their retry', async () => {
    const { calls } = await replayJson([
      {
        at: '2026-03-02T08:59:00+01:00',
        event: 'connection.update',
        data: {
          connection: 'close',
          lastDisconnect: {
            error: { output: { statusCode: 428 } },
            date: '2026-03-02T08:59:00+01:00',
          },
        },
      },
      upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', REQUEST),
      { at: '2026-03-02T09:00:30+01:00', event: 'connection.update', data: { connection: 'open' } },
      { at: '2026-03-02T09:01:00+01:00' },
    ]);
    // Tried every 2 s while closed (the adapter's wait), sent at the first try after opening.
    expect(calls).toMatchObject([
      { at: '2026-03-02T08:00:32.000Z', content: { text: expect.stringContaining('Aanvraag #1') } },
    ]);
  });

  it('uses --config: chats whatsapp:<group jid>, members whatsapp:<digits>', async () => {
    const dir = tempDir('mmb-wa-config-');
    const config = join(dir, 'teams.json');
    writeFileSync(
      config,
      JSON.stringify({
        teams: [
          {
            id: 'noord',
            chats: [`whatsapp:${GROUP}`],
            coordinators: ['whatsapp:31622222222'],
            startDate: '2026-03-01',
            votesNeeded: 1,
          },
        ],
      }),
    );
    const { state } = await replayJson(
      [
        upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', REQUEST),
        upsert('2026-03-02T09:05:00+01:00', '31622222222', 'B2', { conversation: 'ja #1' }),
      ],
      '--config',
      config,
    );
    expect(state.teams.map((t: { id: string }) => t.id)).toEqual(['noord']);
    expect(state.requests[0]).toMatchObject({ status: 'approved', team: 'noord' });
  });

  it('refuses a wrong payload with its line number, exit code 2, and writes nothing', async () => {
    const { file, db } = replayFile([
      upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', REQUEST),
      upsert('2026-03-02T09:05:00+01:00', '31622222222', 'B2', REQUEST, 'gisteren'),
    ]);
    const run = await mmb('whatsapp', 'replay', file, '--db', db);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/regel 2 \(messages\.upsert\): data\.messages\.0\.messageTimestamp/);
    expect(run.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
    const unknown = replayFile([
      { at: '2026-03-02T09:00:00+01:00', event: 'messages.typo', data: {} },
    ]);
    const second = await mmb('whatsapp', 'replay', unknown.file);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/regel 1: event: geen gebeurtenis die een replay kent/);
  });

  it('prints a readable log without --json', async () => {
    const { file } = replayFile([
      upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', REQUEST),
      upsert('2026-03-02T09:05:00+01:00', '31622222222', 'B2', reply('ja', BOT1)),
    ]);
    const run = await mmb('whatsapp', 'replay', file);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^ma 2 mrt 09:00 \[120363012345678901@g\.us\] 🤖 📝 Aanvraag #1.*↩ citeert A1$/,
      ),
      'ma 2 mrt 09:05 [120363012345678901@g.us] 🤖 reageert ✅ op B2',
      expect.stringMatching(/^— .*: saldo € 2\.000,00, gereserveerd € 33,00/),
    ]);
  });
});
