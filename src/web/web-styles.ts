/**
 * The monitor's stylesheets, served as files (`/monitor.css`, `/print.css`) so the pages carry no
 * inline style and the Content-Security-Policy can forbid it. Colours meet WCAG 2.1 AA contrast
 * (text at least 4.5:1 on its background); the layout is one column on a phone.
 */
export const MONITOR_CSS = `
:root { --ink: #1b2430; --muted: #4a5563; --line: #d5dbe3; --bg: #f4f6f9; --card: #ffffff;
  --brand: #0b5cad; --brand-dark: #083f78; --accent: #1f7a4d; --warn: #8a4b00; }
* { box-sizing: border-box; }
html { font-size: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  color: var(--ink); background: var(--bg); line-height: 1.5; }
a { color: var(--brand); }
a:focus-visible, button:focus-visible, summary:focus-visible, select:focus-visible, input:focus-visible,
.table-scroll:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.wrap { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; z-index: 2; }
.skip:focus { left: 1rem; }
.top { background: var(--brand-dark); color: #fff; }
.top-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem; padding-top: .75rem; padding-bottom: .75rem; }
.brand { color: #fff; text-decoration: none; font-weight: 700; font-size: 1.15rem; display: flex; align-items: center; gap: .5rem; }
.brand-sub { font-weight: 400; opacity: .9; }
.logo { display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: 50%; background: #fff; color: var(--brand-dark); font-weight: 800; }
.who { display: flex; align-items: center; gap: .75rem; font-size: .95rem; }
.who form { margin: 0; }
.link-button { background: transparent; color: #fff; border: 1px solid #fff; border-radius: 6px; padding: .3rem .8rem; font: inherit; cursor: pointer; }
.link-button:hover { background: rgba(255,255,255,.15); }
main { padding-top: 1.25rem; padding-bottom: 2rem; }
h1 { font-size: 1.6rem; margin: .25rem 0 .25rem; line-height: 1.25; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.05rem; margin: 0 0 .5rem; }
.lead { color: var(--muted); margin: 0 0 1rem; }
.tiles { display: grid; grid-template-columns: repeat(2, 1fr); gap: .75rem; margin: 0; padding: 0; }
@media (min-width: 48rem) { .tiles { grid-template-columns: repeat(4, 1fr); } }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: .8rem 1rem; margin: 0; }
.tile dt { color: var(--muted); font-size: .9rem; }
.tile dd { margin: .15rem 0 0; font-size: 1.45rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.tile dd small { display: block; font-size: .85rem; font-weight: 400; color: var(--muted); }
.tile.estimate dd { color: var(--accent); }
.note { font-size: .9rem; color: var(--muted); }
.mark { display: inline-block; font-size: .75rem; font-weight: 600; color: var(--warn); border: 1px solid var(--warn); border-radius: 4px; padding: 0 .3rem; margin-left: .25rem; vertical-align: middle; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1rem; margin: 0 0 1rem; }
.grid-2 { display: grid; grid-template-columns: 1fr; gap: 1rem; }
@media (min-width: 60rem) { .grid-2 { grid-template-columns: 1fr 1fr; } }
.chart { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1rem; }
.chart-svg { width: 100%; height: auto; display: block; }
.chart-label, .chart-value, .chart-axis { font-family: inherit; fill: var(--ink); }
.chart-label { font-size: 14px; }
.chart-value { font-size: 13px; font-weight: 600; }
.chart-axis { font-size: 12px; fill: var(--muted); }
.bar-0 { fill: #0b5cad; } .bar-1 { fill: #1f7a4d; } .bar-2 { fill: #8a4b00; }
.bar-3 { fill: #6a3d9a; } .bar-4 { fill: #a3174f; } .bar-5 { fill: #2f5f6f; }
.grid { stroke: var(--line); stroke-width: 1; }
.line { fill: none; stroke: #0b5cad; stroke-width: 3; }
.area { fill: #0b5cad; fill-opacity: .12; }
.dot { fill: #fff; stroke: #0b5cad; stroke-width: 2.5; }
.chart-desc { font-size: .9rem; color: var(--muted); margin: .5rem 0 0; }
details.chart-table { margin-top: .5rem; }
summary { cursor: pointer; color: var(--brand); font-weight: 600; padding: .25rem 0; }
.table-scroll { overflow-x: auto; margin: 0 0 1rem; background: var(--card); border: 1px solid var(--line); border-radius: 10px; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding: .6rem .75rem; }
th, td { padding: .45rem .75rem; border-top: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: #eef2f7; font-size: .85rem; color: var(--ink); white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.big { font-size: 2.2rem; font-weight: 700; line-height: 1.1; margin-right: .25rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot th, tfoot td { font-weight: 700; background: #f7f9fb; }
.teams { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: .75rem; }
.teams a { display: block; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: .75rem 1rem; text-decoration: none; color: var(--ink); }
.teams a:hover { border-color: var(--brand); }
.teams strong { color: var(--brand); display: block; }
.downloads form { display: flex; flex-wrap: wrap; align-items: end; gap: .5rem .75rem; margin: 0 0 1rem; }
.downloads fieldset { border: 1px solid var(--line); border-radius: 10px; padding: .75rem 1rem 1rem; margin: 0 0 1rem; background: var(--card); }
.downloads legend { font-weight: 700; padding: 0 .25rem; }
label { display: flex; flex-direction: column; font-size: .9rem; gap: .2rem; }
select, input { font: inherit; padding: .4rem .5rem; border: 1px solid #7b8794; border-radius: 6px; background: #fff; color: var(--ink); min-height: 2.5rem; }
.button { font: inherit; font-weight: 600; background: var(--brand); color: #fff; border: 0; border-radius: 6px; padding: .55rem 1rem; cursor: pointer; min-height: 2.5rem; text-decoration: none; display: inline-block; }
.button:hover { background: var(--brand-dark); }
.button.secondary { background: #fff; color: var(--brand); border: 1px solid var(--brand); }
.crumbs { font-size: .95rem; margin: 0 0 .5rem; }
.message { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.5rem; max-width: 40rem; margin: 1rem auto; }
.message h1 { margin-top: 0; }
.rounds-nav { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.rounds-nav a { display: inline-block; padding: .3rem .7rem; border: 1px solid var(--line); border-radius: 999px; background: var(--card); text-decoration: none; }
.rounds-nav a[aria-current="page"] { background: var(--brand); color: #fff; border-color: var(--brand); }
.foot { color: var(--muted); font-size: .85rem; padding-bottom: 2rem; }
@media (max-width: 30rem) { h1 { font-size: 1.35rem; } .tile dd { font-size: 1.25rem; } .brand-sub { display: none; } }
`;

/** For print: a handout on white paper, no buttons or forms, every table open. */
export const PRINT_CSS = `
@page { margin: 15mm; }
body { background: #fff; color: #000; font-size: 10.5pt; }
.top { background: #fff; color: #000; border-bottom: 2px solid #000; }
.brand, .brand-sub { color: #000; }
.logo { border: 1px solid #000; }
.who form, .downloads, .skip, .rounds-nav, summary, .foot form { display: none !important; }
details.chart-table > *:not(summary) { display: block; }
.tile, .chart, .card, .table-scroll, .teams a { border-color: #999; break-inside: avoid; }
.table-scroll { overflow: visible; }
a { color: #000; text-decoration: none; }
h2 { break-after: avoid; }
`;

/** A small icon, so browsers do not ask for a favicon that is not there. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#083f78"/><text x="16" y="22" font-size="18" text-anchor="middle" fill="#fff" font-family="Arial">€</text></svg>`;
