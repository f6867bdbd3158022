import type { Overview } from '../overview/overview.ts';
import { formatMinutes } from '../overview/overview-text.ts';
import { grantCount, PREVENTED_NOTE } from '../overview/export-totals.ts';
import type { Team } from '../store/teams.ts';
import { formatDay } from '../text/time.ts';
import { categoryBars, roundBars, runningTotal, type ChartPoint } from './web-charts.ts';
import { categoriesOf, figuresOf, grantedOf, type Figures, type TeamNow } from './web-figures.ts';
import { esc, euro, html, page, table, type Column } from './web-html.ts';
import { dutchDate } from '../overview/export-csv.ts';

/**
 * The monitor's pages as HTML strings, from figures computed elsewhere (web-figures.ts): the first
 * screen across teams, a team's page, the public page, and the short message pages. Never a
 * household code: grants show date, amount, category and description only.
 */

const lastDay = (o: Overview) => new Date(Date.parse(o.to) - 1);
const period = (o: Overview) => `${formatDay(new Date(o.from))} t/m ${formatDay(lastDay(o))}`;
/** A period in a table cell: `5 jan – 16 feb 2026` (the year once when both days share it). */
const shortPeriod = (o: Overview) => {
  const from = formatDay(new Date(o.from));
  const to = formatDay(lastDay(o));
  return from.slice(-4) === to.slice(-4) ? `${from.slice(0, -5)} – ${to}` : `${from} – ${to}`;
};
const count = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;

/** The big figures of a period as tiles. */
function tiles(f: Figures, label: string): string {
  const tile = (name: string, value: string, note = '', extra = '') =>
    `<div class="tile${extra}"><dt>${name}</dt><dd>${value}${note ? `<small>${note}</small>` : ''}</dd></div>`;
  return `<dl class="tiles" aria-label="${esc(label)}">
${tile('Toegekend', euro(f.grantedCents), esc(grantCount(f.grants)))}
${tile('Beschikbaar nu', euro(f.availableCents), `saldo ${euro(f.balanceCents)} − gereserveerd ${euro(f.reservedCents)}`)}
${tile('Pot per jaar', euro(f.potCents), `gestort in deze periode ${euro(f.depositedCents)}`)}
${tile('Vervallen', euro(Math.abs(f.lapsedCents)), 'niet besteed restant van een afgesloten periode')}
${tile('Voorkomen kosten <span class="mark">schatting</span>', euro(f.preventedCents), 'schatting van het team zelf', ' estimate')}
${tile('Niet doorgegaan', esc(`${f.expired + f.cancelled}`), esc(`${count(f.expired, 'verlopen', 'verlopen')} · ${count(f.cancelled, 'geannuleerd', 'geannuleerd')}`))}
${tile('Beslistijd (mediaan)', f.medianDecisionMinutes === null ? '—' : esc(formatMinutes(f.medianDecisionMinutes)), f.medianDecisionMinutes === null ? 'per team te zien' : 'van aanvraag tot toekenning')}
${tile("Collega's die stemden", esc(String(f.voters)), esc(count(f.votes, 'stem', 'stemmen')))}
</dl>`;
}

/** Columns of figures, right-aligned. */
const numeric = (...heads: string[]): Column[] => heads.map((head) => ({ head, numeric: true }));

/** What became of the requests and who voted: the last columns of every table of figures. */
const OUTCOME_COLUMNS = numeric(
  'Voorkomen (schatting team)',
  'Verlopen',
  'Geannuleerd',
  'Beslistijd (mediaan)',
  'Stemmers',
);

const FIGURE_COLUMNS: readonly Column[] = [
  { head: 'Team' },
  ...numeric('Toegekend', 'Aantal', 'Saldo', 'Gereserveerd', 'Beschikbaar', 'Vervallen'),
  ...OUTCOME_COLUMNS,
];

/** One row of the per-team table. */
function figureRow(
  first: string | ReturnType<typeof html>,
  f: Figures,
): (string | ReturnType<typeof html>)[] {
  return [
    first,
    euro(f.grantedCents),
    String(f.grants),
    euro(f.balanceCents),
    euro(f.reservedCents),
    euro(f.availableCents),
    euro(Math.abs(f.lapsedCents)),
    euro(f.preventedCents),
    String(f.expired),
    String(f.cancelled),
    f.medianDecisionMinutes === null ? '—' : formatMinutes(f.medianDecisionMinutes),
    String(f.voters),
  ];
}

const teamLink = (team: Team) =>
  html(`<a href="/team/${encodeURIComponent(team.id)}">${esc(team.name)}</a>`);

