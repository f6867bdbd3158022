/**
 * Privacy guard (docs/rules.md rule 11, AVG): finds personal data in chat text so the bot can
 * warn the group and store the text with those parts masked. The public surface; each kind of
 * personal data has a file of its own with its judgement calls (bsn.ts, iban.ts, phone.ts,
 * email.ts, address.ts, birth-date.ts, name.ts), the shared scanning is in scan.ts, the
 * merging of hits in detect.ts and the placeholders in mask.ts.
 *
 * Everything here is pure: no I/O, no clock (the current time is an argument), and no
 * function throws on any string. Regular expressions only find candidates; checksums
 * (BSN eleven-check, IBAN mod-97), calendar checks and context checks are done in code.
 * Every RegExp in this folder is listed in {@link PRIVACY_PATTERNS}; none has a nested
 * quantifier and all of them pass `redos-detector`.
 */

import { SCAN_PATTERNS } from './scan.ts';
import { IBAN_PATTERNS } from './iban.ts';
import { PHONE_PATTERNS } from './phone.ts';
import { EMAIL_PATTERNS } from './email.ts';
import { ADDRESS_PATTERNS } from './address.ts';
import { BIRTH_DATE_PATTERNS } from './birth-date.ts';
import { NAME_PATTERNS } from './name.ts';

export { MAX_PRIVACY_CHARS, type PersonalDataHit, type PersonalDataKind } from './types.ts';
export { isValidBsn } from './bsn.ts';
export { isValidIban } from './iban.ts';
export { findPersonalData } from './detect.ts';
export { maskPersonalData, mentionsName } from './mask.ts';
export { describeKinds } from './describe-kinds.ts';

/**
 * Every RegExp the privacy guard uses, so a ReDoS checker can test them.
 *
 * @example
 * PRIVACY_PATTERNS.every((re) => isSafe(re).safe); // → true (redos-detector)
 */
export const PRIVACY_PATTERNS: readonly RegExp[] = Object.freeze([
  ...SCAN_PATTERNS,
  ...IBAN_PATTERNS,
  ...PHONE_PATTERNS,
  ...EMAIL_PATTERNS,
  ...ADDRESS_PATTERNS,
  ...BIRTH_DATE_PATTERNS,
  ...NAME_PATTERNS,
]);
