import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { findCommand } from '../../commands/index.ts';
import { main } from '../../src/cli/cli.ts';
import { parseMessage } from '../../src/text/parse-message.ts';
import { checkCommands, checkLinks, guides, readUsage, slug, type Known } from './doc-check.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Slash commands of other bots that the Telegram set-up names (BotFather's). */
const OTHER_BOTS = new Set(['/newbot', '/setprivacy', '/revoke']);

/**
 * Chat commands a guide already describes while the code that answers them is being built in
 * parallel. Each must still be unknown: once the bot knows it, the entry fails below and is to be
 * removed, so this list only shrinks (empty now: `/web`, issue 21, is answered).
 */
const ANNOUNCED = new Set<string>([]);

let known: Known;

/** What `mmb help` prints: the CLI's own usage text. */
async function cliUsage(): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.join(' '));
  });
  try {
    expect(await main(['help'])).toBe(0);
  } finally {
    log.mockRestore();
  }
  return lines.join('\n');
}

beforeAll(async () => {
  const usage = readUsage(await cliUsage());
  // `mmb help` itself answered above.
  usage.cli.set('help', usage.cli.get('help') ?? new Set());
  known = {
    ...usage,
    chatCommand: (name) =>
      // a command of the registry, in the groups or in a private chat
      findCommand(name, 'group') !== undefined ||
      findCommand(name, 'private') !== undefined ||
      // the parser reads it itself (`/aanvraag` is a request)
      parseMessage(`/${name}`).kind !== 'command',
  };
});

const files = guides(ROOT, readdirSync(join(ROOT, 'docs')));
const read = (file: string) => readFileSync(file, 'utf8');

describe('the guides: README.md and docs/*.md', () => {
  it('are the front door and the six guides, each linked from the README', () => {
    const readme = read(join(ROOT, 'README.md'));
    for (const guide of [
      'handleiding-team.md',
      'handleiding-communicatie.md',
      'operating.md',
      'architecture.md',
      'benchmarks.md',
      'rules.md',
    ]) {
      expect(files).toContain(join(ROOT, 'docs', guide));
    }
    for (const file of files.map((f) => relative(ROOT, f)).filter((f) => f !== 'README.md')) {
      expect(readme, `README.md links ${file}`).toContain(`](${file})`);
    }
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))(
    '%s: every link and image points at a file (and heading) in the repository',
    (_name, file) => {
      expect(checkLinks(ROOT, file, read(file))).toEqual([]);
    },
  );

  it.each(files.map((f) => [relative(ROOT, f), f]))(
    '%s: every mmb command and chat command is one the code knows',
    (_name, file) => {
      const allowed = new Set([...OTHER_BOTS, ...ANNOUNCED]);
      expect(checkCommands(ROOT, file, read(file), known, allowed)).toEqual([]);
    },
  );

  it('cite the rules as docs/rules.md, numbered 1 to 16 as the code cites them', () => {
    const rules = read(join(ROOT, 'docs', 'rules.md'));
    const numbers = [...rules.matchAll(/^### (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    for (const file of files) expect(read(file)).not.toMatch(/DOMAIN\.md|shared\//);
  });

  it('announce only chat commands the bot does not know yet', () => {
    for (const name of ANNOUNCED) {
      expect(
        known.chatCommand(name.slice(1)),
        `${name} is known now: remove it from ANNOUNCED`,
      ).toBe(false);
    }
  });
});

describe('the docs check itself', () => {
  const fake = join(ROOT, 'docs', 'fake.md');

  it('finds a dead link, a wrong anchor, and a link out of the repository', () => {
    const problems = checkLinks(
      ROOT,
      fake,
      [
        '# Fake',
        '[gone](nowhere.md) [bad](rules.md#no-such-rule) [good](rules.md#5-votes) [self](#fake)',
        '[out](../../shared/DOMAIN.md) ![pic](missing.png) [web](https://example.org/x)',
        '```text',
        '[in code](not-checked.md)',
        '```',
      ].join('\n'),
    );
    expect(problems).toEqual([
      'docs/fake.md:2: dead link, no such file: nowhere.md',
      'docs/fake.md:2: no heading for the anchor #no-such-rule in rules.md#no-such-rule',
      'docs/fake.md:3: link leaves the repository: ../../shared/DOMAIN.md',
      'docs/fake.md:3: dead link, no such file: missing.png',
    ]);
  });

  it('finds an unknown mmb command, subcommand or option, and an unknown chat command', () => {
    const problems = checkCommands(
      ROOT,
      fake,
      [
        '`npx mmb frobnicate` and `mmb whatsapp unlink` and `mmb export --all --zip`',
        '```sh',
        'node bin/mmb.js backup kopie.sqlite --force && ls /var/backups',
        '```',
        'Type `/saldo`, `/saldo@AndereBot`, `/aanvraag 33 hh 1`, `/teams`, `/newbot` or `/kassa`.',
      ].join('\n'),
      known,
      OTHER_BOTS,
    );
    expect(problems).toEqual([
      'docs/fake.md:1: "mmb frobnicate" is no command of the CLI',
      'docs/fake.md:1: "mmb whatsapp unlink" is no command of the CLI',
      'docs/fake.md:1: "mmb export" has no option --zip',
      'docs/fake.md:5: "/kassa" is no chat command of the bot',
    ]);
  });

  it('makes anchors as GitHub does', () => {
    expect(slug('11. Privacy (AVG)')).toBe('11-privacy-avg');
    expect(slug('Voor coördinatoren')).toBe('voor-coördinatoren');
    expect(slug("Today's figures")).toBe('todays-figures');
    expect(slug('Replay: the bot as a deterministic program')).toBe(
      'replay-the-bot-as-a-deterministic-program',
    );
  });
});
