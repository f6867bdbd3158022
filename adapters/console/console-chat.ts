import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Clock } from '../../src/core/clock.ts';
import type { IncomingMessage } from '../../src/core/incoming.ts';
import type { Logger } from '../../src/core/logger.ts';
import {
  type AdapterHost,
  ALWAYS_CONNECTED,
  type ChatAdapter,
  type Deliver,
  InboundBatch,
} from '../../src/delivery/port/index.ts';
import { formatDeadline } from '../../src/text/time.ts';

const SPEAKER = /^\s*([\p{L}\p{N}_.-]{1,30})\s*:\s?(.*)$/su;
/** `@anna: …` or `prive anna: …` (also `privé`): anna in her private chat with the bot. */
const PRIVATE_SPEAKER = /^\s*(?:@|priv[eé]\s+)([\p{L}\p{N}_.-]{1,30})\s*:\s?(.*)$/isu;

/**
 * Reads one typed console line: `anna: grofvuil €33 voor huishouden 12` speaks as anna in the
 * group; `@anna: /teams` or `prive anna: /teams` as anna in her private chat with the bot; a line
 * without a name speaks as whoever spoke last, in the group.
 *
 * @example
 * readConsoleLine('bas: ja', 'anna') // { speaker: 'bas', text: 'ja' }
 * readConsoleLine('ja #2', 'anna')   // { speaker: 'anna', text: 'ja #2' }
 * readConsoleLine('@nina: /teams', 'anna') // { speaker: 'nina', text: '/teams', private: true }
 */
export function readConsoleLine(
  line: string,
  lastSpeaker: string,
): { speaker: string; text: string; private?: true } {
  const own = PRIVATE_SPEAKER.exec(line);
  if (own) return { speaker: own[1]!, text: own[2]!.trim(), private: true };
  const match = SPEAKER.exec(line);
  if (match && !match[1]!.startsWith('/')) return { speaker: match[1]!, text: match[2]!.trim() };
  return { speaker: lastSpeaker, text: line.trim() };
}

/** The platform prefix of the console chat's ids. */
export const CONSOLE = 'console';

/**
 * The id of someone's private chat with the bot on the console.
 *
 * @example
 * privateChatId('Nina') // 'console:prive:nina'
 */
export const privateChatId = (speaker: string): string =>
  `${CONSOLE}:prive:${speaker.toLowerCase()}`;

/** Whose private chat an id is, or null for the group. */
const privateChatOf = (chatId: string): string | null =>
  chatId.startsWith(`${CONSOLE}:prive:`) ? chatId.slice(`${CONSOLE}:prive:`.length) : null;

export interface ConsoleChatOptions {
  /** What the chat may ask of the core (src/app/adapter-host.ts). */
  host: AdapterHost;
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
 * The console chat: a terminal group chat on the real engine, a ChatAdapter like any platform.
 * Everyone types in one terminal, prefixing a name; the bot answers as in a group, and deadlines
 * fire in real time. `prepare()` prints the greeting; there is no backlog; `start()` reads lines
 * until the input closes (then `ended` resolves).
 *
 * @example
 * const chat = new ConsoleChat({ host, clock, logger, input: process.stdin,
 *   output: process.stdout, chatId: 'console:groep', filesDir: 'data/exports' });
 * dispatcher.register(chat.platform, chat.deliver);
 * await chat.prepare(); await chat.catchUp(); await chat.start();
 * await chat.ended;
 */
export class ConsoleChat implements ChatAdapter {
  readonly platform = CONSOLE;
  /** A terminal has no connection to lose. */
  readonly connection = ALWAYS_CONNECTED;
  private lastSpeaker = 'anna';
  private counter = 0;
  private lines: Interface | null = null;
  /** Lines that arrive together (pasted, piped) share one commit: see `onLine`. */
  private readonly batch: InboundBatch;
  private commitQueued: NodeJS.Immediate | null = null;
  private end: () => void = () => {};
  /** Resolves when the input closed (Ctrl-D) or the chat was stopped. */
  readonly ended: Promise<void> = new Promise((resolve) => (this.end = resolve));

