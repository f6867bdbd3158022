import { esc, euro, table, type Column } from './web-html.ts';

/**
 * Pictures that need no JavaScript: inline SVG drawn on the server. Each chart is a `<figure>`
 * with a title and a one-sentence description for screen readers (the text alternative), and the
 * same figures as a table behind a "Toon als tabel" switch (`<details>`, no script). Colours and
 * fonts come from the stylesheet (classes only), so the page needs no inline style.
 */

/** One bar or point: what it is called and its amount in cents. */
export interface ChartPoint {
  label: string;
  cents: number;
  /** A second line under the label in the table, e.g. "4 toekenningen". */
  note?: string;
}

let counter = 0;
/** A unique id for a chart's title and description on one page. */
const nextId = () => `grafiek-${++counter}`;

/** The euro amount rounded for an axis or a label on a bar: `€ 1.250`. */
const shortEuro = (cents: number) => euro(Math.round(cents / 100) * 100).replace(/,00$/, '');

function figure(
  title: string,
  description: string,
  svg: (id: string) => string,
  points: readonly ChartPoint[],
  columns: readonly Column[],
): string {
  const id = nextId();
  const rows = points.map((p) => [
    p.label,
    euro(p.cents),
    ...(p.note === undefined ? [] : [p.note]),
  ]);
  return `<figure class="chart">
<figcaption><h3 id="${id}-kop">${esc(title)}</h3></figcaption>
${svg(id)}
<p class="chart-desc" id="${id}-tekst">${esc(description)}</p>
<details class="chart-table"><summary>Toon als tabel</summary>
${table(title, columns, rows)}
</details>
</figure>`;
}

/** The largest amount of the points (at least 1 cent): the top of a chart's scale. */
const largest = (points: readonly ChartPoint[]) => Math.max(1, ...points.map((p) => p.cents));

/** The table behind a chart: what a point is, its amount, and its note where any point has one. */
const tableColumns = (what: string, amount: string, points: readonly ChartPoint[]): Column[] => [
  { head: what },
  { head: amount, numeric: true },
  ...(points.some((p) => p.note) ? [{ head: 'Aantal', numeric: true }] : []),
];

/** The frame of a chart by round (bars or a line): its size and where its plot starts and ends. */
const ROUND_FRAME = { width: 480, height: 240, bottom: 200, top: 24 } as const;

/** A round's label under its bar or point: `R3` for `Ronde 3`. */
const roundMark = (label: string) => label.replace(/^Ronde /, 'R');

/** The opening tag of a chart's SVG, labelled by its title and description. */
const svgOpen = (id: string, width: number, height: number, title: string, description: string) =>
  `<svg class="chart-svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">
<title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(description)}</desc>`;

/**
 * Horizontal bars, largest first as given: spending by category.
 *
 * @example
 * categoryBars('Toegekend per categorie', [{ label: 'wonen', cents: 38000 }])
 */
export function categoryBars(title: string, points: readonly ChartPoint[]): string {
  const description = points.length
    ? `Staafdiagram. ${points.map((p) => `${p.label}: ${euro(p.cents)}`).join('; ')}.`
    : 'Nog geen toekenningen in deze periode.';
  const width = 480;
  const row = 34;
  const labelWidth = 150;
  const max = largest(points);
  const height = Math.max(row, points.length * row) + 8;
  return figure(
    title,
    description,
    (id) => {
      const bars = points.map((p, i) => {
        const y = 4 + i * row;
        const length = Math.max(
          2,
          Math.round(((width - labelWidth - 90) * Math.max(0, p.cents)) / max),
        );
        return `<text class="chart-label" x="${labelWidth - 8}" y="${y + 21}" text-anchor="end">${esc(truncate(p.label, 18))}</text>
<rect class="bar bar-${i % 6}" x="${labelWidth}" y="${y + 4}" width="${length}" height="${row - 10}" rx="3"></rect>
<text class="chart-value" x="${labelWidth + length + 6}" y="${y + 21}">${esc(euro(p.cents))}</text>`;
      });
      const empty = points.length
        ? ''
        : `<text class="chart-label" x="${width / 2}" y="24" text-anchor="middle">Nog geen toekenningen</text>`;
      return `${svgOpen(id, width, height, title, description)}${bars.join('\n')}${empty}</svg>`;
    },
    points,
    tableColumns('Categorie', 'Bedrag', points),
  );
}

