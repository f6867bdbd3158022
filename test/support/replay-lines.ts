/** One message line of a replay file (`mmb replay`), its fields in the order the files use. */
export interface SaidLine {
  at: string;
  chat: string;
  from: string;
  id: string;
  text: string;
  private?: true;
}

/**
 * A message line of a replay file: `from` writes `text` in `chat` at `at`; `id` names it.
 *
 * @example
 * said('2026-03-02T09:05:00+01:00', 'noord', 'bas', 'm2', 'ja #1')
 */
export function said(at: string, chat: string, from: string, id: string, text: string): SaidLine {
  return { at, chat, from, id, text };
}

/** The same line in a private chat with the bot (`"private": true`). */
export function saidPrivately(
  at: string,
  chat: string,
  from: string,
  id: string,
  text: string,
): SaidLine {
  return { ...said(at, chat, from, id, text), private: true };
}

/** Lines as the text of a replay file: one JSON object a line, no newline after the last. */
export function jsonLines(lines: readonly unknown[]): string {
  return lines.map((line) => JSON.stringify(line)).join('\n');
}
