import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * What the guides may name: the `mmb` commands (with their subcommands and options) and the chat
 * commands the bot answers. The docs test fills it from the code itself (the CLI's usage text,
 * the command table, the private chat), never from a list of its own.
 */
export interface Known {
  /** `mmb` command → its subcommands (empty for none), e.g. `whatsapp` → {link, replay}. */
  cli: Map<string, Set<string>>;
  /** `mmb start`, `mmb whatsapp link` … → the `--options` its usage line names. */
  cliOptions: Map<string, Set<string>>;
  /** Whether `/name` (lower case, without the slash) is a chat command the bot knows. */
  chatCommand(name: string): boolean;
}

/** One problem in one guide, with its line, e.g. `docs/x.md:12: dead link y.md`. */
export type Problem = string;

/**
 * Reads the `mmb` usage text (what `mmb help` prints) into commands, subcommands and options.
 *
 * @example
 * readUsage('  mmb whatsapp link [--pairing-number 316…]').cli.get('whatsapp') // Set {'link'}
 */
export function readUsage(usage: string): Pick<Known, 'cli' | 'cliOptions'> {
  const cli = new Map<string, Set<string>>();
  const cliOptions = new Map<string, Set<string>>();
  for (const line of usage.split('\n')) {
    const match = /^\s*mmb ([a-z]+)(?: ([a-z]+)(?=\s|$))?/.exec(line);
    if (!match) continue;
    const [, command = '', sub] = match;
    const subs = cli.get(command) ?? new Set<string>();
    if (sub) subs.add(sub);
    cli.set(command, subs);
    const key = sub ? `${command} ${sub}` : command;
    const options = cliOptions.get(key) ?? new Set<string>();
    for (const option of line.matchAll(/--[a-z][a-z-]*/g)) options.add(option[0]);
    cliOptions.set(key, options);
  }
  return { cli, cliOptions };
}

/**
 * GitHub's anchor for a heading: lower case, punctuation and emoji dropped, spaces as hyphens;
 * letters with accents stay (`Voor coördinatoren` → `voor-coördinatoren`).
 *
 * @example
 * slug("11. Privacy (AVG)") // '11-privacy-avg'
 */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

interface Parsed {
  /** The prose lines, with their line numbers (fenced code left out). */
  prose: { line: number; text: string }[];
  /** The lines inside fenced code blocks. */
  fenced: { line: number; text: string }[];
  /** Inline code spans and fenced code lines, with their line numbers. */
  code: { line: number; text: string }[];
  anchors: Set<string>;
}

/** Splits a markdown file into prose, code and the anchors of its headings. */
export function parseMarkdown(markdown: string): Parsed {
  const prose: Parsed['prose'] = [];
  const fenced: Parsed['fenced'] = [];
  const code: Parsed['code'] = [];
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    const fenceMatch = /^\s*(```+|~~~+)/.exec(text);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === null) fence = marker;
      else if (marker.startsWith(fence)) fence = null;
      return;
    }
    if (fence !== null) {
      fenced.push({ line, text });
      code.push({ line, text });
      return;
    }
    prose.push({ line, text });
    for (const span of text.matchAll(/`([^`]+)`/g)) code.push({ line, text: span[1] ?? '' });
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      const base = slug(heading[1] ?? '');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
  });
  return { prose, fenced, code, anchors };
}

