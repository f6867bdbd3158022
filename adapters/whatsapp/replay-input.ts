import { proto, type BaileysEventMap, type WAMessage } from '@whiskeysockets/baileys';
import { z } from 'zod';
import { IN_DUTCH } from '../../src/core/dutch-issues.ts';
import { MmbError } from '../../src/core/errors.ts';
import { eachJsonLine } from '../../src/core/json-lines.ts';
import { instantSchema as instant } from '../../src/core/instant-schema.ts';

/** The Baileys events a WhatsApp replay file may hold. */
export const REPLAY_EVENTS = [
  'messages.upsert',
  'messages.reaction',
  'connection.update',
  'lid-mapping.update',
  'groups.update',
  'group-participants.update',
] as const;

export type ReplayEventName = (typeof REPLAY_EVENTS)[number];

/** One line of a WhatsApp replay: a Baileys event at a time, or only a time (a clock tick). */
export type WhatsAppReplayLine =
  | { at: Date; event: null }
  | {
      [E in ReplayEventName]: { at: Date; event: E; data: BaileysEventMap[E] };
    }[ReplayEventName];

const jid = z.string().min(1).max(300);

/** A 64-bit number as Baileys' JSON may hold it: a number, a decimal string, or a Long. */
const long = z
  .union([
    z.number().int().nonnegative(),
    z.string().regex(/^\d{1,20}$/, 'een heel getal als tekst'),
    z.object({ low: z.number().int(), high: z.number().int(), unsigned: z.boolean().optional() }),
  ])
  .transform((value) =>
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? Number(value)
        : (value.high >>> 0) * 2 ** 32 + (value.low >>> 0),
  );

/** A message key (WAMessageKey): Baileys' own fields beside the protobuf ones are kept. */
const key = z.looseObject({
  remoteJid: jid.nullish(),
  fromMe: z.boolean().nullish(),
  id: z.string().min(1).max(300).nullish(),
  participant: jid.nullish(),
  remoteJidAlt: jid.optional(),
  participantAlt: jid.optional(),
  addressingMode: z.string().optional(),
});

/** Protobuf JSON (enum names or numbers, 64-bit numbers as text, bytes as base64) → proto. */
const protoOf =
  <T>(fromObject: (value: Record<string, unknown>) => T) =>
  (value: Record<string, unknown>, ctx: z.RefinementCtx): T => {
    try {
      return fromObject(value);
    } catch (error) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: (error as Error).message.replace(/^\.proto\./, 'geen WhatsApp-bericht: '),
      });
      return z.NEVER;
    }
  };

const content = z
  .record(z.string(), z.unknown())
  .transform(protoOf((value) => proto.Message.fromObject(value)));

/** A WAMessage in its JSON form; `messageTimestamp` in seconds. */
const waMessage = z
  .looseObject({
    key: key.extend({ remoteJid: jid, id: z.string().min(1).max(300) }),
    message: content.nullish(),
    messageTimestamp: long.nullish(),
    pushName: z.string().max(200).nullish(),
    messageStubType: z.union([z.number().int(), z.string()]).nullish(),
    messageStubParameters: z.array(z.string().max(1000)).nullish(),
  })
  .transform((value, ctx) => {
    const stub = value.messageStubType;
    const type =
      typeof stub === 'string' ? proto.WebMessageInfo.StubType[stub as 'CIPHERTEXT'] : stub;
    if (typeof stub === 'string' && type === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: stub,
        path: ['messageStubType'],
        message: `unknown stub type "${stub}"`,
      });
      return z.NEVER;
    }
    return { ...value, ...(type === undefined ? {} : { messageStubType: type }) } as WAMessage;
  });

/** A reaction (proto.IReaction); `senderTimestampMs` in milliseconds. */
const reaction = z.looseObject({
  key: key.nullish(),
  text: z.string().max(50).nullish(),
  senderTimestampMs: long.nullish(),
});

