/**
 * What `parseArgs` (node:util) found wrong on a command line, in one Dutch sentence: an unknown
 * option, an option without its value, a value where none belongs, a word too many. Null when
 * the error is not one of `parseArgs`'s.
 *
 * @example
 * argsProblem(unknownOptionError) // 'de optie --foo ken ik niet.'
 */
export function argsProblem(error: unknown): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  const code = String(error.code);
  if (!code.startsWith('ERR_PARSE_ARGS')) return null;
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `de optie ${option} ken ik niet.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `"${quoted}" hoort hier niet.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /argument missing/.test(error.message)
      ? `${option} mist een waarde: schrijf ${option} en dan de waarde.`
      : `${option} neemt geen waarde.`;
  }
  return 'de argumenten kloppen niet.';
}
