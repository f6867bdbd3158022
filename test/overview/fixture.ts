import type { Db } from '../../src/store/database.ts';
import { Harness } from '../support/harness.ts';
import { TEAM_NOORD } from '../support/team-noord.ts';

/**
 * Two teams through their second six-weekly cycle, for the export tests. Both start on Monday
 * 5 January 2026, so cycle 1 runs to Monday 16 February 09:00 and cycle 2 to Monday 30 March
 * 09:00 (CEST: 07:00 UTC). Every figure the tests expect is worked out by hand from this story.
 */
export const EXPORT_CONFIG = {
  admins: ['admin'],
  teams: [
    TEAM_NOORD,
    {
      id: 'zuid',
      name: 'Team Zuid',
      chats: ['zuid'],
      coordinators: ['zoe'],
      startDate: '2026-01-05',
    },
  ],
};

/**
 * Noord's and Zuid's first two cycles, until 30 March 2026 10:00 CEST (one hour after cycle 2
 * ended; the engine has stored both cycles by then). Noord's #7 is still open.
 */
export function exportFixture(options: { db?: Db } = {}): Harness {
  const h = new Harness(EXPORT_CONFIG, '2026-01-05T08:00:00+01:00', options);
  const at = (when: string) => h.at(when);
  const zuid = { chat: 'zuid' };

  // Cycle 1 (noord): #1 € 33 approved after 15 minutes; corrected to € 28 in cycle 2.
  at('2026-02-02T10:00:00+01:00');
  h.say('anna', 'grofvuil €33 voor huishouden 12 voorkomt: boete €95');
  at('2026-02-02T10:05:00+01:00');
  h.say('bas', 'ja #1');
  at('2026-02-02T10:10:00+01:00');
  h.say('carla', 'ja #1');
  at('2026-02-02T10:15:00+01:00');
  h.say('dirk', 'ja #1');

  // Cycle 2, from 16 February 09:00.
  at('2026-02-18T14:00:00+01:00');
  h.say('zara', 'boodschappen €50 hh 1 voorkomt: noodhulp €150', zuid);
  at('2026-02-18T14:10:00+01:00');
  h.say('yara', 'ja #1', zuid);
  at('2026-02-18T14:20:00+01:00');
  h.say('xander', 'ja #1', zuid);
  at('2026-02-18T14:30:00+01:00');
  h.say('willem', 'ja #1', zuid); // zuid #1 approved after 30 minutes
  at('2026-02-20T10:00:00+01:00');
  h.say('coco', '/storten 250');
  at('2026-03-02T09:00:00+01:00');
  h.say('anna', '€ 75,00 pinpas leefgeld hh 7 voorkomt: incassokosten €250');
  at('2026-03-02T09:30:00+01:00');
  h.say('bas', 'ja #2');
  at('2026-03-02T10:00:00+01:00');
  h.say('carla', 'ja #2');
  at('2026-03-02T11:00:00+01:00');
  h.say('erik', 'ja #2'); // approved after 120 minutes
  at('2026-03-02T12:00:00+01:00');
  h.say('coco', '/correctie 1 28,00'); // € 5,00 back on a grant of cycle 1
  at('2026-03-03T09:00:00+01:00');
  h.say(
    'bas',
    '/aanvraag 120,50 huurachterstand "maart"; deel 1 huishouden 3 voorkomt: ontruiming €2.000',
  );
  at('2026-03-03T09:15:00+01:00');
  h.say('anna', 'ja #3');
  at('2026-03-03T09:30:00+01:00');
  h.say('carla', 'ja #3');
  at('2026-03-03T09:45:00+01:00');
  h.say('dirk', 'nee #3');
  at('2026-03-03T09:46:00+01:00');
  h.say('erik', 'ja #3'); // approved after 46 minutes
  at('2026-03-04T09:00:00+01:00');
  h.say('coco', '/correctie 3 130'); // € 9,50 extra: #3 costs € 130,00
  at('2026-03-04T10:00:00+01:00');
  h.say('carla', 'fietsreparatie €45 hh 12');
  at('2026-03-04T10:30:00+01:00');
  h.say('anna', 'ja #4'); // expires 5 March 10:00 with one "ja"
  at('2026-03-05T10:00:00+01:00');
  h.say('dirk', 'schoolreis €60 gezin 9');
  at('2026-03-05T11:00:00+01:00');
  h.say('dirk', '/annuleer 5');
  at('2026-03-10T10:00:00+01:00');
  h.say('anna', 'buskaart €40 hh 5');
  h.say('bas', 'ja #6');
  h.say('carla', 'ja #6');
  h.say('dirk', 'ja #6'); // approved at once (0 minutes)
  at('2026-03-11T09:00:00+01:00');
  h.say('yara', 'energierekening €200 hh 2', zuid);
  at('2026-03-11T09:20:00+01:00');
  h.say('zara', 'ja #2', zuid);
  h.say('xander', 'ja #2', zuid);
  h.say('willem', 'ja #2', zuid); // zuid #2 approved after 20 minutes
  at('2026-03-11T10:00:00+01:00');
  h.say('coco', '/terugboeken 6'); // fully reversed: a grant of € 0,00
  at('2026-03-12T09:00:00+01:00');
  h.say('xander', 'koelkast €250 hh 2', zuid);
  at('2026-03-12T09:10:00+01:00');
  h.say('zara', 'ja #3', zuid);
  h.say('yara', 'ja #3', zuid);
  h.say('willem', 'ja #3', zuid); // zuid #3 approved after 10 minutes; household 2 at € 450
  at('2026-03-30T08:00:00+02:00');
  h.say('erik', 'matras €150 hh 12'); // still open when cycle 2 ends: reserved
  at('2026-03-30T10:00:00+02:00');
  h.texts();
  return h;
}