/**
 * Points of a trend: per round number, what left the pots in all given teams' rounds (`spentCents`:
 * the grants and the corrections booked in the round), so the rounds add up to the year.
 */
export function trendPoints(rounds: readonly Overview[]): ChartPoint[] {
  const byRound = new Map<number, { cents: number; grants: number }>();
  for (const o of rounds) {
    if (o.cycle === null) continue;
    const point = byRound.get(o.cycle) ?? { cents: 0, grants: 0 };
    point.cents += o.spentCents;
    point.grants += o.grants.length;
    byRound.set(o.cycle, point);
  }
  return [...byRound.entries()]
    .sort(([a], [b]) => a - b)
    .map(([n, p]) => ({ label: `Ronde ${n}`, cents: p.cents, note: grantCount(p.grants) }));
}

/** The same points added up: the running total after each round. */
export const cumulative = (points: readonly ChartPoint[]): ChartPoint[] => {
  let sum = 0;
  return points.map((p) => ({ label: p.label, cents: (sum += p.cents) }));
};

/** Category bars of some overviews. */
const categoryPoints = (overviews: readonly Overview[]): ChartPoint[] =>
  categoriesOf(overviews).map((c) => ({
    label: c.category,
    cents: c.amountCents,
    note: grantCount(c.grants),
  }));

/** What the first screen needs. */
export interface HomeView {
  who: string;
  year: number;
  now: readonly TeamNow[];
  /** Every round of every team shown, for the trend. */
  rounds: readonly Overview[];
  /** The rounds and years that can be downloaded. */
  downloads: DownloadChoices;
}

/**
 * The first screen: every team the person may see, the running round and the year, as tiles, a
 * chart per view and a table per team.
 */
export function homePage(view: HomeView): string {
  const years = view.now.flatMap((t) => (t.year ? [t.year] : []));
  const rounds = view.now.flatMap((t) => (t.round ? [t.round] : []));
  const yearFigures = figuresOf(years);
  const roundFigures = figuresOf(rounds);
  const several = view.now.length > 1;
  const trend = trendPoints(view.rounds);
  const roundNumbers = [...new Set(rounds.map((r) => r.cycle))];
  const roundName = roundNumbers.length === 1 ? `ronde ${roundNumbers[0]}` : 'de lopende ronde';
  const body = `
<h1>${several ? `Alle ${view.now.length} teams` : esc(view.now[0]?.team.name ?? 'Geen teams')} in ${view.year}</h1>
<p class="lead">Hoe het Mini-Maatwerk Budget wordt gebruikt, bijgewerkt tot nu. Kies een team voor de details per ronde.</p>
${view.now.length === 0 ? '<p class="card">Er staan nog geen teams in de bot.</p>' : ''}
<h2 id="jaar">Dit jaar (${view.year}) tot nu</h2>
${tiles(yearFigures, `Cijfers van ${view.year}`)}
<p class="note">${esc(PREVENTED_NOTE)}</p>
<div class="grid-2">
${categoryBars(`Toegekend per categorie in ${view.year}`, categoryPoints(years))}
${roundBars('Uitgegeven per ronde', trend)}
</div>
<div class="grid-2">
${runningTotal(`Uitgegeven in ${view.year}, opgeteld`, cumulative(trend))}
<div class="card"><h3>Teams</h3><ul class="teams">${view.now
    .map(
      (t) =>
        `<li><a href="/team/${encodeURIComponent(t.team.id)}"><strong>${esc(t.team.name)}</strong>${t.year ? `${euro(grantedOf(t.year))} toegekend · ${esc(grantCount(t.year.grants.length))}` : 'nog niet gestart'}</a></li>`,
    )
    .join('')}</ul></div>
</div>
${table(
  `Per team in ${view.year}`,
  FIGURE_COLUMNS,
  view.now.flatMap((t) => (t.year ? [figureRow(teamLink(t.team), figuresOf([t.year]))] : [])),
  several ? { foot: figureRow('Alle teams', yearFigures), id: 'tabel-jaar' } : { id: 'tabel-jaar' },
)}
<h2 id="ronde">De lopende ronde (${esc(roundName)})</h2>
${tiles(roundFigures, 'Cijfers van de lopende ronde')}
${table(
  'Per team in de lopende ronde',
  [{ head: 'Team' }, { head: 'Ronde', nowrap: true }, ...FIGURE_COLUMNS.slice(1)],
  view.now.flatMap((t) =>
    t.round
      ? [
          [
            teamLink(t.team),
            `${t.round.cycle}: ${shortPeriod(t.round)}`,
            ...figureRow('', figuresOf([t.round])).slice(1),
          ],
        ]
      : [],
  ),
  several
    ? { foot: ['Alle teams', '', ...figureRow('', roundFigures).slice(1)], id: 'tabel-ronde' }
    : { id: 'tabel-ronde' },
)}
${downloadForms('alle', several ? 'alle teams samen' : (view.now[0]?.team.name ?? ''), view.downloads)}`;
  return page({ title: 'Overzicht', who: view.who, body });
}

