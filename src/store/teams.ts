import { touchDue } from './due-version.ts';
import type { Statements } from './statements.ts';
import { SETTINGS_DEFAULTS, type TeamSettings } from './team-settings.ts';

export type TeamSource = 'config' | 'chat' | 'auto';

/** A team with its own pot, rules and linked group chats. */
export interface Team {
  id: string;
  name: string;
  settings: TeamSettings;
  source: TeamSource;
}

interface TeamRow {
  id: string;
  name: string;
  settings: string;
  source: TeamSource;
}

/**
 * Settings as read back from their stored JSON, remembered by that text: every event reads its
 * team, and the text only changes when the team's settings do. Shared, so frozen.
 */
const settingsByText = new Map<string, TeamSettings>();

const settingsOf = (text: string): TeamSettings => {
  let settings = settingsByText.get(text);
  if (!settings) {
    settings = Object.freeze({
      ...SETTINGS_DEFAULTS,
      ...(JSON.parse(text) as Partial<TeamSettings>),
    }) as TeamSettings;
    if (settingsByText.size >= 1_000) settingsByText.clear();
    settingsByText.set(text, settings);
  }
  return settings;
};

const toTeam = (row: TeamRow): Team => ({
  id: row.id,
  name: row.name,
  settings: settingsOf(row.settings),
  source: row.source,
});

/** The team a chat is linked to, or null for an unlinked chat. */
export function findTeamForChat(sql: Statements, chatId: string): Team | null {
  const row = sql.get<TeamRow>(
    'SELECT t.id, t.name, t.settings, t.source FROM chat_links c JOIN teams t ON t.id = c.team_id WHERE c.chat_id = ?',
    chatId,
  );
  return row ? toTeam(row) : null;
}

/** A team by its id, or null. */
export function findTeam(sql: Statements, teamId: string): Team | null {
  const row = sql.get<TeamRow>('SELECT id, name, settings, source FROM teams WHERE id = ?', teamId);
  return row ? toTeam(row) : null;
}

/** Every team, by id. */
export function listTeams(sql: Statements): Team[] {
  return sql.all<TeamRow>('SELECT id, name, settings, source FROM teams ORDER BY id').map(toTeam);
}

/** Creates a team, or updates its name and settings when it exists. */
export function saveTeam(sql: Statements, team: Team, at: Date): void {
  touchDue(sql.db, 'team');
  sql.run(
    `INSERT INTO teams (id, name, settings, source, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, settings = excluded.settings, source = excluded.source`,
    team.id,
    team.name,
    JSON.stringify(team.settings),
    team.source,
    at.getTime(),
  );
}

/** Links a chat to a team (a chat belongs to one team; linking again moves it). */
export function linkChat(
  sql: Statements,
  chatId: string,
  teamId: string,
  by: string | null,
  at: Date,
): void {
  sql.run(
    `INSERT INTO chat_links (chat_id, team_id, linked_by, linked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (chat_id) DO UPDATE SET team_id = excluded.team_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at`,
    chatId,
    teamId,
    by,
    at.getTime(),
  );
}

/** The chats linked to a team, by id. */
export function chatsOfTeam(sql: Statements, teamId: string): string[] {
  return sql
    .all<{ chat_id: string }>(
      'SELECT chat_id FROM chat_links WHERE team_id = ? ORDER BY chat_id',
      teamId,
    )
    .map((row) => row.chat_id);
}

/**
 * The reads and writes of one team-role table (coordinators, advisers): the two roles are stored
 * the same way, a member id per team with who named them and when.
 */
function roleTable(table: 'coordinators' | 'advisers') {
  return {
    has: (sql: Statements, teamId: string, memberId: string): boolean =>
      sql.get(
        `SELECT 1 AS yes FROM ${table} WHERE team_id = ? AND member_id = ?`,
        teamId,
        memberId,
      ) !== undefined,
    add: (sql: Statements, teamId: string, memberId: string, by: string, at: Date): boolean => {
      touchDue(sql.db, 'team'); // who sees which team: the subscriptions' due rounds
      return (
        sql.run(
          `INSERT OR IGNORE INTO ${table} (team_id, member_id, named_by, named_at) VALUES (?, ?, ?, ?)`,
          teamId,
          memberId,
          by,
          at.getTime(),
        ).changes > 0
      );
    },
    remove: (sql: Statements, teamId: string, memberId: string): boolean => {
      touchDue(sql.db, 'team');
      return (
        sql.run(`DELETE FROM ${table} WHERE team_id = ? AND member_id = ?`, teamId, memberId)
          .changes > 0
      );
    },
    list: (sql: Statements, teamId: string): string[] =>
      sql
        .all<{ member_id: string }>(
          `SELECT member_id FROM ${table} WHERE team_id = ? ORDER BY member_id`,
          teamId,
        )
        .map((row) => row.member_id),
  };
}

const coordinators = roleTable('coordinators');
const advisers = roleTable('advisers');

/** Whether a member is a coordinator of a team. */
export const isCoordinator = coordinators.has;
/** Names a coordinator; `by` is the administrator, or 'config' for the configuration file. */
export const addCoordinator = coordinators.add;
/** Removes a coordinator. */
export const removeCoordinator = coordinators.remove;
/** The coordinators of a team. */
export const listCoordinators = coordinators.list;

/** Whether a member is a communicatieadviseur of a team (may export overviews). */
export const isAdviser = advisers.has;
/** Names a communicatieadviseur (by a coordinator or administrator). */
export const addAdviser = advisers.add;
/** Takes the adviser role away. */
export const removeAdviser = advisers.remove;
/** The communicatieadviseurs of a team. */
export const listAdvisers = advisers.list;

/** Remembers how a member is called, to show names instead of ids (written at most daily per member). */
export function rememberMember(
  sql: Statements,
  memberId: string,
  name: string | undefined,
  at: Date,
): void {
  sql.run(
    `INSERT INTO members (id, display_name, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET display_name = coalesce(excluded.display_name, members.display_name), seen_at = excluded.seen_at
     WHERE (excluded.display_name IS NOT NULL AND excluded.display_name IS NOT members.display_name)
        OR excluded.seen_at > members.seen_at + 86400000`,
    memberId,
    name ?? null,
    at.getTime(),
  );
}

/** The display name of a member, or null when the bot never saw one. Ids without a platform (replay, config) count as names. */
export function knownMemberName(sql: Statements, memberId: string): string | null {
  const name = sql.get<{ display_name: string | null }>(
    'SELECT display_name FROM members WHERE id = ?',
    memberId,
  )?.display_name;
  if (name) return name;
  return memberId.includes(':') ? null : memberId;
}

/** The display name of a member, or their id. */
export function memberName(sql: Statements, memberId: string): string {
  return (
    sql.get<{ display_name: string | null }>(
      'SELECT display_name FROM members WHERE id = ?',
      memberId,
    )?.display_name ?? memberId
  );
}

/**
 * The members seen on one platform (`telegram:`, `whatsapp:`) that have a shown name, to find
 * someone a role command names in words.
 *
 * @example
 * namedMembersOn(sql, 'telegram:') // [{ id: 'telegram:42', displayName: 'Nina de Boer' }, …]
 */
export function namedMembersOn(
  sql: Statements,
  platform: string,
): { id: string; displayName: string }[] {
  return sql
    .all<{ id: string; display_name: string }>(
      'SELECT id, display_name FROM members WHERE substr(id, 1, ?) = ? AND display_name IS NOT NULL',
      platform.length,
      platform,
    )
    .map((row) => ({ id: row.id, displayName: row.display_name }));
}
