import fc from 'fast-check';

/**
 * Personal data a member might paste into a message (rule 11), for properties that check that
 * nothing the bot sends, stores or prints repeats it: the data as written, and `key` — its letters
 * and digits in lower case — which must never show up in what the bot produces.
 *
 * @example
 * fc.assert(fc.property(secret, (s) => !keyOf(output(s.text)).includes(s.key)));
 */
export interface Secret {
  kind: 'bsn' | 'iban' | 'telefoon' | 'email';
  text: string;
  key: string;
}

/** Letters and digits only, lower case: how a secret is looked for in output. */
export const keyOf = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

const digits = (length: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
    .map((d) => d.join(''));

/** A BSN that passes the eleven-check, as `BSN 123456782` or in groups of three. */
export const bsnSecret: fc.Arbitrary<Secret> = fc
  .tuple(digits(8), fc.constantFrom('', ' ', '.'), fc.constantFrom('bsn ', 'BSN: ', ''))
  .map(([first8, sep, context]) => {
    const sum = [...first8].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
    return { first8, sep, context, check: sum % 11 };
  })
  .filter(({ first8, check }) => check < 10 && first8 !== '00000000' && first8[0] !== '0')
  .map(({ first8, sep, context, check }) => {
    const all = first8 + String(check);
    const text = context + [all.slice(0, 3), all.slice(3, 6), all.slice(6)].join(sep);
    return { kind: 'bsn' as const, text, key: all };
  });

/** The two check digits of an IBAN (ISO 13616). */
function ibanCheck(country: string, bban: string): string {
  let rest = 0;
  for (const ch of bban + country + '00') {
    const v = ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 55;
    rest = (v < 10 ? rest * 10 + v : rest * 100 + v) % 97;
  }
  return String(98 - rest).padStart(2, '0');
}

/** A Dutch IBAN that passes mod-97, compact or in groups of four. */
export const ibanSecret: fc.Arbitrary<Secret> = fc
  .tuple(fc.stringMatching(/^[A-Z]{4}$/), digits(10), fc.boolean(), fc.constantFrom('iban ', ''))
  .map(([bank, account, grouped, context]) => {
    const whole = 'NL' + ibanCheck('NL', bank + account) + bank + account;
    const text = context + (grouped ? (whole.match(/.{1,4}/g) ?? []).join(' ') : whole);
    return { kind: 'iban' as const, text, key: whole.toLowerCase() };
  });

/** A Dutch mobile number: `0612345678`, `06-12345678`, `+31 6 12345678`. */
export const phoneSecret: fc.Arbitrary<Secret> = fc
  .tuple(digits(8), fc.constantFrom('0', '+31 ', '0'), fc.constantFrom('', '-', ' '))
  .map(([rest, prefix, sep]) => ({
    kind: 'telefoon' as const,
    text: `tel ${prefix}6${sep}${rest}`,
    key: `6${rest}`,
  }));

/** An e-mail address: `jan.devries@voorbeeld.nl`. */
export const emailSecret: fc.Arbitrary<Secret> = fc
  .tuple(
    fc.stringMatching(/^[a-z]{3,8}$/),
    fc.stringMatching(/^[a-z]{2,6}$/),
    fc.stringMatching(/^[a-z]{4,9}$/),
    fc.constantFrom('nl', 'com', 'org'),
  )
  .map(([first, last, domain, tld]) => {
    const address = `${first}.${last}@${domain}.${tld}`;
    return { kind: 'email' as const, text: `mail ${address}`, key: keyOf(address) };
  });

/** One piece of personal data of any of the four kinds. */
export const secret: fc.Arbitrary<Secret> = fc.oneof(
  bsnSecret,
  ibanSecret,
  phoneSecret,
  emailSecret,
);
