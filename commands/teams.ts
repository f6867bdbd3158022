import { text, type PrivateCommand } from '../src/rules/command.ts';
import { teamList } from './private-chat.ts';

/** `/teams` in a private chat: which teams this person may see, and why. */
export const teams: PrivateCommand = {
  scope: 'private',
  name: 'teams',
  usage: '/teams',
  summary: 'welke teams je kunt zien',
  role: 'adviser',
  run: (ctx) =>
    text(
      `Je bent ${ctx.role}. Je kunt deze teams zien: ${teamList(ctx.teams)}. Typ /help voor de commando's.`,
    ),
};
