/** Telegram's longest message text. */
export const MAX_MESSAGE_CHARS = 4096;

/**
 * Cuts a text into parts Telegram accepts, at line ends where possible, else at a space,
 * else hard. Never returns an empty list.
 *
 * @example
 * splitText('kort')                      // ['kort']
 * splitText('a\nbb\nccc', 4)             // ['a\nbb', 'ccc']
 */
export function splitText(text: string, max = MAX_MESSAGE_CHARS): string[] {
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
