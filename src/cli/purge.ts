import { parseArgs } from 'node:util';
import { openDatabase } from '../store/database.ts';
import { commandPaths } from '../app/env.ts';
import { countExpired, purgeExpired, type PurgeCounts } from '../store/retention.ts';

export const PURGE_USAGE = `gebruik: mmb purge [--dry-run]
  ruimt nu op wat de bot niet meer nodig heeft (de bot doet dat zelf ook dagelijks):
  bestanden van verstuurde berichten, en na MMB_RETENTION_DAYS dagen de teksten van verstuurde
  berichten, de sleutels van binnengekomen berichten, namen van leden die niet meer langskwamen
  en welke overzichten naar abonnees gingen (bij een opgezegd abonnement al eerder).
  --dry-run  laat alleen zien wat er opgeruimd zou worden; verandert niets`;

const count = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;

const size = (bytes: number): string => {
  const nl = (value: number) =>
    value.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (bytes < 1024) return count(bytes, 'byte', 'bytes');
  if (bytes < 1024 * 1024) return `${nl(bytes / 1024)} kB`;
  return `${nl(bytes / 1024 / 1024)} MB`;
};

/**
 * What a purge did (or would do), in Dutch, a line each.
 *
 * @example
 * purgeReport({ files: 2, fileBytes: 48_213, texts: 1, inboxKeys: 0, members: 0, subscriptionSends: 0 }, 30, false)
 * // ['Opgeruimd (bewaartermijn 30 dagen, MMB_RETENTION_DAYS):',
 * //  '  2 bestanden van verstuurde berichten (47,1 kB)', '  1 tekst van een verstuurd bericht ouder dan 30 dagen', …]
 */
export function purgeReport(counts: PurgeCounts, days: number, dryRun: boolean): string[] {
  const { files, texts, inboxKeys, members, subscriptionSends } = counts;
  return [
    dryRun
      ? `Proefdraai: er is niets veranderd. Dit zou worden opgeruimd (bewaartermijn ${days} dagen, MMB_RETENTION_DAYS):`
      : `Opgeruimd (bewaartermijn ${days} dagen, MMB_RETENTION_DAYS):`,
    `  ${count(files, 'bestand van een verstuurd bericht', 'bestanden van verstuurde berichten')} (${size(counts.fileBytes)})`,
    `  ${count(texts, 'tekst van een verstuurd bericht', 'teksten van verstuurde berichten')} ouder dan ${days} dagen`,
    `  ${count(inboxKeys, 'sleutel van een binnengekomen bericht', 'sleutels van binnengekomen berichten')} ouder dan ${days} dagen`,
    `  ${count(members, 'naam van een lid dat', 'namen van leden die')} ${days} dagen niet gezien ${members === 1 ? 'is' : 'zijn'} (coördinatoren en adviseurs houden hun naam)`,
    `  ${count(subscriptionSends, 'verzending van een overzicht aan een abonnee', 'verzendingen van overzichten aan abonnees')} ouder dan ${days} dagen of na opzeggen`,
    'Aanvragen, stemmen, boekingen en opgeslagen overzichten blijven bewaard.',
  ];
}

/**
 * `mmb purge [--dry-run]`: the retention purge now, on the database of MMB_DB (and `.env`), with
 * MMB_RETENTION_DAYS. Prints the counts in Dutch; a dry run only counts.
 *
 * @example
 * runPurge(['--dry-run']) // prints what would go, returns 0
 */
export function runPurge(args: string[], now: Date = new Date()): number {
  const { values } = parseArgs({
    args,
    options: {
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(PURGE_USAGE);
    return 0;
  }
  const { env, database } = commandPaths();
  const days = env.MMB_RETENTION_DAYS;
  const dryRun = values['dry-run'];
  // A dry run only reads; a purge writes, but never creates a database that is not there.
  const db = openDatabase(database.path, {
    access: dryRun ? 'read' : 'existing',
    label: database.label,
    onNotice: (line) => console.error(line),
  });
  try {
    const counts = dryRun ? countExpired(db, now, days) : purgeExpired(db, now, days);
    console.log(purgeReport(counts, days, dryRun).join('\n'));
  } finally {
    db.close();
  }
  return 0;
}
