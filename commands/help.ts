import { mayUse, text, type ChatCommand, type GroupCommand } from '../src/rules/command.ts';

/** `/help`: how to ask, how to vote, and the commands this member may use. */
export function makeHelp(all: () => readonly GroupCommand[]): ChatCommand {
  return {
    scope: 'chat',
    name: 'help',
    aliases: ['hulp', 'start'],
    usage: '/help',
    summary: 'Uitleg en alle commando’s',
    role: 'member',
    run(ctx) {
      const allowed = all().filter(
        (command) => command.listed !== false && mayUse(command.role, ctx),
      );
      const votes = ctx.team?.settings.votesNeeded ?? 3;
      const lines = allowed.map((command) => `${command.usage} · ${command.summary}`);
      return text(
        [
          `Aanvragen: zet bedrag en huishoudcode in één bericht, bijv. 'grofvuil €33 voor huishouden 12' of '/aanvraag 33 grofvuil huishouden 12'.`,
          `Stemmen: reageer met 'ja' of 'nee' op de aanvraag, of typ 'ja #12'. Bij ${votes}× ja is het toegekend.`,
          ...lines,
        ].join('\n'),
      );
    },
  };
}
