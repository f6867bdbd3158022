import type { Command, GroupCommand, Place, PrivateCommand } from '../src/rules/command.ts';
import { placeOf } from '../src/rules/command.ts';
import { abonneer } from './abonneer.ts';
import { adviseur } from './adviseur.ts';
import { annuleer } from './annuleer.ts';
import { coordinator } from './coordinator.ts';
import { exportCommand } from './export.ts';
import { correctie } from './correctie.ts';
import { makeHelp } from './help.ts';
import { huishouden } from './huishouden.ts';
import { koppel } from './koppel.ts';
import { open } from './open.ts';
import { opzeggen } from './opzeggen.ts';
import { privateExport } from './private-export.ts';
import { makePrivateHelp } from './private-help.ts';
import { privateRapport } from './private-rapport.ts';
import { rapport } from './rapport.ts';
import { saldo } from './saldo.ts';
import { storten } from './storten.ts';
import { teams } from './teams.ts';
import { terugboeken } from './terugboeken.ts';
import { web } from './web.ts';

/**
 * Every chat command, one file each, in the order /help shows them. Its scope says where it
 * works: 'team' and 'chat' in the team groups, 'private' in someone's private chat with the bot
 * (the same name may be a command in both, as /rapport and /export are). A new command is a file
 * and a line here; the engine finds it by name and place (src/engine/on-message.ts,
 * src/engine/private-chat.ts).
 */
const COMMANDS: readonly Command[] = [
  saldo,
  open,
  huishouden,
  annuleer,
  storten,
  correctie,
  terugboeken,
  rapport,
  exportCommand,
  koppel,
  coordinator,
  adviseur,
  teams,
  privateRapport,
  privateExport,
  web,
  abonneer,
  opzeggen,
];

const GROUP: readonly GroupCommand[] = COMMANDS.filter(
  (command): command is GroupCommand => placeOf(command) === 'group',
);
const PRIVATE: readonly PrivateCommand[] = COMMANDS.filter(
  (command): command is PrivateCommand => placeOf(command) === 'private',
);
// /help first in the groups (and their menus); last in a private chat.
const IN_GROUPS: readonly GroupCommand[] = [makeHelp(() => IN_GROUPS), ...GROUP];
const IN_PRIVATE: readonly PrivateCommand[] = [...PRIVATE, makePrivateHelp(() => IN_PRIVATE)];

const byName = (commands: readonly Command[]) =>
  new Map(
    commands.flatMap((command) =>
      [command.name, ...(command.aliases ?? [])].map((name) => [name, command] as const),
    ),
  );
const BY_NAME = { group: byName(IN_GROUPS), private: byName(IN_PRIVATE) };

/**
 * The command typed as `/name` (lower case, without the slash) where it was typed, or undefined.
 *
 * @example
 * findCommand('saldo', 'group')?.usage // '/saldo'
 * findCommand('saldo', 'private') // undefined
 */
export function findCommand(name: string, place: 'group'): GroupCommand | undefined;
export function findCommand(name: string, place: 'private'): PrivateCommand | undefined;
export function findCommand(name: string, place: Place): Command | undefined {
  return BY_NAME[place].get(name);
}

/** The commands of a place including its /help, in /help's order (the groups': command menus). */
export function commandsIn(place: 'group'): readonly GroupCommand[];
export function commandsIn(place: 'private'): readonly PrivateCommand[];
export function commandsIn(place: Place): readonly Command[] {
  return place === 'group' ? IN_GROUPS : IN_PRIVATE;
}
