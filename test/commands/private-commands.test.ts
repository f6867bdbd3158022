import { afterAll, describe, expect, it } from 'vitest';
import { commandsIn, findCommand } from '../../commands/index.ts';
import { privateReplies } from '../../src/engine/private-chat.ts';
import { placeOf } from '../../src/rules/command.ts';
import { Statements } from '../../src/store/statements.ts';
import { openDatabase } from '../../src/store/database.ts';

/** The private chat's help as it was written by hand before its commands joined the registry. */
const HELP = [
  'In dit gesprek kun je de overzichten van jouw teams opvragen:',
  '/teams · welke teams je kunt zien',
  '/rapport [team|alle] [vorige|ronde <nr>|<jaar>] · overzicht als tekst',
  '/export [team|alle] [vorige|ronde <nr>|<jaar>|<van> t/m <tot>] · CSV voor Excel en PDF om te delen, alle teams in één bestand',
  '/web · een link naar de monitor: alle cijfers van jouw teams op een webpagina; /web uit logt je overal uit',
  '/abonneer · na elke ronde het overzicht van jouw teams als CSV en PDF in dit gesprek; /opzeggen stopt dat',
  '/help · deze uitleg',
  "Voorbeelden: '/rapport noord vorige', '/export alle 2026', '/export 1-3-2026 t/m 31-3-2026'.",
  'Zonder team: al jouw teams. Huishoudcodes gaan nooit mee in dit gesprek.',
].join('\n');

const db = openDatabase(':memory:');
afterAll(() => db.close());
const context = () => ({
  sql: new Statements(db),
  at: new Date('2026-03-02T09:00:00Z'),
  senderId: 'console:adviseur',
  chatId: 'console:prive:adviseur',
  teams: [],
  allTeams: [],
  role: 'communicatieadviseur voor alle teams',
});
const say = (message: string) =>
  privateReplies(context(), message)
    .map((reply) => reply.text)
    .join('\n');

describe('private-chat commands are ordinary commands with a scope', () => {
  it('are found by name where they are typed: a private chat has its own /rapport and /export', () => {
    expect(findCommand('teams', 'private')?.scope).toBe('private');
    expect(findCommand('teams', 'group')).toBeUndefined();
    expect(findCommand('saldo', 'private')).toBeUndefined();
    for (const name of ['rapport', 'overzicht', 'export', 'exporteer', 'help', 'hulp', 'start']) {
      expect(placeOf(findCommand(name, 'group')!)).toBe('group');
      expect(findCommand(name, 'private')?.scope).toBe('private');
      expect(findCommand(name, 'private')).not.toBe(findCommand(name, 'group'));
    }
    expect(commandsIn('private').every((command) => command.scope === 'private')).toBe(true);
    expect(commandsIn('group').every((command) => placeOf(command) === 'group')).toBe(true);
  });

  it('/help lists them from the registry, word for word as before', () => {
    expect(say('/help')).toBe(HELP);
    expect(say('/hulp')).toBe(HELP);
  });

  it('the engine dispatches every private command by name, and refuses the groups’ commands', () => {
    for (const command of commandsIn('private'))
      expect(say(command.usage.split(' ')[0]!)).not.toBe(say('/saldo'));
    expect(say('/saldo')).toBe(
      'Dat commando werkt niet in dit gesprek. Typ /help voor wat ik hier kan.',
    );
    expect(say('hallo')).toBe('Typ /help om te zien welke overzichten je hier kunt opvragen.');
  });

  it('never gives household codes, whichever overview command asks', () => {
    for (const message of ['/rapport met huishoudens', '/export alle met huishoudcodes'])
      expect(say(message)).toMatch(/^Huishoudcodes gaan nooit mee in een privégesprek/);
  });
});