/** The link and image targets on a prose line: `[a](b.md#c)`, `![x](y.png)`, `src="z"`. */
function targets(text: string): string[] {
  const withoutCode = text.replace(/`[^`]*`/g, '');
  const found: string[] = [];
  for (const m of withoutCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    found.push(m[1] ?? '');
  for (const m of withoutCode.matchAll(/\bsrc="([^"]+)"/g)) found.push(m[1] ?? '');
  return found;
}

/**
 * Every problem with the links of one markdown file in the repository at `root`: a target that
 * does not exist, an anchor that is no heading there, a path that leaves the repository or is
 * absolute. Links to the web (`https:`) are not followed.
 */
export function checkLinks(root: string, file: string, markdown: string): Problem[] {
  const problems: Problem[] = [];
  const where = (line: number) => `${relative(root, file)}:${line}`;
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (path: string) => {
    let set = anchorsOf.get(path);
    if (!set) {
      set = parseMarkdown(path === file ? markdown : readFileSync(path, 'utf8')).anchors;
      anchorsOf.set(path, set);
    }
    return set;
  };
  for (const { line, text } of parseMarkdown(markdown).prose) {
    for (const target of targets(text)) {
      if (/^[a-z][a-z+.-]*:/i.test(target)) {
        if (!/^(https?|mailto):/i.test(target))
          problems.push(`${where(line)}: link with an unknown scheme: ${target}`);
        continue;
      }
      const [rawPath = '', anchor] = target.split('#', 2);
      const path = decodeURIComponent(rawPath);
      if (isAbsolute(path)) {
        problems.push(`${where(line)}: absolute link, give it relative to the file: ${target}`);
        continue;
      }
      const resolved = path === '' ? file : resolve(dirname(file), path);
      const inside = relative(root, resolved);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        problems.push(`${where(line)}: link leaves the repository: ${target}`);
        continue;
      }
      if (/(^|\/)shared\//.test(path)) {
        problems.push(`${where(line)}: link to shared/, outside the repository: ${target}`);
        continue;
      }
      if (path !== '' && !existsSync(resolved)) {
        problems.push(`${where(line)}: dead link, no such file: ${target}`);
        continue;
      }
      if (anchor !== undefined) {
        if (path !== '' && (!resolved.endsWith('.md') || statSync(resolved).isDirectory())) {
          problems.push(`${where(line)}: anchor into a file that is not markdown: ${target}`);
        } else if (!anchors(resolved).has(decodeURIComponent(anchor))) {
          problems.push(`${where(line)}: no heading for the anchor #${anchor} in ${target}`);
        }
      }
    }
  }
  return problems;
}

/** Tokens that end an `mmb` command on a shell line. */
const SHELL_END = new Set(['&&', '||', ';', '#', '>', '>>', '2>&1']);

/**
 * Every `mmb` command (also `npx mmb …`, `node bin/mmb.js …`) in the file's code that the CLI
 * does not know: the command, its subcommand, and the `--options` after it on the same line.
 * Every chat command (`/saldo`, `/rapport alle`) anywhere in the file the bot does not know.
 * `elsewhere` names slash commands of other bots (BotFather's `/newbot`), allowed as they are.
 */
export function checkCommands(
  root: string,
  file: string,
  markdown: string,
  known: Known,
  elsewhere: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  const where = (line: number) => `${relative(root, file)}:${line}`;
  const parsed = parseMarkdown(markdown);
  for (const { line, text } of parsed.code) {
    const tokens = text.trim().split(/\s+/);
    tokens.forEach((token, i) => {
      if (token !== 'mmb' && !token.endsWith('bin/mmb.js')) return;
      const command = tokens[i + 1];
      if (command === undefined || !/^[a-z]+$/.test(command)) return;
      const subs = known.cli.get(command);
      if (!subs) {
        problems.push(`${where(line)}: "mmb ${command}" is no command of the CLI`);
        return;
      }
      let key = command;
      let rest = i + 2;
      const sub = tokens[i + 2];
      if (subs.size > 0 && sub !== undefined && /^[a-z]+$/.test(sub)) {
        if (!subs.has(sub)) {
          problems.push(`${where(line)}: "mmb ${command} ${sub}" is no command of the CLI`);
          return;
        }
        key = `${command} ${sub}`;
        rest = i + 3;
      }
      const options = known.cliOptions.get(key) ?? new Set<string>();
      for (const later of tokens.slice(rest)) {
        if (SHELL_END.has(later) || later === 'mmb' || later.endsWith('bin/mmb.js')) break;
        for (const option of later.matchAll(/--[a-z][a-z-]*/g)) {
          if (!options.has(option[0]))
            problems.push(`${where(line)}: "mmb ${key}" has no option ${option[0]}`);
        }
      }
    });
  }
  for (const { line, text } of [...parsed.prose, ...parsed.fenced]) {
    for (const m of text.matchAll(
      /(?<=^|[\s`(>"'|])\/([a-z]+)(?:@\w+)?(?=$|[\s`).,:;!?'"\]<|])/g,
    )) {
      const name = m[1] ?? '';
      if (elsewhere.has(`/${name}`) || known.chatCommand(name)) continue;
      problems.push(`${where(line)}: "/${name}" is no chat command of the bot`);
    }
  }
  return problems;
}

/** The guides: README.md and every markdown file in docs/. */
export function guides(root: string, names: readonly string[]): string[] {
  return ['README.md', ...names.filter((n) => n.endsWith('.md')).map((n) => join('docs', n))].map(
    (n) => join(root, n),
  );
}
