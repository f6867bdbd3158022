/**
 * Fifteen teams through a whole year, for the start-up benchmark's `mmb export`: built the way the
 * export tests build theirs (test/overview/fixture.ts), through the engine on a virtual clock, so
 * the six-weekly overviews are stored on the way. Deterministic: the same file every time.
 */
import { Harness } from '../test/support/harness.ts';

/** The teams, all started on Monday 5 January 2026; each has its own group chat. */
export function yearConfig(teams = 15) {
  return {
    admins: ['admin'],
    teams: Array.from({ length: teams }, (_, i) => {
      const id = `team-${String(i + 1).padStart(2, '0')}`;
      return {
        id,
        name: `Team ${i + 1}`,
        chats: [id],
        coordinators: [`${id}-coco`],
        startDate: '2026-01-05',
      };
    }),
  };
}

const WHAT = [
  'grofvuil',
  'pinpas leefgeld',
  'boodschappen',
  'buskaart',
  'fietsreparatie',
  'huurachterstand',
  'energierekening',
  'schoolreis',
  'matras',
  'zwemles',
];

/**
 * Writes the year to `file` (a new SQLite file): per team two requests a week, most approved by
 * three colleagues, some expired, some cancelled, a deposit every four weeks, and a correction now
 * and then. Returns how many requests were posted.
 *
 * @example
 * buildYearDatabase('/tmp/jaar.sqlite') // 1560, the file holds 15 teams × 52 weeks
 */
export function buildYearDatabase(file: string, teams = 15): number {
  const config = yearConfig(teams);
  const h = new Harness(config, '2026-01-05T08:00:00+01:00');
  let posted = 0;
  for (let week = 0; week < 52; week++) {
    for (const [slot, day] of [
      [0, 1],
      [1, 3],
    ] as const) {
      const dayStart = Date.parse('2026-01-05T09:00:00Z') + (week * 7 + day) * 86_400_000;
      config.teams.forEach((team, t) => {
        const chat = { chat: team.id };
        const n = week * 2 + slot + 1; // this team's request number
        const who = (k: number) => `${team.id}-m${(n + t + k) % 8}`;
        h.at(new Date(dayStart + t * 60_000));
        if (slot === 0 && week % 4 === 0) h.say(team.coordinators[0]!, '/storten 400', chat);
        const euros = 15 + ((n * 37 + t * 11) % 110);
        const prevented = n % 3 === 0 ? ` voorkomt: boete €${euros * 3}` : '';
        h.say(
          who(0),
          `${WHAT[(n + t) % WHAT.length]} €${euros},${n % 2 ? '50' : '00'} hh ${(n * 7 + t) % 40}${prevented}`,
          chat,
        );
        posted += 1;
        if (n % 17 === 5) {
          h.say(who(0), `/annuleer ${n}`, chat);
          return;
        }
        const votes = n % 11 === 4 ? 1 : 3; // one in eleven expires with a single "ja"
        for (let k = 1; k <= votes; k++) {
          h.at(new Date(dayStart + t * 60_000 + k * 10 * 60_000 * (1 + (n % 4))));
          h.say(who(k), k === 2 && n % 9 === 0 ? `nee #${n}` : `ja #${n}`, chat);
        }
        if (votes === 3 && n % 9 === 0) h.say(who(4), `ja #${n}`, chat);
        if (votes === 3 && n % 13 === 7) h.say(team.coordinators[0]!, `/correctie ${n} 10`, chat);
      });
    }
  }
  h.at('2027-01-04T12:00:00+01:00'); // every overview of the year stored
  h.db.exec(`VACUUM INTO '${file.replaceAll("'", "''")}'`);
  h.db.close();
  return posted;
}
