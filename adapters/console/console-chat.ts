import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../src/core/clock.ts';
import type { Dispatcher } from '../../src/delivery/dispatcher.ts';
import type { Engine } from '../../src/engine/engine.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import type { Logger } from '../../src/core/logger.ts';
import { formatDeadline } from '../../src/text/time.ts';

const SPEAKER = /^\s*([\p{L}\p{N}_.-]{1,30})\s*:\s?(.*)$/su;

/**
 * Reads one typed console line: `anna: grofvuil €33 voor huishouden 12` speaks as anna; a line
 * without a name speaks as whoever spoke last.
 *
 * @example
 * readConsoleLine('bas: ja', 'anna') // { speaker: 'bas', text: 'ja' }
 * readConsoleLine('ja #2', 'anna')   // { speaker: 'anna', text: 'ja #2' }
 */
export function readConsoleLine(
  line: string,
  lastSpeaker: string,
): { speaker: string; text: string } {
  const match = SPEAKER.exec(line);
  if (match && !match[1]!.startsWith('/')) return { speaker: match[1]!, text: match[2]!.trim() };
  return { speaker: lastSpeaker, text: line.trim() };
}

export interface ConsoleChatOptions {
  engine: Engine;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  input: Readable;
  output: Writable;
  chatId: string;
  /** Where files the bot sends (exports) are saved. */
  filesDir: string;
  /** The file the bot logs to while the console is on, named in the greeting. */
  logFile?: string | null;
  /** The database the bot made new at this start (named in the greeting), or null. */
  newDatabase?: string | null;
}

/**
 * The console chat: a terminal group chat on the real engine. Everyone types in one terminal,
 * prefixing a name; the bot answers as in a group, and deadlines fire in real time.
 */
export class ConsoleChat {
  private lastSpeaker = 'anna';
  private counter = 0;
  private closed: Promise<void> | null = null;

  constructor(private readonly options: ConsoleChatOptions) {}

  /** Starts reading lines and printing the bot's messages; resolves when the input closes. */
  start(): Promise<void> {
    const { dispatcher, output, input } = this.options;
    dispatcher.register('console', async (message) => {
      output.write(`🤖 ${message.text.replace(/\n/g, '\n   ')}\n`);
      for (const file of message.files) {
        const path = join(this.options.filesDir, basename(file.filename));
        mkdirSync(this.options.filesDir, { recursive: true });
        writeFileSync(path, file.data, { mode: 0o600 });
        output.write(`   📎 ${path}\n`);
      }
      return { platformMessageId: `out-${message.id}` };
    });
    const lines = createInterface({ input, terminal: false });
    this.closed = new Promise((resolve) => {
      lines.on('line', (line) => this.onLine(line));
      lines.on('close', () => resolve());
    });
    return this.closed;
  }

  /** Prints the welcome with how to type. */
  greet(): void {
    this.options.output.write(
      [
        'Mini-Maatwerk Budget · console-chat',
        "Typ als een collega: 'anna: grofvuil €33 voor huishouden 12', dan 'bas: ja', 'carla: ja', 'dirk: ja'.",
        "'coordinator' is coördinator (bijv. 'coordinator: /storten 500'); /help toont alles. Ctrl-D stopt.",
        ...(this.options.logFile
          ? [`Het logboek van de bot staat in ${this.options.logFile}.`]
          : []),
        ...(this.options.newDatabase
          ? [
              `Nieuwe, lege database: ${this.options.newDatabase} (MMB_DB). Niet de bedoeling? Stop met Ctrl-D en zet MMB_DB goed.`,
            ]
          : []),
        '',
      ].join('\n'),
    );
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    const { speaker, text } = readConsoleLine(line, this.lastSpeaker);
    this.lastSpeaker = speaker;
    if (text === '') return;
    const at = this.options.clock.now();
    this.counter += 1;
    const message: IncomingMessage = {
      kind: 'message',
      chatId: this.options.chatId,
      senderId: `console:${speaker.toLowerCase()}`,
      senderName: speaker,
      messageId: `c${at.getTime()}-${this.counter}`,
      at,
      text,
    };
    try {
      this.options.engine.handle(message);
    } catch (error) {
      this.options.logger.error(
        { error: (error as Error).name, at: formatDeadline(at) },
        'console message failed',
      );
      this.options.output.write(
        '🤖 Er ging iets mis met dit bericht; het staat in het logboek. Probeer het nog eens.\n',
      );
    }
    void this.options.dispatcher.flush();
  }
}
