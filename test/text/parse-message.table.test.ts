import { describe, it, expect } from 'vitest';
import { parseMessage } from '../../src/text/parse-message.ts';
import type { ParsedMessage, RequestProblem } from '../../src/text/parse-message.ts';

const request = (
  amountCents: number,
  household: string,
  description: string,
  preventedCents: number | null = null,
  preventedText: string | null = null,
): ParsedMessage => ({
  kind: 'request',
  amountCents,
  household,
  description,
  preventedCents,
  preventedText,
});
const problem = (
  p: RequestProblem,
  amountCents: number | null = null,
  seen?: string[],
): ParsedMessage =>
  seen === undefined
    ? { kind: 'request-problem', problem: p, amountCents }
    : { kind: 'request-problem', problem: p, amountCents, seen };
const ja = (requestNumber: number | null = null): ParsedMessage => ({
  kind: 'vote',
  vote: 'ja',
  requestNumber,
});
const nee = (requestNumber: number | null = null): ParsedMessage => ({
  kind: 'vote',
  vote: 'nee',
  requestNumber,
});
const command = (name: string, args = ''): ParsedMessage => ({ kind: 'command', name, args });
const chatter: ParsedMessage = { kind: 'chatter' };

const rows: { text: string; expected: ParsedMessage }[] = [
  // Requests from docs/rules.md rule 2.
  { text: 'grofvuil €33 voor huishouden HH-12', expected: request(3300, '12', 'grofvuil') },
  { text: '€ 75,00 pinpas leefgeld hh 7', expected: request(7500, '7', 'pinpas leefgeld') },
  {
    text: '/aanvraag 120,50 huurachterstand huishouden 3',
    expected: request(12050, '3', 'huurachterstand'),
  },
  // Every amount format people type.
  { text: 'Grofvuil ophalen bij HH-12, €33', expected: request(3300, '12', 'Grofvuil ophalen') },
  { text: 'Zwemles € 33,50 hh 12', expected: request(3350, '12', 'Zwemles') },
  {
    text: 'buskaart naar de voedselbank 33 euro hh12',
    expected: request(3300, '12', 'buskaart naar de voedselbank'),
  },
  {
    text: 'Sportclub contributie 33 EUR gezin 3',
    expected: request(3300, '3', 'Sportclub contributie'),
  },
  {
    text: 'EUR 33 voor schoolreisje, huishouden 12',
    expected: request(3300, '12', 'schoolreisje'),
  },
  { text: 'wasmachine 33,- huishouden: 12b', expected: request(3300, '12B', 'wasmachine') },
  {
    text: 'bed voor de kinderen 33,-- gezin nr. 4',
    expected: request(3300, '4', 'bed voor de kinderen'),
  },
  { text: 'borg kamer €1.250 huishouden HH-12', expected: request(125000, '12', 'borg kamer') },
  { text: 'huurachterstand € 1.250,00 hh 4', expected: request(125000, '4', 'huurachterstand') },
  { text: 'fiets reparatie € 12.50 hh 8', expected: request(1250, '8', 'fiets reparatie') },
  { text: 'OV-kaart opladen €12,5 hh 9', expected: request(1250, '9', 'OV-kaart opladen') },
  {
    text: 'gezin 3 taxi naar ziekenhuis €22,40',
    expected: request(2240, '3', 'taxi naar ziekenhuis'),
  },
  { text: 'Voedselpakket 15€ HH 12', expected: request(1500, '12', 'Voedselpakket') },
  // Every household spelling: all of these are household 12.
  { text: 'huishouden 12 €45 voor schoenen', expected: request(4500, '12', 'schoenen') },
  { text: 'hh 12 €33 grofvuil', expected: request(3300, '12', 'grofvuil') },
  { text: 'HH-12: €30 gas en licht', expected: request(3000, '12', 'gas en licht') },
  { text: '€30 schoolspullen hh12', expected: request(3000, '12', 'schoolspullen') },
  { text: 'huishouden HH-12 €60 nieuwe bril', expected: request(6000, '12', 'nieuwe bril') },
  { text: 'gezin #12: 25 euro voor een buskaart', expected: request(2500, '12', 'een buskaart') },
  {
    text: 'huishouden nummer 12 €20 telefoonkosten',
    expected: request(2000, '12', 'telefoonkosten'),
  },
  {
    text: 'Graag €45 voor een bed voor hh 14',
    expected: request(4500, '14', 'een bed'),
  },
  {
    text: 'Voor huishouden 5 graag €25 voor een buskaart',
    expected: request(2500, '5', 'een buskaart'),
  },
  {
    text: 'huishoudelijke hulp €40 hh 3',
    expected: request(4000, '3', 'huishoudelijke hulp'),
  },
  { text: 'grofvuil (€33, hh 12)', expected: request(3300, '12', 'grofvuil') },
  { text: '€33 hh 12', expected: request(3300, '12', '') },
  // Copied from another app: no-break spaces, zero-width and bidi characters.
  {
    text: 'pinpas met leefgeld €\u00A075 hh\u00A07',
    expected: request(7500, '7', 'pinpas met leefgeld'),
  },
  { text: 'grofvuil €3\u200B3 huishouden HH-\u200E12', expected: request(3300, '12', 'grofvuil') },
  // Prevented cost after `voorkomt`.
  {
    text: 'grofvuil €33 huishouden 12 voorkomt: boete €95',
    expected: request(3300, '12', 'grofvuil', 9500, 'boete €95'),
  },
  {
    text: 'bewindvoering € 250 hh 4 voorkomt uithuisplaatsing (€ 3.500 p/m)',
    expected: request(25000, '4', 'bewindvoering', 350000, 'uithuisplaatsing (€ 3.500 p/m)'),
  },
  {
    text: 'energierekening €80 hh 6 voorkomt afsluiting',
    expected: request(8000, '6', 'energierekening', null, 'afsluiting'),
  },
  // Explicit requests.
  { text: '/aanvraag 45 zwemles gezin 9', expected: request(4500, '9', 'zwemles') },
  { text: '/aanvraag@MmbBot €28 bus hh 4', expected: request(2800, '4', 'bus') },
  { text: '/Aanvraag 1.250 borg huishouden HH-2', expected: request(125000, '2', 'borg') },
  { text: '/aanvraag hh 4 €30 bus', expected: request(3000, '4', 'bus') },
  {
    text: '/aanvraag 60 schoenen hh 3 voorkomt: schooluitval',
    expected: request(6000, '3', 'schoenen', null, 'schooluitval'),
  },
  // Requests that cannot be taken as they are.
  {
    text: 'gezin Jansen heeft €40 nodig voor de bus',
    expected: problem('household-is-name', 4000),
  },
  { text: '€40 voor de bus, gezin van Ali', expected: problem('household-is-name', 4000) },
  { text: 'gezin met drie kinderen €50 kleding', expected: problem('no-household', 5000) },
  { text: 'grofvuil €33 voor het huishouden', expected: problem('no-household', 3300) },
  { text: 'huishouden 33 euro', expected: problem('no-household', 3300) },
  { text: 'hh 12 €0', expected: problem('zero') },
  { text: `hh 12 € ${'9'.repeat(400)}`, expected: problem('too-large') },
  { text: 'huishouden 4 €150.000 voor de woning', expected: problem('too-large') },
  { text: 'hh 5 €-20 terugbetaald', expected: problem('negative', null, ['€-20']) },
  { text: 'hh 5 €1,250 borg', expected: problem('unreadable') },
  { text: '/aanvraag huurachterstand hh 3', expected: problem('no-amount') },
  { text: '/aanvraag 120,50 huurachterstand', expected: problem('no-household', 12050) },
  { text: '/aanvraag', expected: problem('no-amount') },
  { text: '/aanvraag 50 gezin De Vries', expected: problem('household-is-name', 5000) },
  { text: '/aanvraag 0 bus hh 3', expected: problem('zero') },
  // Amounts that are not certain are never guessed (docs/rules.md rule 2): the bot asks.
  { text: '/aanvraag 2 matrassen €150 hh 7', expected: request(15000, '7', '2 matrassen') },
  {
    text: '/aanvraag 120,50 huur maart deel 1 hh 3',
    expected: request(12050, '3', 'huur maart deel 1'),
  },
  { text: 'grofvuil €1 250 hh 12', expected: problem('ambiguous-amount', null, ['€1 250']) },
  { text: 'fiets €12 50 hh 8', expected: problem('ambiguous-amount', null, ['€12 50']) },
  { text: 'borg 1 250 euro hh 8', expected: problem('ambiguous-amount', null, ['1 250 euro']) },
  {
    text: '/aanvraag €1 250 huur hh 3',
    expected: problem('ambiguous-amount', null, ['€1 250']),
  },
  { text: 'bus -€20 hh 12', expected: problem('negative', null, ['-€20']) },
  { text: 'bus − €20 hh 12', expected: problem('negative', null, ['− €20']) },
  { text: 'hh 12 −20 euro voor de bus', expected: problem('negative', null, ['−20 euro']) },
  { text: '/aanvraag -20 bus hh 3', expected: problem('negative', null, ['-20']) },
  { text: '/aanvraag −€20 bus hh 3', expected: problem('negative', null, ['−€20']) },
  { text: '€ 20 en € 30 hh 12', expected: problem('two-amounts', null, ['€ 20', '€ 30']) },
  { text: 'bus € 20 en eten € 20 hh 12', expected: problem('two-amounts', null, ['€ 20', '€ 20']) },
  {
    text: '/aanvraag €20 bus en 30 euro eten hh 3',
    expected: problem('two-amounts', null, ['€20', '30 euro']),
  },
  {
    text: '€ 20 hh 12 en € 300 hh 13',
    expected: problem('two-households', null, ['hh 12', 'hh 13']),
  },
  {
    text: 'hh 12 en hh 13 samen €300 voor de verhuizing',
    expected: problem('two-households', null, ['hh 12', 'hh 13']),
  },
  {
    text: 'grofvuil €33 hh 12 voorkomt: boete voor huishouden 13',
    expected: problem('two-households', null, ['hh 12', 'huishouden 13']),
  },
  {
    text: '/aanvraag 40 bus hh 3 en gezin 4',
    expected: problem('two-households', null, ['hh 3', 'gezin 4']),
  },
  { text: '€1e3 hh 12 borg', expected: problem('ambiguous-amount', null, ['€1e3']) },
  { text: 'borg € 20k hh 12', expected: problem('ambiguous-amount', null, ['€ 20k']) },
  { text: 'kleding € 20-30 hh 12', expected: problem('ambiguous-amount', null, ['€ 20-30']) },
  { text: '€ 20 hh 12.0', expected: problem('ambiguous-household', null, ['hh 12.0']) },
  { text: 'gezin Jansen €20 en €30', expected: problem('household-is-name') },
  { text: 'de bus kost €20 en de trein €30', expected: chatter },
  // Read as they are: certain.
  { text: 'grofvuil - €33 - hh 12', expected: request(3300, '12', 'grofvuil') },
  { text: 'hh 12 50 euro voor schoenen', expected: request(5000, '12', 'schoenen') },
  { text: 'hh 01 €33 grofvuil', expected: request(3300, '1', 'grofvuil') },
  { text: 'huishouden HH-012 €33 grofvuil', expected: request(3300, '12', 'grofvuil') },
  { text: 'hh 12 grofvuil €33 voor huishouden HH-12', expected: request(3300, '12', 'grofvuil') },
  { text: 'zwemles €12,50 3 keer hh 4', expected: request(1250, '4', 'zwemles 3 keer') },
  {
    text: '/aanvraag 60 schoenen hh 3 voorkomt: boete €95',
    expected: request(6000, '3', 'schoenen', 9500, 'boete €95'),
  },
  // Votes (docs/rules.md rule 5).
  { text: 'ja', expected: ja() },
  { text: 'Ja!', expected: ja() },
  { text: 'JA', expected: ja() },
  { text: 'jaa', expected: ja() },
  { text: 'jazeker', expected: ja() },
  { text: 'ja hoor', expected: ja() },
  { text: 'akkoord', expected: ja() },
  { text: '👍', expected: ja() },
  { text: '👍🏽', expected: ja() },
  { text: '✅', expected: ja() },
  { text: '+1', expected: ja() },
  { text: 'eens', expected: ja() },
  { text: 'helemaal mee eens', expected: ja() },
  { text: 'Ja hoor, prima van mij 👍', expected: ja() },
  { text: 'ja\u200B', expected: ja() },
  { text: 'nee', expected: nee() },
  { text: 'Nee.', expected: nee() },
  { text: 'neen', expected: nee() },
  { text: '👎🏻', expected: nee() },
  { text: '❌', expected: nee() },
  { text: '-1', expected: nee() },
  { text: 'niet akkoord', expected: nee() },
  { text: 'ja #12', expected: ja(12) },
  { text: '#12 ja', expected: ja(12) },
  { text: 'ja voor #12', expected: ja(12) },
  { text: 'akkoord #3!', expected: ja(3) },
  { text: '👍 #4', expected: ja(4) },
  { text: 'nee #2', expected: nee(2) },
  // Commands.
  { text: '/saldo', expected: command('saldo') },
  { text: '/saldo@MmbBot', expected: command('saldo') },
  { text: '/Annuleer 12', expected: command('annuleer', '12') },
  { text: '/rapport   ', expected: command('rapport') },
  { text: '/correctie 12 28,00', expected: command('correctie', '12 28,00') },
  { text: '/storten 500', expected: command('storten', '500') },
  { text: '/help@MmbBot hoe stem ik?', expected: command('help', 'hoe stem ik?') },
  { text: '/coordinator', expected: command('coordinator') },
  { text: '/coördinator', expected: command('coordinator') },
  { text: '/Coördinator weg bas', expected: command('coordinator', 'weg bas') },
  { text: '/coo\u0308rdinator', expected: command('coordinator') }, // ö typed as o + ¨
  { text: '/coördinator@MmbBot', expected: command('coordinator') },
  // Ordinary chatter gets no reply.
  { text: 'goedemorgen allemaal ☀️', expected: chatter },
  { text: 'wie heeft er morgen dienst?', expected: chatter },
  { text: 'de grofvuilkosten waren €33', expected: chatter },
  { text: 'bel me even op 06-12345678', expected: chatter },
  { text: 'hh 12 is verhuisd', expected: chatter },
  { text: 'ja, ik bel haar morgen', expected: chatter },
  { text: 'hoe gaat het met hh 12?', expected: chatter },
  { text: 'ja maar ik twijfel nog over het bedrag', expected: chatter },
  { text: 'nee joh dat bedoelde ik niet', expected: chatter },
  { text: 'jammer', expected: chatter },
  { text: 'janneke komt ook', expected: chatter },
  { text: 'neem jij het mee?', expected: chatter },
  { text: 'Dank jullie wel! 🙏', expected: chatter },
  { text: 'het overleg is om 10.30 in zaal 3', expected: chatter },
  { text: 'we hebben nog €1.967,00 in de pot', expected: chatter },
  { text: 'drie gezinnen geholpen deze maand, top!', expected: chatter },
  { text: 'huishoudelijke hulp is geregeld', expected: chatter },
  { text: 'gezin met drie kinderen komt morgen langs', expected: chatter },
  { text: 'ja?', expected: chatter },
  // Rule 5: a yes and a no in one message is a vote taken back: asked about, never counted.
  { text: 'ja 👎', expected: { kind: 'vote-unclear', requestNumber: null } },
  { text: 'ja #12 #13', expected: chatter },
  { text: 'https://www.hengelo.nl/minimaatwerk', expected: chatter },
  { text: '/ ik bedoel natuurlijk morgen', expected: chatter },
  { text: '', expected: chatter },
  { text: ' \u200B\u00A0 ', expected: chatter },
];

describe('parseMessage on real group-chat messages', () => {
  it.each(rows)('reads $text as $expected.kind', ({ text, expected }) => {
    expect(parseMessage(text)).toEqual(expected);
  });
});