/** `lastDisconnect.error` in JSON: a Boom's fields (`output.statusCode`) become an Error's. */
const disconnectError = z
  .looseObject({
    message: z.string().max(1000).optional(),
    output: z.looseObject({ statusCode: z.number().int() }).optional(),
  })
  .transform((value) =>
    Object.assign(new Error(value.message ?? 'Connection Closed'), {
      ...value,
      isBoom: value.output !== undefined,
    }),
  );

const participant = z.union([
  jid,
  z.looseObject({ id: jid, phoneNumber: jid.optional(), lid: jid.optional() }),
]);

const schemas = {
  'messages.upsert': z.looseObject({
    messages: z.array(waMessage).max(10_000),
    type: z.enum(['notify', 'append']),
    requestId: z.string().optional(),
  }),
  'messages.reaction': z.array(z.looseObject({ key, reaction })).max(10_000),
  'connection.update': z.looseObject({
    connection: z.enum(['open', 'connecting', 'close']).optional(),
    lastDisconnect: z
      .looseObject({
        error: disconnectError.optional(),
        date: instant.or(z.number().transform((ms) => new Date(ms))).optional(),
      })
      .optional(),
    isNewLogin: z.boolean().optional(),
    qr: z.string().max(1000).optional(),
    receivedPendingNotifications: z.boolean().optional(),
    isOnline: z.boolean().optional(),
  }),
  'lid-mapping.update': z.looseObject({ lid: jid, pn: jid }),
  'groups.update': z.array(z.looseObject({ id: jid })).max(1000),
  'group-participants.update': z.looseObject({
    id: jid,
    author: jid,
    participants: z.array(participant).max(10_000),
    action: z.enum(['add', 'remove', 'promote', 'demote', 'modify']),
  }),
} satisfies Record<ReplayEventName, z.ZodType>;

const line = z
  .object({
    at: instant,
    event: z
      .string()
      .refine((name) => name in schemas, {
        message: `geen gebeurtenis die een replay kent; een van ${REPLAY_EVENTS.join(', ')}`,
      })
      .optional(),
    data: z.unknown().optional(),
  })
  .strict()
  .refine((value) => (value.event === undefined) === (value.data === undefined), {
    message: 'een event heeft zijn data nodig, en data zijn event',
  });

const describe = (error: z.ZodError, prefix: (string | number)[] = []): string =>
  error.issues
    .map((issue) => {
      const path = [...prefix, ...issue.path];
      return `${path.length ? path.join('.') : '(bovenaan)'}: ${issue.message}`;
    })
    .join('; ');

/**
 * Reads a WhatsApp replay file: one JSON object a line, `{"at", "event", "data"}` with the event's
 * payload exactly as Baileys 7 emits it (a WAMessage in its JSON form), or `{"at"}` alone. Every
 * line is checked before anything runs: a wrong line stops the replay with its number and what is
 * wrong (exit code 2), and nothing is written.
 *
 * @example
 * parseWhatsAppReplay('{"at":"2026-03-02T09:00:00+01:00"}\n') // [{ at: Date, event: null }]
 */
export function parseWhatsAppReplay(input: string): WhatsAppReplayLine[] {
  const lines: WhatsAppReplayLine[] = [];
  const hint =
    'Een regel is {"at": ISO-TIJD, "event": "<Baileys-gebeurtenis>", "data": <de inhoud zoals Baileys die geeft>} of een tik van de klok {"at": ISO-TIJD}.';
  eachJsonLine(input, 'Het WhatsApp-replaybestand', (value, where) => {
    const parsed = line.safeParse(value, IN_DUTCH);
    if (!parsed.success)
      throw new MmbError(
        `Het WhatsApp-replaybestand klopt niet op ${where}: ${describe(parsed.error)}.`,
        hint,
      );
    const { at, event } = parsed.data;
    if (event === undefined) {
      lines.push({ at, event: null });
      return;
    }
    const data = schemas[event as ReplayEventName].safeParse(parsed.data.data, IN_DUTCH);
    if (!data.success)
      throw new MmbError(
        `Het WhatsApp-replaybestand klopt niet op ${where} (${event}): ${describe(data.error, ['data'])}.`,
        hint,
      );
    lines.push({ at, event, data: data.data } as WhatsAppReplayLine);
  });
  return lines;
}