/** What a team's page needs. */
export interface TeamView {
  who: string;
  team: Team;
  year: number;
  yearOverview: Overview | null;
  rounds: readonly Overview[];
  /** The round whose grants are listed. */
  shown: Overview | null;
  /** Households near the cap now (a count, never who). */
  nearCap: number;
  downloads: DownloadChoices;
}

/** A team's page: its rounds as a trend, spending by category, the grants of a round. */
export function teamPage(view: TeamView): string {
  const { team } = view;
  const trend = trendPoints(view.rounds);
  const yearFigures = view.yearOverview ? figuresOf([view.yearOverview]) : null;
  const shown = view.shown;
  const roundColumns: Column[] = [
    { head: 'Ronde' },
    { head: 'Periode', nowrap: true },
    ...numeric('Toegekend', 'Aantal', 'Uitgegeven', 'Gestort', 'Saldo eind'),
    ...OUTCOME_COLUMNS,
  ];
  const roundRows = view.rounds.map((o) => {
    const f = figuresOf([o]);
    return [
      html(
        `<a href="/team/${encodeURIComponent(team.id)}?ronde=${o.cycle}#toekenningen">Ronde ${o.cycle}</a>`,
      ),
      shortPeriod(o),
      euro(f.grantedCents),
      String(f.grants),
      euro(f.spentCents),
      euro(f.depositedCents),
      euro(f.balanceCents),
      euro(f.preventedCents),
      String(f.expired),
      String(f.cancelled),
      f.medianDecisionMinutes === null ? '—' : formatMinutes(f.medianDecisionMinutes),
      String(f.voters),
    ];
  });
  const grants = shown
    ? table(
        `Toekenningen in ronde ${shown.cycle} (${period(shown)})`,
        [
          { head: 'Datum' },
          { head: 'Bedrag', numeric: true },
          { head: 'Categorie' },
          { head: 'Omschrijving' },
        ],
        shown.grants.map((g) => [
          dutchDate(g.decidedAt),
          euro(g.amountCents),
          g.category,
          g.description || '—',
        ]),
        {
          foot: ['Totaal', euro(grantedOf(shown)), '', grantCount(shown.grants.length)],
          id: 'tabel-toekenningen',
        },
      )
    : '<p class="card">Nog geen ronde.</p>';
  const body = `
<p class="crumbs"><a href="/">← Alle teams</a></p>
<h1>${esc(team.name)}</h1>
<p class="lead">Per ronde van ${team.settings.overviewWeeks} weken, sinds ${esc(formatDay(new Date(`${team.settings.startDate}T12:00:00Z`)))}.</p>
<h2>Dit jaar (${view.year}) tot nu</h2>
${yearFigures ? tiles(yearFigures, `Cijfers van ${team.name} in ${view.year}`) : '<p class="card">Dit team is nog niet gestart.</p>'}
<p class="note">${esc(PREVENTED_NOTE)} ${view.nearCap === 0 ? 'Geen huishouden zit nu dicht bij het maximum.' : `${esc(count(view.nearCap, 'huishouden zit', 'huishoudens zitten'))} nu dicht bij het maximum van ${euro(team.settings.householdCapCents)} per jaar.`}</p>
<div class="grid-2">
${roundBars('Uitgegeven per ronde', trend)}
${categoryBars(`Toegekend per categorie in ${view.year}`, view.yearOverview ? categoryPoints([view.yearOverview]) : [])}
</div>
<div class="grid-2">
${runningTotal(`Uitgegeven in ${view.year}, opgeteld`, cumulative(trend))}
<div class="card"><h3>Huishoudens dicht bij het maximum</h3><p><span class="big">${view.nearCap}</span> ${view.nearCap === 1 ? 'huishouden' : 'huishoudens'}</p><p class="note">Alleen het aantal: welke huishoudens het zijn, staat nooit op deze pagina.</p></div>
</div>
${table('Per ronde', roundColumns, roundRows, { id: 'tabel-rondes' })}
<h2 id="toekenningen">Toekenningen per ronde</h2>
<ul class="rounds-nav">${view.rounds
    .map(
      (o) =>
        `<li><a href="/team/${encodeURIComponent(team.id)}?ronde=${o.cycle}#toekenningen"${o.cycle === shown?.cycle ? ' aria-current="page"' : ''}>Ronde ${o.cycle}</a></li>`,
    )
    .join('')}</ul>
${grants}
${downloadForms(team.id, team.name, view.downloads)}`;
  return page({ title: team.name, who: view.who, body });
}

