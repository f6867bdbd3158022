import { text, type PrivateCommand } from '../src/rules/command.ts';

/** `/help` in a private chat: the private-chat commands, with examples. */
export function makePrivateHelp(all: () => readonly PrivateCommand[]): PrivateCommand {
  return {
    scope: 'private',
    name: 'help',
    aliases: ['hulp', 'start'],
    usage: '/help',
    summary: 'deze uitleg',
    role: 'adviser',
    run() {
      const lines = all()
        .filter((command) => command.listed !== false)
        .map((command) => `${command.usage} · ${command.summary}`);
      return text(
        [
          'In dit gesprek kun je de overzichten van jouw teams opvragen:',
          ...lines,
          "Voorbeelden: '/rapport noord vorige', '/export alle 2026', '/export 1-3-2026 t/m 31-3-2026'.",
          'Zonder team: al jouw teams. Huishoudcodes gaan nooit mee in dit gesprek.',
        ].join('\n'),
      );
    },
  };
}
