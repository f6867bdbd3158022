/**
 * An error of the bot itself (not of a user): says what went wrong and how to fix it.
 * `exitCode` is what `mmb` exits with: 2 for wrong input (the default), 1 for a problem while
 * running (a full disk).
 *
 * @example
 * throw new MmbError('MMB_DB points to a folder.', 'Give the path of a file, e.g. data/mmb.sqlite.')
 */
export class MmbError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(`${message} ${hint}`);
    this.name = 'MmbError';
  }
}