/** Which rounds and years a download form offers. */
export interface DownloadChoices {
  rounds: readonly number[];
  years: readonly number[];
  today: string;
}

/** The three download forms (a round, a year, any range), CSV or PDF, as `/export` makes them. */
function downloadForms(team: string, name: string, choices: DownloadChoices): string {
  const hidden = `<input type="hidden" name="team" value="${esc(team)}">`;
  const buttons = `<button class="button" type="submit" name="formaat" value="csv">CSV (Excel)</button>
<button class="button secondary" type="submit" name="formaat" value="pdf">PDF</button>`;
  const first = choices.years[0] ?? Number(choices.today.slice(0, 4));
  return `<section class="downloads" aria-labelledby="downloads-kop">
<h2 id="downloads-kop">Downloaden: ${esc(name)}</h2>
<p class="note">Dezelfde bestanden als <b>/export</b> in de chat, zonder huishoudcodes.</p>
<fieldset><legend>Een ronde</legend>
<form method="get" action="/download">${hidden}<input type="hidden" name="soort" value="ronde">
<label>Ronde <select name="ronde">${[...choices.rounds]
    .reverse()
    .map((n) => `<option value="${n}">Ronde ${n}</option>`)
    .join('')}</select></label>${buttons}</form></fieldset>
<fieldset><legend>Een jaar</legend>
<form method="get" action="/download">${hidden}<input type="hidden" name="soort" value="jaar">
<label>Jaar <select name="jaar">${[...choices.years]
    .reverse()
    .map((y) => `<option value="${y}">${y}</option>`)
    .join('')}</select></label>${buttons}</form></fieldset>
<fieldset><legend>Een periode</legend>
<form method="get" action="/download">${hidden}<input type="hidden" name="soort" value="periode">
<label>Van <input type="date" name="van" required value="${first}-01-01"></label>
<label>Tot en met <input type="date" name="tot" required value="${esc(choices.today)}"></label>${buttons}</form></fieldset>
</section>`;
}

/** The public page: totals per team and round only. */
export function publicPage(teams: readonly { team: Team; rounds: readonly Overview[] }[]): string {
  const sections = teams
    .map(({ team, rounds }) =>
      table(
        team.name,
        [
          { head: 'Ronde' },
          { head: 'Periode', nowrap: true },
          { head: 'Toegekend', numeric: true },
          { head: 'Aantal', numeric: true },
          { head: 'Saldo eind', numeric: true },
        ],
        rounds.map((o) => [
          `Ronde ${o.cycle}`,
          shortPeriod(o),
          euro(grantedOf(o)),
          String(o.grants.length),
          euro(o.balanceCents),
        ]),
      ),
    )
    .join('\n');
  const body = `<h1>Mini-Maatwerk Budget: de cijfers per team</h1>
<p class="lead">Wat de teams per ronde van zes weken uit hun gezamenlijke pot toekenden. Alleen totalen: geen omschrijvingen en geen huishoudens.</p>
${sections || '<p class="card">Nog geen cijfers.</p>'}
<p class="note">Werk je bij de gemeente en heb je een rol in de bot? Typ <b>/web</b> in je privégesprek met de bot voor alle cijfers.</p>`;
  return page({ title: 'Cijfers per team', who: null, body });
}

/**
 * A short page with one message: how to sign in, a refused link, an error. `action` is an
 * optional button (a form that posts, for the sign-in confirmation).
 */
export function messagePage(
  title: string,
  lines: readonly string[],
  action?: { post: string; label: string },
  moveTo?: string,
): string {
  const button = action
    ? `<form method="post" action="${esc(action.post)}"><button class="button" type="submit" autofocus>${esc(action.label)}</button></form>`
    : '';
  return page({
    title,
    who: null,
    ...(moveTo ? { moveTo } : {}),
    body: `<div class="message"><h1>${esc(title)}</h1>${lines.map((l) => `<p>${l}</p>`).join('')}${button}</div>`,
  });
}
