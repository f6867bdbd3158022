import { formatCents } from '../text/money.ts';

/**
 * Small pieces of HTML for the monitor's pages: escaping, the page frame and tables. Every text
 * that came from a chat (a description, a team name) passes `esc`.
 */

/**
 * Text made safe to put between tags or in an attribute.
 *
 * @example
 * esc('<b>"huur"</b>') // '&lt;b&gt;&quot;huur&quot;&lt;/b&gt;'
 */
export function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** HTML that was built here (escaped where needed), as opposed to plain text. */
export interface Html {
  html: string;
}

/** Marks a string as HTML built here. */
export const html = (value: string): Html => ({ html: value });

/** A cell, a heading or any content: text is escaped, HTML is kept. */
export const show = (value: string | Html): string =>
  typeof value === 'string' ? esc(value) : value.html;

/** An amount as `€ 1.967,00`, with a non-breaking space so it never wraps. */
export const euro = (cents: number): string => formatCents(cents).replace(' ', '\u00a0');

/** What a page looks like around its content. */
export interface PageFrame {
  title: string;
  /** The signed-in person's role line, or null on a page for everyone. */
  who: string | null;
  body: string;
  /** Go on to this page at once (a meta refresh: no script needed). */
  moveTo?: string;
}

/**
 * A whole page: Dutch, one stylesheet for the screen and one for print (both files the bot
 * serves: no inline style or script, so the Content-Security-Policy can forbid them).
 *
 * @example
 * page({ title: 'Monitor', who: null, body: '<p>…</p>' }).startsWith('<!doctype html>') // true
 */
export function page(frame: PageFrame): string {
  const signOut = frame.who
    ? `<div class="who"><span>${esc(frame.who)}</span>
      <form method="post" action="/uitloggen"><button type="submit" class="link-button">Uitloggen</button></form></div>`
    : '';
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">${frame.moveTo ? `\n<meta http-equiv="refresh" content="0; url=${esc(frame.moveTo)}">` : ''}
<title>${esc(frame.title)} · Mini-Maatwerk Budget</title>
<link rel="stylesheet" href="/monitor.css">
<link rel="stylesheet" href="/print.css" media="print">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#inhoud">Naar de inhoud</a>
<header class="top">
  <div class="wrap top-row">
    <a class="brand" href="/"><span class="logo" aria-hidden="true">€</span> Mini-Maatwerk Budget <span class="brand-sub">monitor</span></a>
    ${signOut}
  </div>
</header>
<main id="inhoud" class="wrap">
${frame.body}
</main>
<footer class="wrap foot">
  <p>Cijfers uit het kasboek van de bot: dezelfde als in <b>/rapport</b> en <b>/export</b>. Bedragen in euro, tijden in Nederlandse tijd. Huishoudcodes staan nooit op deze pagina.</p>
</footer>
</body>
</html>
`;
}

/** One column of a table: its heading and whether it holds numbers (right-aligned). */
export interface Column {
  head: string;
  numeric?: boolean;
  /** Never wrapped (a short period). */
  nowrap?: boolean;
}

/**
 * A table with a caption, in a region that scrolls sideways on a narrow screen (and can be
 * reached with the keyboard to scroll it).
 *
 * @example
 * table('Per team', [{ head: 'Team' }], [['Noord']])
 */
export function table(
  caption: string,
  columns: readonly Column[],
  rows: readonly (readonly (string | Html)[])[],
  options: { foot?: readonly (string | Html)[]; id?: string } = {},
): string {
  const cell = (value: string | Html, index: number, tag: 'td' | 'th') => {
    const column = columns[index];
    const numeric = column?.numeric ? ' class="num"' : column?.nowrap ? ' class="nowrap"' : '';
    const scope = tag === 'th' ? ' scope="row"' : '';
    return `<${tag}${numeric}${scope}>${show(value)}</${tag}>`;
  };
  const line = (row: readonly (string | Html)[]) =>
    `<tr>${row.map((value, i) => cell(value, i, i === 0 ? 'th' : 'td')).join('')}</tr>`;
  const head = columns
    .map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${esc(c.head)}</th>`)
    .join('');
  const foot = options.foot ? `<tfoot>${line(options.foot)}</tfoot>` : '';
  const id = options.id ? ` id="${esc(options.id)}"` : '';
  return `<div class="table-scroll" role="region" aria-label="${esc(caption)}" tabindex="0">
<table${id}><caption>${esc(caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>${rows.map(line).join('\n')}</tbody>${foot}
</table></div>`;
}
