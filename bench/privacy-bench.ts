/**
 * Privacy-mask micro-benchmark (docs/rules.md rule 11): how long cleanText + maskPersonalData take
 * on 10,000 typical chat messages — the engine benchmark's own message texts (requests, votes,
 * chatter, commands) with one in ten carrying personal data — so a change to the mask can be
 * judged before the whole engine bench is run.
 *
 *   node bin/run-ts.js bench/privacy-bench.ts            # 10,000 messages, best of 10 rounds
 *   node bin/run-ts.js bench/privacy-bench.ts --n 50000  # more messages
 *
 * Prints the wall and CPU time of the best round, and CPU microseconds per message.
 */
import { generateWorkload, mulberry32 } from './bench-events.ts';
import { cleanText } from '../src/text/clean-text.ts';
import { maskPersonalData } from '../src/text/privacy/index.ts';

const PERSONAL = [
  'grofvuil €33 hh 12, bel mevrouw Jansen 06-12345678',
  'borg € 150 huishouden 7, BSN 123456782',
  'leefgeld 75 euro gezin 3 IBAN NL91 ABNA 0417 1643 00',
  'buskaart €20 hh 9 geb. 12-03-1985, Dorpsstraat 4 7551 AB',
  'mail jan@voorbeeld.nl over hh 4',
  'huurachterstand €120 hh 22 meneer de vries\nDorpsstraat 4 Hengelo',
  'bel 06-12345678 / 06-87654321 voor hh 5',
  'naam (at) domein (punt) nl, hh 8 €40',
  'geboren op 3 oktober 1990, hh 11 €25',
  'bsn 1 2 3 4 5 6 7 8 2 voor hh 6',
];

function messages(n: number): string[] {
  const workload = generateWorkload({
    events: n,
    teams: 10,
    membersPerTeam: 12,
    householdsPerTeam: 80,
    seed: 1,
    start: new Date('2026-03-02T07:00:00Z'),
    votesNeeded: 3,
    voteWindowMs: 24 * 3_600_000,
    minStepMs: 1_000,
    maxStepMs: 6_000,
  });
  const random = mulberry32(2);
  const texts: string[] = [];
  for (const event of workload.events) {
    if (texts.length >= n) break;
    const text = 'text' in event && typeof event.text === 'string' ? event.text : 'ja';
    texts.push(random() < 0.1 ? (PERSONAL[Math.floor(random() * PERSONAL.length)] ?? text) : text);
  }
  while (texts.length < n) texts.push('ja');
  return texts;
}

const arg = process.argv.indexOf('--n');
const n = arg > 0 ? Number(process.argv[arg + 1]) : 10_000;
const texts = messages(n);
const now = new Date('2026-03-02T07:00:00Z');
const ROUNDS = 10;
let best = Number.POSITIVE_INFINITY;
let bestCpu = Number.POSITIVE_INFINITY;
let masked = 0;
for (let round = 0; round < ROUNDS; round++) {
  masked = 0;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const text of texts) if (maskPersonalData(cleanText(text), now).kinds.length > 0) masked++;
  const used = process.cpuUsage(cpu);
  best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  bestCpu = Math.min(bestCpu, (used.user + used.system) / 1000);
}
// On a busy machine the wall time swings; the CPU time of the best round is the steadier figure.
console.log(
  `${n} messages (${masked} with personal data): best of ${ROUNDS} ${best.toFixed(1)} ms wall, ` +
    `${bestCpu.toFixed(1)} ms CPU, ${((bestCpu * 1000) / n).toFixed(1)} µs CPU/message`,
);
