import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WAMessage, WAMessageKey } from '@whiskeysockets/baileys';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quotableCopy } from '../../../adapters/whatsapp/quotable-copy.ts';
import { RecentMessages } from '../../../adapters/whatsapp/socket-caches.ts';
import {
  WhatsAppDelivery,
  type SendingSocket,
} from '../../../adapters/whatsapp/whatsapp-delivery.ts';
import { main } from '../../../src/cli/cli.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import type { DeliveredMessage } from '../../../src/delivery/port/outbox-message.ts';
import { keyOf, secret } from '../../support/personal-data.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { textMessage } from '../../support/fake-baileys.ts';
import { anna, bas, carla, dirk, NO_PACING, WhatsAppRig } from './rig.ts';

/*
 * docs/rules.md rule 11: nothing the bot sends repeats what it masked, not even inside a quote of
 * the member's message. Baileys copies a quoted message into the bot's own message
 * (contextInfo.quotedMessage), so the bot quotes a masked copy.
 */

const GROUP = '120363012345678901@g.us';
const seconds = (at: string) => Math.floor(Date.parse(at) / 1000);
const keyFor = (digits: string, id: string): WAMessageKey => ({
  remoteJid: GROUP,
  fromMe: false,
  id,
  participant: `${digits}@s.whatsapp.net`,
});
const upsert = (at: string, digits: string, id: string, content: WAMessage['message']) => ({
  at,
  event: 'messages.upsert',
  data: {
    type: 'notify',
    messages: [
      {
        key: keyFor(digits, id),
        message: content,
        messageTimestamp: seconds(at),
        pushName: `Lid ${digits.slice(-2)}`,
      },
    ],
  },
});
const replyTo = (to: WAMessageKey) => ({
  stanzaId: to.id,
  participant: to.participant,
  quotedMessage: { conversation: '…' },
});

afterEach(() => vi.restoreAllMocks());

async function replayCalls(lines: unknown[]) {
  const dir = tempDir('mmb-wa-quote-');
  const file = join(dir, 'gesprek.jsonl');
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  const code = await main(['whatsapp', 'replay', file, '--db', join(dir, 's.sqlite'), '--json']);
  vi.restoreAllMocks();
  expect(err.join('\n')).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out.join('\n')).calls as {
    method: string;
    content?: { text?: string };
    options?: { quoted?: WAMessageKey; quotedMessage?: Record<string, { text?: string }> };
  }[];
}

const SECRETS = {
  bsn: '111222333',
  iban: 'NL91ABNA0417164300',
  phone: '0612345678',
  phone2: '0687654321',
  email: 'jan.devries@voorbeeld.nl',
  email2: 'piet@voorbeeld.nl',
};

