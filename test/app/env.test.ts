import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/app/env.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotConfigSchema, describeIssues, loadBotConfig } from '../../src/store/bot-config.ts';

describe('loadEnv', () => {
  it('fills in the defaults', () => {
    expect(loadEnv({})).toEqual({
      MMB_DB: 'data/mmb.sqlite',
      MMB_CONSOLE: 'auto',
      LOG_LEVEL: 'info',
      MMB_RETENTION_DAYS: 30,
      WHATSAPP_ENABLED: false,
      MMB_QUEUE_PREFIX: 'mmb',
      MMB_DUE: 'on',
    });
  });

  it('takes MMB_DUE as on or off, on by default', () => {
    expect(loadEnv({ MMB_DUE: 'off' }).MMB_DUE).toBe('off');
    expect(loadEnv({ MMB_DUE: '' }).MMB_DUE).toBe('on');
    for (const wrong of ['false', '0', 'OFF'])
      expect(() => loadEnv({ MMB_DUE: wrong })).toThrow(/MMB_DUE: .*"on".*"off"/);
  });

  it('reads WHATSAPP_ENABLED as true or false, off by default', () => {
    expect(loadEnv({ WHATSAPP_ENABLED: 'true' }).WHATSAPP_ENABLED).toBe(true);
    expect(loadEnv({ WHATSAPP_ENABLED: 'false' }).WHATSAPP_ENABLED).toBe(false);
    expect(loadEnv({ WHATSAPP_ENABLED: '' }).WHATSAPP_ENABLED).toBe(false);
    for (const wrong of ['ja', '1', 'TRUE', 'yes'])
      expect(() => loadEnv({ WHATSAPP_ENABLED: wrong })).toThrow(/WHATSAPP_ENABLED: true of false/);
  });

  it('takes MMB_RETENTION_DAYS as whole days, never shorter than a redelivery window', () => {
    expect(loadEnv({ MMB_RETENTION_DAYS: '90' }).MMB_RETENTION_DAYS).toBe(90);
    for (const wrong of ['7', '30.5', 'dertig', '4000'])
      expect(() => loadEnv({ MMB_RETENTION_DAYS: wrong })).toThrow(
        /MMB_RETENTION_DAYS: een heel aantal dagen van 8 tot en met 3650/,
      );
  });

  it('names the variable and what is allowed when a value is wrong', () => {
    expect(() => loadEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: .*"fatal".*"silent"/);
    expect(() => loadEnv({ MMB_CONSOLE: 'yes' })).toThrow(/MMB_CONSOLE/);
  });

  it('treats an empty value as not set', () => {
    expect(loadEnv({ MMB_DB: '' }).MMB_DB).toBe('data/mmb.sqlite');
  });
});

describe('the configuration file', () => {
  it('refuses a chat linked to two teams and a duplicate team id', () => {
    const result = BotConfigSchema.safeParse({
      teams: [
        { id: 'noord', chats: ['telegram:-1'] },
        { id: 'noord', chats: ['telegram:-1'] },
      ],
    });
    expect(result.success).toBe(false);
    const text = describeIssues(result.error!);
    expect(text).toContain('teams.1.id: team-id "noord" staat er twee keer in');
    expect(text).toContain('chat "telegram:-1" hoort zowel bij');
  });

  it('refuses unknown fields, so a typo does not silently fall back to a default', () => {
    const result = BotConfigSchema.safeParse({
      teams: [{ id: 'noord', chats: [], potcents: 100 }],
    });
    expect(result.success).toBe(false);
  });

  it('refuses a vote window that is not a duration', () => {
    const result = BotConfigSchema.safeParse({
      teams: [{ id: 'noord', chats: [], voteWindow: 'een dag' }],
    });
    expect(describeIssues(result.error!)).toContain('teams.0.voteWindow');
  });

  it('refuses at load a teams file that would start but cannot work, naming each key and why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmb-config-'));
    try {
      const file = join(dir, 'teams.json');
      // As the running bot reads it: every id with its platform (mmb replay and the other
      // commands read plain names as ids, so only the bot asks for the prefix).
      const load = (config: unknown, platformIds = true) => {
        writeFileSync(file, JSON.stringify(config));
        return () => loadBotConfig(file, { platformIds });
      };
      expect(load({ teams: [{ id: 'noord', chats: ['telegram:-1'], voteWindow: '0' }] })).toThrow(
        /teams\.0\.voteWindow: "0" laat geen tijd om te stemmen/,
      );
      expect(
        load({
          teams: [{ id: 'noord', chats: ['telegram:-1'], voteWindow: '2h', reminderBefore: '2h' }],
        }),
      ).toThrow(/teams\.0\.reminderBefore: "2h" is niet korter dan voteWindow "2h"/);
      const prefixless = load({
        admins: ['telegram:1', '9'],
        teams: [{ id: 'noord', chats: ['-1001'], coordinators: ['telegram:5', '7'] }],
      });
      expect(prefixless).toThrow(/admins\.1: "9" mist het platform ervoor, bv\. "telegram:9"/);
      expect(prefixless).toThrow(/teams\.0\.chats\.0: "-1001" mist het platform ervoor/);
      expect(prefixless).toThrow(/teams\.0\.coordinators\.1: "7" mist het platform ervoor/);
      expect(
        load({ admins: ['9'], teams: [{ id: 'noord', chats: ['noord'] }] }, false)().admins,
      ).toEqual(['9']);
      // What works stays accepted: no reminder ("0"), a reminder inside the window, prefixed ids.
      expect(
        load({
          admins: ['whatsapp:31600000000'],
          teams: [
            { id: 'noord', chats: ['telegram:-1'], voteWindow: '1m', reminderBefore: '0' },
            { id: 'zuid', chats: ['console:groep'], voteWindow: '24h', reminderBefore: '4h' },
          ],
        })().teams,
      ).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
