/**
 * An error of the bot itself (not of a user): says what went wrong and how to fix it.
 *
 * @example
 * throw new MmbError('MMB_DB points to a folder.', 'Give the path of a file, e.g. data/mmb.sqlite.')
 */
export class MmbError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(`${message} ${hint}`);
    this.name = 'MmbError';
  }
}