  constructor(private readonly options: ConsoleChatOptions) {
    this.batch = new InboundBatch({
      host: options.host,
      logger: options.logger,
      platform: CONSOLE,
    });
  }

  /** Prints the bot's message (and saves its files in `filesDir`). */
  readonly deliver: Deliver = async (message) => {
    const { output, filesDir } = this.options;
    const to = privateChatOf(message.chatId);
    const who = to === null ? '' : `(privé aan ${to}) `;
    output.write(`🤖 ${who}${message.text.replace(/\n/g, '\n   ')}\n`);
    for (const file of message.files) {
      const path = join(filesDir, basename(file.filename));
      mkdirSync(filesDir, { recursive: true });
      writeFileSync(path, file.data, { mode: 0o600 });
      output.write(`   📎 ${path}\n`);
    }
    return { platformMessageId: `out-${message.id}` };
  };

  /** Prints the greeting. */
  async prepare(): Promise<void> {
    this.greet();
  }

  /** A terminal keeps no backlog: what was typed before the start is read by `start()`. */
  async catchUp(): Promise<number> {
    return 0;
  }

  /** Starts reading lines; `ended` resolves when the input closes. */
  async start(): Promise<void> {
    const lines = createInterface({ input: this.options.input, terminal: false });
    this.lines = lines;
    lines.on('line', (line) => this.onLine(line));
    lines.on('close', () => {
      this.commit();
      this.end();
    });
  }

  /** Stops reading lines (what was read is committed). */
  async stop(): Promise<void> {
    this.lines?.close();
    this.lines = null;
    this.commit();
    this.end();
  }

  /** Prints the welcome with how to type. */
  greet(): void {
    this.options.output.write(
      [
        'Mini-Maatwerk Budget · console-chat',
        "Typ als een collega: 'anna: grofvuil €33 voor huishouden 12', dan 'bas: ja', 'carla: ja', 'dirk: ja'.",
        "'coordinator' is coördinator (bijv. 'coordinator: /storten 500'); /help toont alles; privé met de bot: '@coordinator: /teams'. Ctrl-D stopt.",
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

  /**
   * One typed line. The lines of one chunk of input (a paste, a piped file) come in one go: the
   * first opens a batch and the commit waits until they are all read (setImmediate), so they
   * share one synced commit, each line still its own savepoint; the bot answers after it.
   */
  private onLine(line: string): void {
    if (line.trim() === '') return;
    if (!this.batch.open) this.batch.begin(this.counter + 1);
    this.commitQueued ??= setImmediate(() => this.commit());
    const { speaker, text, private: own } = readConsoleLine(line, this.lastSpeaker);
    if (!own) this.lastSpeaker = speaker;
    if (text === '') return;
    const at = this.options.clock.now();
    this.counter += 1;
    const message: IncomingMessage = {
      kind: 'message',
      chatId: own ? privateChatId(speaker) : this.options.chatId,
      ...(own ? { private: true } : {}),
      senderId: `console:${speaker.toLowerCase()}`,
      senderName: speaker,
      messageId: `c${at.getTime()}-${this.counter}`,
      at,
      text,
    };
    try {
      this.batch.handle(message);
    } catch (error) {
      this.options.logger.error(
        { error: (error as Error).name, at: formatDeadline(at) },
        'console message failed',
      );
      this.options.output.write(
        '🤖 Er ging iets mis met dit bericht; het staat in het logboek. Probeer het nog eens.\n',
      );
    }
  }

  /** Commits the lines read so far and has the bot answer them. */
  private commit(): void {
    if (this.commitQueued) clearImmediate(this.commitQueued);
    this.commitQueued = null;
    if (this.batch.open && !this.batch.commit())
      this.options.output.write(
        '🤖 Er ging iets mis met dit bericht bij het opslaan; het telt niet. Typ het nog eens.\n',
      );
    this.options.host.deliverNow();
  }
}
