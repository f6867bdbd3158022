/**
 * Rule 2: one validator of household codes (readHouseholdCode) for chat, `/huishouden` and the
 * grants import, and a team's own code format in its settings.
 */
import { describe, expect, it } from 'vitest';
import { isSafe } from 'redos-detector';
import { TeamRulesSchema } from '../../src/store/team-settings.ts';
import { readGrantSheet } from '../../src/import/grant-sheet.ts';
import { DEFAULT_CODE_FORMAT, codeFormatOf, readHouseholdCode } from '../../src/text/household.ts';
import { parseMessage } from '../../src/text/parse-message.ts';
import { Harness } from '../support/harness.ts';

const NOW = new Date('2026-06-01T10:00:00Z');

describe('rule 2: the format a household code may have', () => {
  it.each([
    ['12', '12'],
    ['N12', 'N12'],
    ['12a', '12A'],
    ['HH-012', '12'],
    ['AB7', 'AB7'],
    ['３４', '34'],
    ['٣', '3'],
    ['4\uFE0F\u20E3', '4'],
  ])('reads %s as %s', (raw, code) => {
    expect(readHouseholdCode(raw)).toEqual({ ok: true, code });
  });

  it.each([
    ['DeVries3', 'not-code-format'],
    ['Dorpsstraat4', 'not-code-format'],
    ['12abc', 'not-code-format'],
    ['ABCD12', 'not-code-format'],
    ['Yilmaz', 'not-a-code'],
    ['1O2', 'ambiguous-code'],
    ['1l2', 'ambiguous-code'],
    ['1I2', 'ambiguous-code'],
    ['12.0', 'ambiguous-code'],
    ['21-22', 'several-codes'],
    ['21–22', 'several-codes'],
  ])('refuses %s as %s', (raw, problem) => {
    expect(readHouseholdCode(raw)).toEqual({ ok: false, problem });
  });

  it('the default format cannot backtrack catastrophically', () => {
    expect(isSafe(DEFAULT_CODE_FORMAT).safe).toBe(true);
  });
});

describe("rule 2: a team's own code format", () => {
  it('is validated: a regular expression, safe from catastrophic backtracking, requiring a digit', () => {
    expect(TeamRulesSchema.safeParse({ householdCodePattern: '^\\d{2}-\\d{2}$' }).success).toBe(
      true,
    );
    expect(TeamRulesSchema.safeParse({ householdCodePattern: '^[NOZW]\\d{1,4}$' }).success).toBe(
      true,
    );
    const broken = TeamRulesSchema.safeParse({ householdCodePattern: '^(\\d' });
    expect(broken.success).toBe(false);
    const redos = TeamRulesSchema.safeParse({ householdCodePattern: '^(\\d+)+$' });
    expect(redos.success).toBe(false);
    expect(JSON.stringify(redos.error?.issues)).toContain('eindeloos terugzoeken');
    const names = TeamRulesSchema.safeParse({ householdCodePattern: '^[A-Z]+\\d*$' });
    expect(JSON.stringify(names.error?.issues)).toContain('nooit een naam');
  });

  it('lets a hyphen between digits be one code when the team writes its codes that way', () => {
    const format = codeFormatOf({ householdCodePattern: '^\\d{2}-\\d{2}$' });
    expect(readHouseholdCode('21-22', format)).toEqual({ ok: true, code: '2122' });
    expect(readHouseholdCode('21', format)).toEqual({ ok: false, problem: 'not-code-format' });
    expect(parseMessage('grofvuil €33 hh 21-22', { codeFormat: format })).toMatchObject({
      kind: 'request',
      household: '2122',
    });
    // Without that pattern the same text names two households.
    expect(parseMessage('grofvuil €33 hh 21-22')).toMatchObject({ problem: 'two-households' });
  });

  it('is used by the engine for the team that set it', () => {
    const h = new Harness({
      admins: ['admin'],
      teams: [
        {
          id: 'noord',
          chats: ['noord'],
          coordinators: ['coco'],
          startDate: '2026-01-05',
          householdCodePattern: '^[NOZW]\\d{1,4}$',
        },
      ],
    });
    h.say('anna', 'grofvuil €33 hh 12');
    expect(h.texts()[0]).toContain('geen huishoudcode');
    h.say('anna', 'grofvuil €33 hh N12');
    expect(h.texts()[0]).toContain('Aanvraag #1');
  });
});

describe('rule 2: /huishouden reads codes as requests do', () => {
  it.each([
    ['/huishouden DeVries3', 'geen huishoudcode'],
    ['/huishouden 21 en 22', 'meer huishoudens'],
    ['/huishouden 21-22', 'meer huishoudens'],
    ['/huishouden 1O2', 'Ik weet niet zeker welk huishouden'],
    ['/huishouden', 'Noem de huishoudcode'],
    ['/huishouden ３４', 'Huishouden 34 deze periode'],
    ['/huishouden 12 graag', 'Huishouden 12 deze periode'],
  ])('%s', (command, answer) => {
    const h = new Harness();
    h.say('anna', command);
    expect(h.texts()[0]).toContain(answer);
  });
});

describe('rule 2: the grants import refuses what chat refuses', () => {
  it('refuses two households, a look-alike, a name and a street in the household column', () => {
    const sheet = readGrantSheet(
      'Datum;Bedrag;Huishouden;Omschrijving\r\n' +
        '02-02-2026;€ 33,00;21-22;grofvuil\r\n' +
        '02-02-2026;€ 33,00;1O2;grofvuil\r\n' +
        '02-02-2026;€ 33,00;DeVries3;grofvuil\r\n' +
        '02-02-2026;€ 33,00;Dorpsstraat4;grofvuil\r\n' +
        '02-02-2026;€ 33,00;３４;grofvuil\r\n',
      { now: NOW },
    );
    if (!sheet.ok) throw new Error(sheet.problem);
    const [several, lookAlike, name, street, wide] = sheet.rows;
    expect(several!.problems.join()).toContain('meer dan één huishouden');
    expect(lookAlike!.problems.join()).toContain('niet zeker');
    expect(name!.problems.join()).toContain('in plaats van een huishoudcode');
    // A street with a number is personal data too (rule 11): refused by its kind, never shown.
    expect(street!.problems.join()).toContain('kolom huishouden: lijkt een adres (niet getoond)');
    expect(street!.problems.join()).not.toContain('Dorpsstraat');
    expect(wide!.problems).toEqual([]);
    expect(wide!.household).toBe('34');
  });
});
