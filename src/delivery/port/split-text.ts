/**
 * Cuts a text into parts of at most `max` characters (a platform's longest message), at line
 * ends where possible, else at a space, else hard (never inside a surrogate pair). Never returns
 * an empty list.
 *
 * @example
 * splitText('kort', 4096)                // ['kort']
 * splitText('a\nbb\nccc', 4)             // ['a\nbb', 'ccc']
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = /[\uD800-\uDBFF]/.test(window[max - 1] ?? '') ? max - 1 : max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
