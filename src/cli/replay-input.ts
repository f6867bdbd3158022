import { z } from 'zod';
import { describeIssues } from '../store/bot-config.ts';
import { IN_DUTCH } from '../core/dutch-issues.ts';
import { MmbError } from '../core/errors.ts';
import { eachJsonLine } from '../core/json-lines.ts';
import { instantSchema as instant } from '../core/instant-schema.ts';

const id = z.string().min(1).max(200);

/** When, where and from whom: what every line but a clock tick starts with. */
const sent = {
  at: instant,
  chat: id,
  from: id,
  name: z.string().max(200).optional(),
};

const MessageLine = z
  .object({
    ...sent,
    id,
    text: z.string().max(100_000),
    replyTo: id.optional(),
    /** The private chat of `from` with the bot (its `chat` is that private chat's id). */
    private: z.boolean().optional(),
    /** The platform marked it forwarded: never a request or a vote (docs/rules.md rule 16). */
    forwarded: z.boolean().optional(),
    /** A bot sent it: never a request, a vote or a command (docs/rules.md rule 16). */
    bot: z.boolean().optional(),
  })
  .strict();

const ReactionLine = z
  .object({
    ...sent,
    react: z.string().max(50).nullable(),
    to: id,
  })
  .strict();

const ButtonLine = z
  .object({
    ...sent,
    button: z.enum(['ja', 'nee']),
    request: z.number().int().positive(),
  })
  .strict();

const ClockLine = z.object({ at: instant }).strict();

/** One line of a recorded conversation. */
export type ReplayLine =
  | ({ type: 'message' } & z.infer<typeof MessageLine>)
  | ({ type: 'reaction' } & z.infer<typeof ReactionLine>)
  | ({ type: 'button' } & z.infer<typeof ButtonLine>)
  | ({ type: 'clock' } & z.infer<typeof ClockLine>);

const shapes = [
  ['message', MessageLine, 'text'],
  ['reaction', ReactionLine, 'react'],
  ['button', ButtonLine, 'button'],
] as const;

/**
 * Reads a JSON-lines conversation. Every line is checked before anything runs: a wrong line
 * stops the replay with its number and what is wrong, and changes nothing.
 *
 * @example
 * parseReplay('{"at":"2026-03-02T09:00:00+01:00"}\n') // [{ type: 'clock', at: Date }]
 */
export function parseReplay(input: string): ReplayLine[] {
  const lines: ReplayLine[] = [];
  eachJsonLine(input, 'Het replay-bestand', (value, where) => {
    const shape = shapes.find(
      ([, , key]) => typeof value === 'object' && value !== null && key in value,
    );
    const schema = shape ? shape[1] : ClockLine;
    const parsed = schema.safeParse(value, IN_DUTCH);
    if (!parsed.success) {
      throw new MmbError(
        `Het replay-bestand klopt niet op ${where}: ${describeIssues(parsed.error)}.`,
        'Een regel is een bericht {at, chat, from, id, text} (met "private": true in het privégesprek van `from` met de bot), een reactie {at, chat, from, react, to}, een knop {at, chat, from, button, request} of een tik van de klok {at}.',
      );
    }
    lines.push({ type: shape ? shape[0] : 'clock', ...parsed.data } as ReplayLine);
  });
  return lines;
}
