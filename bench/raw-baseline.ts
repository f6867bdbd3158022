/**
 * The raw baseline of `npm run bench`: the plainest durable write, one single-row INSERT in its
 * own BEGIN IMMEDIATE transaction on a fresh file database with the engine's pragmas (WAL,
 * synchronous=FULL). Sampled in slices between and inside the subjects it is compared with, so
 * both see the same machine: a shared 2-core box and its disk can change speed by a factor of
 * ten within a minute.
 */
import type Database from 'better-sqlite3';
import { openRawDatabase } from './raw-database.ts';

/** Transactions and nanoseconds of raw writing, to be turned into a rate. */
export interface RawTally {
  tx: number;
  ns: bigint;
}

export const rate = (tally: RawTally) => tally.tx / (Number(tally.ns) / 1e9);

/**
 * @example
 * const raw = new RawBaseline('/tmp/raw.sqlite');
 * const tally = raw.sample(1000); // about a second of single-row transactions
 * rate(tally) // e.g. 5000 a second
 */
export class RawBaseline {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private next = 0;
  /** Everything sampled so far. */
  readonly total: RawTally = { tx: 0, ns: 0n };
  /** The rate of each slice, in order. */
  readonly slices: number[] = [];

  constructor(path: string) {
    this.db = openRawDatabase(path);
    this.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
    for (let i = 0; i < 100; i++) this.write(); // warm up
  }

  private write(): void {
    const id = this.next++;
    this.db.transaction(() => this.insert.run(id, 'x')).immediate();
  }

  /** Writes single-row transactions for about `ms` milliseconds. */
  sample(ms: number): RawTally {
    const limit = BigInt(ms) * 1_000_000n;
    const start = process.hrtime.bigint();
    let tx = 0;
    let elapsed = 0n;
    while (elapsed < limit) {
      this.write();
      tx += 1;
      elapsed = process.hrtime.bigint() - start;
    }
    this.total.tx += tx;
    this.total.ns += elapsed;
    this.slices.push(tx / (Number(elapsed) / 1e9));
    return { tx, ns: elapsed };
  }

  perSecond(): number {
    return rate(this.total);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Adds tallies together.
 *
 * @example
 * addTallies([{ tx: 10, ns: 1n }, { tx: 5, ns: 2n }]) // { tx: 15, ns: 3n }
 */
export function addTallies(tallies: readonly RawTally[]): RawTally {
  return tallies.reduce((sum, t) => ({ tx: sum.tx + t.tx, ns: sum.ns + t.ns }), {
    tx: 0,
    ns: 0n,
  });
}