/**
 * Upright bars, one per round: the round-by-round trend.
 *
 * @example
 * roundBars('Toegekend per ronde', [{ label: 'Ronde 1', cents: 120000 }])
 */
export function roundBars(title: string, points: readonly ChartPoint[]): string {
  const description = points.length
    ? `Staafdiagram per ronde. ${points.map((p) => `${p.label}: ${euro(p.cents)}`).join('; ')}.`
    : 'Nog geen rondes.';
  const { width, height, bottom, top } = ROUND_FRAME;
  const max = largest(points);
  const slot = (width - 66) / Math.max(1, points.length);
  return figure(
    title,
    description,
    (id) => {
      const axis = gridLines(max, 60, width, top, bottom);
      const bars = points.map((p, i) => {
        const h = Math.max(1, Math.round(((bottom - top) * Math.max(0, p.cents)) / max));
        const x = 64 + i * slot + slot * 0.15;
        const w = Math.max(4, slot * 0.7);
        const short = roundMark(p.label);
        return `<rect class="bar bar-0" x="${x.toFixed(1)}" y="${bottom - h}" width="${w.toFixed(1)}" height="${h}" rx="2"></rect>
<text class="chart-axis" x="${(x + w / 2).toFixed(1)}" y="${bottom + 18}" text-anchor="middle">${esc(short)}</text>`;
      });
      return `${svgOpen(id, width, height, title, description)}${axis}${bars.join('\n')}</svg>`;
    },
    points,
    tableColumns('Ronde', 'Bedrag', points),
  );
}

/**
 * A line that only goes up: the year's running total after each round.
 *
 * @example
 * runningTotal('Lopend jaartotaal', [{ label: 'Ronde 1', cents: 120000 }, { label: 'Ronde 2', cents: 250000 }])
 */
export function runningTotal(title: string, points: readonly ChartPoint[]): string {
  const last = points.at(-1);
  const description = last
    ? `Lijngrafiek van het totaal tot en met elke ronde. Na ${last.label}: ${euro(last.cents)}.`
    : 'Nog geen rondes.';
  const { width, height, bottom, top } = ROUND_FRAME;
  const max = largest(points);
  const step = (width - 96) / Math.max(1, points.length - 1);
  return figure(
    title,
    description,
    (id) => {
      const xy = points.map((p, i) => {
        const x = points.length === 1 ? (width + 64) / 2 : 72 + i * step;
        const y = bottom - ((bottom - top) * Math.max(0, p.cents)) / max;
        return [x, y] as const;
      });
      const line = xy.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
      const area = xy.length
        ? `<polygon class="area" points="${xy[0]![0].toFixed(1)},${bottom} ${line} ${xy.at(-1)![0].toFixed(1)},${bottom}"></polygon>`
        : '';
      const dots = xy.map(
        ([x, y], i) =>
          `<circle class="dot" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="4"></circle>
<text class="chart-axis" x="${x.toFixed(1)}" y="${bottom + 18}" text-anchor="middle">${esc(roundMark(points[i]!.label))}</text>`,
      );
      return `${svgOpen(id, width, height, title, description)}${gridLines(max, 60, width, top, bottom)}${area}<polyline class="line" points="${line}"></polyline>${dots.join('\n')}</svg>`;
    },
    points,
    tableColumns('Tot en met', 'Totaal', points),
  );
}

/** Three light lines with their amounts: 0, half and the top. */
function gridLines(max: number, left: number, width: number, top: number, bottom: number): string {
  return [0, 0.5, 1]
    .map((f) => {
      const y = bottom - (bottom - top) * f;
      return `<line class="grid" x1="${left}" x2="${width - 6}" y1="${y}" y2="${y}"></line>
<text class="chart-axis" x="${left - 6}" y="${y + 4}" text-anchor="end">${esc(shortEuro(max * f))}</text>`;
    })
    .join('\n');
}

const truncate = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;
