import { text, type TeamCommand } from '../src/rules/command.ts';
import { exportJobFile } from '../src/overview/export-job.ts';
import { overviewFor, type OverviewRequest } from '../src/overview/overview-store.ts';
import { cycleAt } from '../src/overview/overview-slots.ts';
import { formatDay, localDateOf } from '../src/text/time.ts';
import { readOverviewRequest } from './overview-argument.ts';

const WITH_HOUSEHOLDS = /^met\s+huishoud(?:ens|codes)$/;

/**
 * `/export [vorige | ronde <nr> | <jaar>] [met huishoudens]`: the overview as a CSV for Excel and
 * a PDF to share, sent into the chat. Without a choice: the last finished round (or, in the
 * first round, the running one). Household codes only when asked. The files are not made here,
 * inside the event's write transaction: the reply carries an export job (the overview as it is
 * now), and the engine renders the CSV and PDF from it after the commit.
 */
export const exportCommand: TeamCommand = {
  scope: 'team',
  name: 'export',
  aliases: ['exporteer'],
  usage: '/export [vorige | ronde <nr> | <jaar>] [met huishoudens]',
  summary: 'Overzicht als CSV en PDF (coördinator, communicatieadviseur)',
  role: 'adviser',
  task: 'een overzicht exporteren',
  run(ctx, args) {
    const asked = readOverviewRequest(args);
    const households = asked ? WITH_HOUSEHOLDS.test(asked.rest) : false;
    if (!asked || (asked.rest && !households)) {
      return text(
        'Typ /export, /export ronde 3, /export 2026, eventueel met "met huishoudens" erachter.',
      );
    }
    let request: OverviewRequest = asked.request;
    if (request.kind === 'current' && args.trim().replace(WITH_HOUSEHOLDS, '').trim() === '') {
      const running = cycleAt(ctx.team.settings, ctx.at);
      if (running && running.number > 1) request = { kind: 'previous' };
    }
    const overview = overviewFor(ctx.sql, ctx.team, request, ctx.at);
    if (!overview)
      return text('Die ronde is er (nog) niet. Typ /export voor de laatste afgeronde ronde.');
    const lastDay = new Date(Date.parse(overview.to) - 1);
    const what =
      overview.cycle && request.kind !== 'range'
        ? `ronde-${overview.cycle}`
        : `${localDateOf(new Date(overview.from))}-${localDateOf(lastDay)}`;
    const base = `mmb-${ctx.team.id}-${what}${households ? '-met-huishoudens' : ''}`;
    return [
      {
        text:
          `📎 Overzicht ${ctx.team.name}, ${formatDay(new Date(overview.from))} t/m ${formatDay(lastDay)}: ` +
          `CSV voor Excel en PDF om te delen${households ? ' (met huishoudcodes: niet verder delen)' : ' (zonder huishoudcodes)'}.`,
        purpose: 'export',
        files: [exportJobFile({ base, households, overview })],
      },
    ];
  },
};
