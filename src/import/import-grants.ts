import { createHash } from 'node:crypto';
import { householdUsage, roomFor } from '../store/budget.ts';
import {
  findImportedRow,
  lastLedgerId,
  recordImportedRow,
  similarGrantWithin,
  type SimilarGrant,
} from '../store/imports.ts';
import { balanceOf, book } from '../store/ledger.ts';
import { isPeriodOpened } from '../store/periods.ts';
import { decideRequest, insertRequest } from '../store/requests.ts';
import { IMPORT_ACTOR } from '../store/imports.ts';
import type { Statements } from '../store/statements.ts';
import type { Team } from '../store/teams.ts';
import { categorize, mergeCategories } from '../text/categories.ts';
import type { SheetRow } from './grant-sheet.ts';
import { formatCents, MAX_AMOUNT_CENTS } from '../text/money.ts';
import { formatDay, localDateOf, startOfLocalDate } from '../text/time.ts';
import { ensurePeriodOpen, isClosedPeriod } from '../rules/period-opening.ts';
import { periodContaining, type Period } from '../rules/periods.ts';
import { periodName } from '../rules/replies.ts';

/** The rows of one file. */
export interface ImportSource {
  /** The file's own name (no folder): it is stored with every row. */
  fileName: string;
  rows: ImportRow[];
  /** The chat the booked requests are filed under; default `import:<fileName>`. */
  chatId?: string;
}

/** A row to book; `at` is the moment it was decided, when the source knows it (default 12:00 on its date). */
export type ImportRow = SheetRow & { at?: Date };

/** What became of one row. */
export interface RowOutcome {
  fileName: string;
  /** The chat its request is filed under, when not `import:<fileName>`. */
  chatId?: string;
  row: ImportRow;
  /** The category of a grant (from its description and the team's keywords), null for a deposit. */
  category: string | null;
  /**
   * `fits`: booked (with --apply) or would be; `bad`: not booked, see reasons; `duplicate`: booked
   * before; `similar`: looks like a grant already booked from another source (see `similar`), not
   * booked unless the import is told to (`alsoSimilar`).
   */
  status: 'fits' | 'bad' | 'duplicate' | 'similar';
  reasons: string[];
  /** Not blocking, but worth a look (in Dutch). */
  warnings: string[];
  /** The earlier import of the same row (duplicate). */
  earlier: { fileName: string; line: number; importedAt: Date } | null;
  /** The grant already booked that this one looks like (status `similar`, or booked anyway). */
  similar?: SimilarGrant;
  /** The budget period the row falls in, as people name it. */
  period: string | null;
  /** The request number a grant got. */
  number: number | null;
}

export type { SimilarGrant };

/** How far apart (in days) two grants of the same household and amount look like one. */
export const SIMILAR_WITHIN_DAYS = 14;

/** What the import may do beyond the rules. */
export interface ImportOptions {
  /** Also book a grant that looks like one already booked from another source. */
  alsoSimilar?: boolean;
}

/**
 * The grant already booked for this household with this amount, approved at most
 * SIMILAR_WITHIN_DAYS days from `at`, that came from another source than `chatId` (another file,
 * the chat history, the bot itself); the nearest in time, or null. Rows of one source are told
 * apart by their content (the import's own duplicate check), not by this.
 *
 * @example
 * similarGrant(sql, 'noord', { household: '12', cents: 3300, at, chatId: 'import:toekenningen.csv' })
 * // → { number: 4, at, description: 'Grofvuil', fileName: 'chat.txt', line: 4 }
 */
export function similarGrant(
  sql: Statements,
  teamId: string,
  grant: { household: string; cents: number; at: Date; chatId: string },
): SimilarGrant | null {
  return similarGrantWithin(sql, teamId, grant, SIMILAR_WITHIN_DAYS * 86_400_000);
}

/**
 * The doubt about a row that looks like a grant already booked, in Dutch.
 *
 * @example
 * similarDoubt(similar) // 'lijkt dezelfde toekenning als #4 (chat.txt regel 4, 03-02-2026, "Grofvuil"): …'
 */
export function similarDoubt(similar: SimilarGrant, booked: boolean): string {
  const source =
    similar.fileName !== null ? `${similar.fileName} regel ${similar.line}` : 'uit de groep';
  const what = similar.description ? `, "${similar.description}"` : '';
  return (
    `lijkt dezelfde toekenning als #${similar.number} (${source}, ${formatDay(similar.at)}${what}): zelfde huishouden en bedrag, ` +
    (booked
      ? 'toch geboekt (--ook-vergelijkbare)'
      : 'niet geboekt; is het echt een tweede toekenning, geef dan --ook-vergelijkbare')
  );
}

