import type { MenuCommand } from '../../src/delivery/port/index.ts';

/** One entry of Telegram's command menu. */
export interface MenuEntry {
  command: string;
  description: string;
}

const NAME = /^[a-z0-9_]{1,32}$/;
const MAX_DESCRIPTION = 256;

/**
 * The command menus for Telegram (`setMyCommands`): the commands every member may use, for all
 * group chats, and every command, for the groups' administrators. Names Telegram would refuse
 * (lower case a-z, 0-9 and _, at most 32) are left out; descriptions are cut to 256 characters.
 *
 * @example
 * commandMenus(host.commands()).members[0] // { command: 'help', description: 'Wat ik kan' }
 */
export function commandMenus(commands: readonly MenuCommand[]): {
  members: MenuEntry[];
  everyone: MenuEntry[];
} {
  const entry = (command: MenuCommand): MenuEntry | null => {
    if (!NAME.test(command.name)) return null;
    const description = (command.summary.trim() || command.usage).slice(0, MAX_DESCRIPTION);
    return description ? { command: command.name, description } : null;
  };
  const everyone = commands.map(entry).filter((e): e is MenuEntry => e !== null);
  const members = commands
    .filter((command) => command.role === 'member')
    .map(entry)
    .filter((e): e is MenuEntry => e !== null);
  return { members, everyone };
}
