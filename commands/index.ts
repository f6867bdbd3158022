import type { Command } from '../src/rules/command.ts';
import { adviseur } from './adviseur.ts';
import { annuleer } from './annuleer.ts';
import { coordinator } from './coordinator.ts';
import { exportCommand } from './export.ts';
import { correctie } from './correctie.ts';
import { makeHelp } from './help.ts';
import { huishouden } from './huishouden.ts';
import { koppel } from './koppel.ts';
import { open } from './open.ts';
import { rapport } from './rapport.ts';
import { saldo } from './saldo.ts';
import { storten } from './storten.ts';
import { terugboeken } from './terugboeken.ts';

/** Every chat command, in the order /help shows them. */
export const COMMANDS: readonly Command[] = [
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
];

const help = makeHelp(() => ALL_COMMANDS);
const ALL_COMMANDS: readonly Command[] = [help, ...COMMANDS];

const byName = new Map<string, Command>();
for (const command of ALL_COMMANDS) {
  for (const name of [command.name, ...(command.aliases ?? [])]) byName.set(name, command);
}

/**
 * The command typed as `/name` (lower case, without the slash), or undefined.
 *
 * @example
 * findCommand('saldo')?.usage // '/saldo'
 */
export function findCommand(name: string): Command | undefined {
  return byName.get(name);
}

/** All commands including /help, for command menus. */
export function allCommands(): readonly Command[] {
  return ALL_COMMANDS;
}
