/**
 * An error of the bot itself (not of a user): says what went wrong and how to fix it.
 * `hint` may be empty when the message says it all (`mmb` prints the usage line under it).
 * `exitCode` is what `mmb` exits with: 2 for wrong input (the default), 1 for a problem while
 * running (a full disk).
 *
 * @example
 * throw new MmbError('MMB_DB wijst naar een map.', 'Geef het pad van een bestand, bv. data/mmb.sqlite.')
 */
export class MmbError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(hint ? `${message} ${hint}` : message);
    this.name = 'MmbError';
  }
}
