/** Team Noord as most overview and export tests configure it: started Monday 5 January 2026. */
export const TEAM_NOORD = {
  id: 'noord',
  name: 'Team Noord',
  chats: ['noord'],
  coordinators: ['coco'],
  startDate: '2026-01-05',
};

/** A configuration with Team Noord alone and `admin` as administrator. */
export const NOORD_CONFIG = { admins: ['admin'], teams: [TEAM_NOORD] };