describe('rule 11: WhatsApp quotes never repeat masked personal data', () => {
  it('mmb whatsapp replay --json: the warning, the request, the decision quote masked copies', async () => {
    const request = keyFor('31611111111', 'A1');
    const calls = await replayCalls([
      upsert('2026-03-02T09:00:00+01:00', '31611111111', 'A1', {
        conversation: `grofvuil €33 voor hh 12\nbsn ${SECRETS.bsn}\ntel ${SECRETS.phone}\n${SECRETS.email} ${SECRETS.iban}`,
      }),
      upsert('2026-03-02T09:01:00+01:00', '31622222222', 'B2', {
        extendedTextMessage: {
          text: `ja, bel me op ${SECRETS.phone2}`,
          contextInfo: replyTo(request),
        },
      }),
      upsert('2026-03-02T09:02:00+01:00', '31633333333', 'C3', {
        conversation: `ja #1\nmail ${SECRETS.email2}`,
      }),
      upsert('2026-03-02T09:03:00+01:00', '31644444444', 'D4', {
        imageMessage: {
          caption: `👍 iban ${SECRETS.iban}`,
          mimetype: 'image/jpeg',
          contextInfo: replyTo(request),
        },
      }),
      upsert('2026-03-02T09:04:00+01:00', '31655555555', 'E5', { conversation: 'ja #1' }),
      upsert('2026-03-02T09:05:00+01:00', '31666666666', 'F6', { conversation: 'ja #1' }),
    ]);
    const sends = calls.filter((c) => c.method === 'sendMessage');
    const payload = keyOf(JSON.stringify(sends));
    for (const value of Object.values(SECRETS)) expect(payload).not.toContain(keyOf(value));
    const quotedTexts = sends
      .filter((c) => c.options?.quoted)
      .map((c) => [c.options!.quoted!.id, c.options!.quotedMessage]);
    expect(quotedTexts).toEqual([
      [
        'A1',
        { conversation: 'grofvuil €33 voor hh 12\nbsn [BSN]\ntel [telefoon]\n[e-mail] [IBAN]' },
      ],
      [
        'A1',
        { conversation: 'grofvuil €33 voor hh 12\nbsn [BSN]\ntel [telefoon]\n[e-mail] [IBAN]' },
      ],
      ['B2', { conversation: 'ja, bel me op [telefoon]' }],
      ['C3', { conversation: 'ja #1\nmail [e-mail]' }],
      ['D4', { conversation: '👍 iban [IBAN]' }],
      ['F6', { conversation: 'ja #1' }],
    ]);
    expect(sends.some((c) => c.content?.text?.includes('🔒'))).toBe(true);
    expect(sends.some((c) => c.content?.text?.includes('toegekend'))).toBe(true);
  });

  it('through Baileys: every shape of message (caption, ephemeral, extended) is quoted masked', async () => {
    const rig = new WhatsAppRig();
    try {
      await rig.boot();
      const request = rig.world.deliver(
        textMessage(anna, `grofvuil €33 hh 12 bsn ${SECRETS.bsn}`, { shape: 'image' }),
      );
      rig.world.deliver(
        textMessage(bas, `ja, ${SECRETS.email}`, { replyTo: request.key, wrap: 'ephemeral' }),
      );
      rig.world.deliver(textMessage(carla, `ja #1 tel ${SECRETS.phone}`, { shape: 'extended' }));
      rig.world.deliver(
        textMessage(dirk, `👍 ${SECRETS.iban}`, { replyTo: request.key, shape: 'video' }),
      );
      await rig.settle();
      const quoted = rig.world.sent.flatMap((s) => (s.options?.quoted ? [s.options.quoted] : []));
      // each member's message got its warning, quoting it
      expect(new Set(quoted.map((q) => q.key.id)).size).toBe(4);
      const payload = keyOf(JSON.stringify(rig.world.sent));
      for (const value of Object.values(SECRETS)) expect(payload).not.toContain(keyOf(value));
      expect(quoted.map((q) => q.message)).toContainEqual({
        conversation: 'grofvuil €33 hh 12 bsn [BSN]',
      });
    } finally {
      await rig.dispose();
    }
  });

  it('property: a reply quoting a message with random personal data never carries it (2,000 cases)', async () => {
    const now = new Date('2026-03-02T09:00:00+01:00');
    const sent: unknown[] = [];
    const socket: SendingSocket = {
      sendMessage: async (_jid, content, options) => {
        sent.push({ content, options });
        return undefined;
      },
    };
    const recent = new RecentMessages(() => now.getTime());
    const delivery = new WhatsAppDelivery({
      socket: () => socket,
      recent,
      clock: { now: () => now },
      logger: silentLogger,
      pacing: NO_PACING,
    });
    const shapes = ['conversation', 'extended', 'image', 'video', 'document'] as const;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(secret, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...shapes),
        fc.constantFrom(' ', '\n', ', '),
        fc.constantFrom('privacy', 'reply', 'request-opened', 'approved'),
        async (secrets, shape, sep, purpose) => {
          n += 1;
          const text = ['grofvuil €33 hh 12', ...secrets.map((s) => s.text)].join(sep);
          const member = textMessage(anna, text, { id: `M${n}`, shape });
          recent.put(quotableCopy(member, now));
          sent.length = 0;
          const message: DeliveredMessage = {
            id: n,
            chatId: `whatsapp:${GROUP}`,
            text: '🔒 Let op',
            replyTo: `M${n}`,
            requestId: null,
            purpose,
            createdAt: now,
            attempts: 0,
            files: [],
            view: null,
          };
          await delivery.deliver(message);
          const payload = keyOf(JSON.stringify(sent));
          expect(sent).toHaveLength(1);
          for (const s of secrets) expect(payload).not.toContain(s.key);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