/** A household's use of its cap in a period after the import. */
export interface HouseholdTotal {
  household: string;
  period: string;
  importedCents: number;
  usedCents: number;
  capCents: number;
}

/** What an import did (or, on a copy, would do). */
export interface ImportResult {
  outcomes: RowOutcome[];
  households: HouseholdTotal[];
  /** Budget periods the import opened (the bot booked their budget, as it does at their start). */
  openedPeriods: { name: string; depositCents: number }[];
  balanceBeforeCents: number;
  balanceAfterCents: number;
}

/** How a row is recognised: team, kind, date, amount, household, description, and the how-manieth such row of its file. */
function rowHash(teamId: string, row: ImportRow, occurrence: number): string {
  const content = [
    teamId,
    row.kind,
    row.date,
    row.cents,
    row.household,
    row.description.replace(/\s+/g, ' ').trim().toLowerCase(),
    occurrence,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The moment a row is booked at: 12:00 on its local date (the sheet has no time). */
const rowMoment = (date: string) => new Date(startOfLocalDate(date).getTime() + 12 * 3_600_000);

/**
 * Books the rows of a team's own spreadsheets as if each had happened on its own date, under the
 * same money rules as a live request (docs/rules.md rules 1, 3, 4 and 13): in date order (deposits of
 * a day before its grants), each grant checked against the household cap and the pot as they
 * stand after the rows before it; a budget period the bot has not opened yet is opened as at its
 * start (with the period's budget). A grant becomes an approved request, numbered after the
 * existing ones, with its grant in the ledger; a deposit a deposit; each recorded in `imports`
 * with its file and line. Rows that do not fit are left out, with the reason; rows booked by an
 * earlier import (same content) are recognised and not booked again.
 *
 * Run it in one write transaction: the caller rolls it back when it must not land (a dry run
 * runs it on a copy of the database).
 *
 * @example
 * inWriteTransaction(db, () => bookImport(sql, team, [{ fileName: 'toekenningen.csv', rows }], now))
 */
export function bookImport(
  sql: Statements,
  team: Team,
  sources: ImportSource[],
  now: Date,
  options: ImportOptions = {},
): ImportResult {
  const table = mergeCategories(team.settings.categories);
  const today = localDateOf(now);
  const balanceBeforeCents = balanceOf(sql, team.id);
  const outcomes: RowOutcome[] = [];
  const hashes = new Map<RowOutcome, string>();
  for (const source of sources) {
    const seen = new Map<string, number>();
    for (const row of source.rows) {
      const outcome: RowOutcome = {
        fileName: source.fileName,
        ...(source.chatId ? { chatId: source.chatId } : {}),
        row,
        category: row.kind === 'grant' ? categorize(row.description, table) : null,
        status: row.problems.length > 0 ? 'bad' : 'fits',
        reasons: [...row.problems],
        warnings: [],
        earlier: null,
        period: null,
        number: null,
      };
      outcomes.push(outcome);
      const content = rowHash(team.id, row, 0);
      const occurrence = seen.get(content) ?? 0;
      seen.set(content, occurrence + 1);
      hashes.set(outcome, rowHash(team.id, row, occurrence));
    }
  }

  const order = outcomes
    .map((outcome, index) => ({ outcome, index }))
    .filter(({ outcome }) => outcome.status === 'fits')
    .sort(
      (a, b) =>
        a.outcome.row.date!.localeCompare(b.outcome.row.date!) ||
        (a.outcome.row.kind === b.outcome.row.kind
          ? 0
          : a.outcome.row.kind === 'deposit'
            ? -1
            : 1) ||
        a.index - b.index,
    );

  const openedPeriods: ImportResult['openedPeriods'] = [];
  const touched = new Map<string, { household: string; period: Period; importedCents: number }>();
  for (const { outcome } of order) {
    const { row } = outcome;
    const date = row.date!;
    const cents = row.cents!;
    const hash = hashes.get(outcome)!;
    const bad = (reason: string) => {
      outcome.status = 'bad';
      outcome.reasons.push(reason);
    };
    const earlier = findImportedRow(sql, team.id, hash);
    if (earlier) {
      outcome.status = 'duplicate';
      outcome.earlier = {
        fileName: earlier.fileName,
        line: earlier.line,
        importedAt: earlier.importedAt,
      };
      continue;
    }
    if (date > today) {
      bad(`de datum ${formatDay(startOfLocalDate(date))} ligt in de toekomst`);
      continue;
    }
    const at = row.at ?? rowMoment(date);
    const inPeriod = periodContaining(team.settings, at);
    if (!inPeriod) {
      bad(
        `vóór de start van het team (${formatDay(startOfLocalDate(team.settings.startDate))}); pas zo nodig startDate in het teamsbestand aan`,
      );
      continue;
    }
    const wasOpen = isPeriodOpened(sql, team.id, inPeriod.start);
    const before = balanceOf(sql, team.id);
    const { period } = ensurePeriodOpen(sql, team, at);
    if (!period) continue; // not reached: periodContaining said there is one
    if (!wasOpen && isPeriodOpened(sql, team.id, period.start)) {
      openedPeriods.push({
        name: periodName(period),
        depositCents: balanceOf(sql, team.id) - before,
      });
    }
    outcome.period = periodName(period);
    if (isClosedPeriod(sql, team.id, period.start)) {
      bad(`valt in budgetperiode ${periodName(period)}, en die is al afgesloten`);
      continue;
    }
    if (row.kind === 'deposit') {
      if (cents === team.settings.potCents) {
        outcome.warnings.push(
          `even groot als het budget van de periode (${formatCents(cents)}), dat de bot zelf boekt bij het openen van de periode; is het dat budget, haal de regel dan weg`,
        );
      }
      book(sql, {
        teamId: team.id,
        kind: 'deposit',
        amountCents: cents,
        requestId: null,
        periodStart: period.start,
        at,
        by: IMPORT_ACTOR,
        note: row.description || `Storting uit ${outcome.fileName}`,
      });
      recordImportedRow(sql, {
        teamId: team.id,
        rowHash: hash,
        kind: 'deposit',
        fileName: outcome.fileName,
        line: row.line,
        requestId: null,
        ledgerId: lastLedgerId(sql),
        importedAt: now,
      });
      continue;
    }
    const chatId = outcome.chatId ?? `import:${outcome.fileName}`;
    const similar = similarGrant(sql, team.id, {
      household: row.household,
      cents,
      at,
      chatId,
    });
    if (similar) {
      outcome.similar = similar;
      if (!options.alsoSimilar) {
        outcome.status = 'similar';
        continue;
      }
    }
    if (cents > MAX_AMOUNT_CENTS) {
      bad('het bedrag is te groot');
      continue;
    }
    const room = roomFor(sql, team, row.household, period.start, cents);
    if (!room.fits) {
      bad(
        room.limit === 'household'
          ? `boven het maximum per huishouden: huishouden ${row.household} heeft in ${periodName(period)} nog ${formatCents(room.leftCents)} van ${formatCents(room.capCents)}`
          : `past niet in de pot: er is dan nog ${formatCents(room.leftCents)} beschikbaar`,
      );
      continue;
    }
    const request = insertRequest(sql, {
      teamId: team.id,
      chatId,
      messageId: `${outcome.fileName}#${row.line}:${hash.slice(0, 12)}`,
      requesterId: IMPORT_ACTOR,
      household: row.household,
      amountCents: cents,
      description: row.description,
      preventedCents: row.preventedCents,
      preventedText: row.preventedText,
      periodStart: period.start,
      createdAt: at,
      deadlineAt: new Date(at.getTime() + team.settings.voteWindowMs),
      remindAt: null,
    });
    decideRequest(sql, request.id, 'approved', at, IMPORT_ACTOR);
    book(sql, {
      teamId: team.id,
      kind: 'grant',
      amountCents: -cents,
      requestId: request.id,
      periodStart: period.start,
      at,
      by: IMPORT_ACTOR,
      note: `Geïmporteerd uit ${outcome.fileName}, regel ${row.line}`,
    });
    recordImportedRow(sql, {
      teamId: team.id,
      rowHash: hash,
      kind: 'grant',
      fileName: outcome.fileName,
      line: row.line,
      requestId: request.id,
      ledgerId: lastLedgerId(sql),
      importedAt: now,
    });
    outcome.number = request.number;
    const key = `${period.start.getTime()}|${row.household}`;
    const total = touched.get(key) ?? { household: row.household, period, importedCents: 0 };
    total.importedCents += cents;
    touched.set(key, total);
  }

  const households = [...touched.values()]
    .map(({ household, period, importedCents }) => ({
      household,
      period: periodName(period),
      importedCents,
      usedCents: householdUsage(sql, team.id, household, period.start).usedCents,
      capCents: team.settings.householdCapCents,
      start: period.start.getTime(),
    }))
    .sort(
      (a, b) =>
        a.start - b.start || a.household.localeCompare(b.household, 'nl', { numeric: true }),
    )
    .map(({ start: _start, ...total }) => total);
  return {
    outcomes,
    households,
    openedPeriods,
    balanceBeforeCents,
    balanceAfterCents: balanceOf(sql, team.id),
  };
}
