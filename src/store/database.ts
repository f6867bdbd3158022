import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  type Stats,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  asDatabaseError,
  DatabaseError,
  databaseProblem,
  isDatabaseProblem,
  problemOf,
  subject,
  type DatabaseLabel,
} from './database-errors.ts';
import { migrate, schemaStatus } from './migrate.ts';

export type Db = Database.Database;

/**
 * How a command opens the database:
 * - `create` (the bot, replay): opens or creates it (mode 0600), and migrates it;
 * - `existing`: the file must exist already; migrates it;
 * - `read` (state, export, backup): the file must exist; read-only, never migrated, never changed.
 */
export type Access = 'create' | 'existing' | 'read';

export interface OpenOptions extends DatabaseLabel {
  /** `create` when not given. */
  access?: Access;
  /** Called (create access) when the database was made new now, with its absolute path. */
  onCreated?: (absolutePath: string) => void;
  /** Called (read access) with one line when the file's schema differs from this program's. */
  onNotice?: (line: string) => void;
}

/**
 * The database file's state before opening: null when it is not there. Refuses (DatabaseError) a
 * folder, a path under a file, or anything that is not a regular file.
 *
 * @example
 * inspectDatabasePath('data/mmb.sqlite', { label: 'MMB_DB' })?.mode
 */
export function inspectDatabasePath(path: string, where: DatabaseLabel = {}): Stats | null {
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw asDatabaseError(error, path, where);
  }
  if (stat.isDirectory()) throw problemOf('EISDIR', path, where);
  if (!stat.isFile()) {
    throw new DatabaseError(
      `${subject(path, where)} is geen gewoon bestand.`,
      'Geef het pad van een databasebestand, bv. data/mmb.sqlite.',
      2,
      'ENOTFILE',
    );
  }
  return stat;
}

/**
 * Makes the folder a database file goes in. A part of the path that is a file is refused as such.
 *
 * @example
 * makeDatabaseFolder('data/mmb.sqlite') // data/ exists now
 */
export function makeDatabaseFolder(path: string, where: DatabaseLabel = {}): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const code = String((error as NodeJS.ErrnoException).code);
    throw problemOf(code === 'EEXIST' ? 'ENOTDIR' : code, path, where) ?? error;
  }
}

/** Creates a new, empty database file with mode 0600 (and its folder); false if one appeared meanwhile. */
function createFile(path: string, where: DatabaseLabel): boolean {
  makeDatabaseFolder(path, where);
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  chmodSync(path, 0o600); // a umask may narrow the mode, never widen it: this only makes sure
  return true;
}

/** Refuses, before SQLite tries, a file or folder the bot could not write. */
function checkWritable(path: string, where: DatabaseLabel): void {
  accessSync(path, constants.R_OK | constants.W_OK);
  try {
    accessSync(dirname(path), constants.W_OK);
  } catch {
    throw new DatabaseError(
      `De map ${dirname(path)} van ${subject(path, where)} is niet schrijfbaar: SQLite zet zijn -wal- en -shm-bestanden naast de database.`,
      'Laat de gebruiker die de bot draait in die map schrijven, of verplaats de database.',
      2,
      'EACCES',
    );
  }
}

/** Refuses a database that holds no bot data, or another program's, or (to write) a newer one. */
function checkSchema(db: Db, path: string, options: OpenOptions): 'empty' | 'bot' {
  const status = schemaStatus(db);
  const file = subject(path, options);
  const access = options.access ?? 'create';
  if (!status) {
    const tables = db
      .prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .get();
    if (tables === 0 && access === 'create') return 'empty';
    if (tables === 0) {
      throw new DatabaseError(
        `${file} is een lege database: er staan geen gegevens van de bot in.`,
        'Wijs naar de database van de bot (het bestand dat `mmb start` gebruikt).',
        2,
        'EMPTY',
      );
    }
    throw new DatabaseError(
      `${file} is een SQLite-database, maar niet die van de bot (er is geen tabel schema_migrations).`,
      'Wijs naar de database van de bot; de bot verandert geen andere databases.',
      2,
      'FOREIGN',
    );
  }
  if (status.unknown.length && access !== 'read') {
    throw new DatabaseError(
      `${file} heeft databaseschema ${status.version}, nieuwer dan dit programma kent (${status.programVersion}).`,
      'Werk het programma bij (git pull, npm ci) voor u het op deze database start.',
      2,
      'NEWER',
    );
  }
  if (access === 'read' && status.unknown.length) {
    options.onNotice?.(
      `mmb: ${file} heeft databaseschema ${status.version}, nieuwer dan ${status.programVersion} van dit programma: gelezen zoals het is; werk het programma bij om alles te zien.`,
    );
  } else if (access === 'read' && status.missing.length) {
    options.onNotice?.(
      `mmb: ${file} heeft databaseschema ${status.version}, ouder dan ${status.programVersion} van dit programma: gelezen zoals het is, niet gemigreerd (de bot migreert het als hij start).`,
    );
  }
  return 'bot';
}

/**
 * Opens the bot's SQLite database. Refuses, with one line that names the file and says what to
 * do (a DatabaseError), a file that is missing (unless `create`), a folder, not writable (unless
 * `read`), not a database, damaged, or another program's. A new file gets mode 0600; an existing
 * file keeps its mode. WAL with `synchronous=FULL`: a committed grant survives a power cut.
 *
 * @example
 * const db = openDatabase('data/mmb.sqlite')                      // the bot: create and migrate
 * const ro = openDatabase(file, { access: 'read', label: '--db' }) // mmb state: read-only as it is
 * const mem = openDatabase(':memory:')
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const access = options.access ?? 'create';
  if (path === ':memory:') {
    const db = new Database(path);
    configure(db);
    migrate(db);
    return db;
  }
  let created = false;
  try {
    const stat = inspectDatabasePath(path, options);
    if (!stat && access !== 'create') throw problemOf('ENOENT', path, options);
    if (!stat) created = createFile(path, options);
    if (access !== 'read') checkWritable(path, options);
  } catch (error) {
    throw asDatabaseError(error, path, options);
  }
  let db: Db | null = null;
  try {
    db =
      access === 'read'
        ? openForReading(path, options)
        : new Database(path, { fileMustExist: true });
    configure(db);
    // Whose it is is decided before anything changes: another program's file keeps its journal.
    const kind = checkSchema(db, path, options);
    if (access !== 'read') db.pragma('journal_mode = WAL');
    // What the migrations wrote is folded into the file at once: the write-ahead log starts
    // small instead of holding a whole schema (or a rebuilt table) until the next checkpoint.
    if (access !== 'read' && migrate(db) > 0) db.pragma('wal_checkpoint(TRUNCATE)');
    if (kind === 'empty') options.onCreated?.(resolve(path));
    connections.set(db, { where: { ...(options.label ? { label: options.label } : {}) } });
    return db;
  } catch (error) {
    db?.close();
    if (created) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    }
    throw asDatabaseError(error, path, options);
  }
}

/**
 * Opens a database only to read it. On a read-only mount SQLite cannot make the -shm file a WAL
 * database needs beside it: then, when no write-ahead log waits there (a bot that stopped cleanly
 * leaves none), the file itself is read into memory, read-only, and nothing is written anywhere.
 * A waiting write-ahead log on such a mount is refused with what to do: without it the latest
 * changes would be missing.
 */
function openForReading(path: string, where: DatabaseLabel): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get(); // SQLite opens the -shm file here
    return db;
  } catch (error) {
    db.close();
    if (!(error instanceof Database.SqliteError && error.code.startsWith('SQLITE_CANTOPEN')))
      throw error;
  }
  let walBytes = 0;
  try {
    walBytes = statSync(`${path}-wal`).size;
  } catch {
    // no write-ahead log: the file holds everything
  }
  if (walBytes > 0)
    throw new DatabaseError(
      `${subject(path, where)} kan ik niet lezen: de map is alleen-lezen en er wacht nog een -wal-bestand.`,
      'Kopieer de map naar een plek waar je mag schrijven en lees die kopie, of start de bot er eenmaal op.',
      2,
      'READONLY_WAL',
    );
  const image = readFileSync(path);
  // A WAL database says so in its header (bytes 18 and 19 are 2); in memory there is no WAL.
  if (image.length > 19 && image[18] === 2 && image[19] === 2) image[18] = image[19] = 1;
  return new Database(image, { readonly: true });
}

/**
 * An in-memory copy of an open database (read-only or not), migrated to this program's schema:
 * to try out changes (a dry run) without touching the file. The copy is the file as the
 * connection reads it now.
 *
 * @example
 * const copy = openMemoryCopy(readOnlyDb) // write to it, then copy.close()
 */
export function openMemoryCopy(db: Db): Db {
  const image = db.serialize();
  // A WAL database says so in its header (bytes 18 and 19 are 2); in memory there is no WAL.
  if (image.length > 19 && image[18] === 2 && image[19] === 2) image[18] = image[19] = 1;
  const copy = new Database(image);
  copy.pragma('foreign_keys = ON');
  migrate(copy);
  return copy;
}

/**
 * The connection's settings: full sync, foreign keys, a busy wait, temporary data in memory. (WAL
 * is set by a writer, once the file is known to be the bot's.)
 */
function configure(db: Db): void {
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON'); // deleted or overwritten text is zeroed, not left in free space
  // The page images a savepoint keeps (each event of a batch is one) and temporary sorts stay in
  // memory: no writes to a temporary file per event, and no copy of chat text on disk outside
  // the database.
  db.pragma('temp_store = MEMORY');
}

/**
 * For a `catch` around reading an opened database: a database problem as one line; a table or
 * column this program needs but an older schema lacks as "too old to read". Else the error itself.
 *
 * @example
 * try { takeSnapshot(sql) } catch (error) { throw readProblem(error, db, file) }
 */
export function readProblem(
  error: unknown,
  db: Db,
  path: string,
  where: DatabaseLabel = {},
): unknown {
  if (
    error instanceof Database.SqliteError &&
    /^no such (table|column)/.test(error.message) &&
    db.open
  ) {
    const status = schemaStatus(db);
    if (status?.missing.length) {
      return new DatabaseError(
        `${subject(path, where)} heeft databaseschema ${status.version}, te oud om te lezen voor dit programma (dat leest ${status.programVersion}).`,
        'Start de bot er eenmaal op (`mmb start` migreert het), of gebruik de programmaversie die het schreef.',
        2,
        'OLDER',
      );
    }
  }
  return asDatabaseError(error, path, where);
}

const connections = new WeakMap<
  Db,
  { where: DatabaseLabel; listener?: (problem: DatabaseError) => void }
>();

/**
 * Calls `listener` when a write on `db` fails because of the file or its disk (a full disk, an I/O
 * error, a damaged or read-only file): the bot cannot go on then. The failed write itself was
 * rolled back whole. One listener per connection.
 *
 * @example
 * onDatabaseProblem(db, (problem) => stopWith(problem))
 */
export function onDatabaseProblem(db: Db, listener: (problem: DatabaseError) => void): void {
  connections.set(db, { where: connections.get(db)?.where ?? {}, listener });
}

/**
 * What a failed write throws: a problem of the file or its disk becomes one line that names the
 * file (a DatabaseError, exit code 1) and is told to the connection's listener (see
 * onDatabaseProblem); any other error (a bug, a constraint) stays as it is. Never throws itself.
 *
 * @example
 * try { db.exec('COMMIT') } catch (error) { throw writeFailure(db, error) }
 */
export function writeFailure(db: Db, error: unknown): unknown {
  if (!isDatabaseProblem(error)) return error;
  const entry = connections.get(db);
  const problem = databaseProblem(error, db.name, { ...entry?.where, running: true }) ?? error;
  if (problem instanceof DatabaseError) entry?.listener?.(problem);
  return problem;
}

/**
 * Runs `fn` in one write transaction taken with `BEGIN IMMEDIATE`, so two writers never deadlock
 * on a lock upgrade. Everything `fn` writes lands together or not at all. Inside an open
 * transaction (a batch, see `Engine.beginBatch`) better-sqlite3 makes it a SAVEPOINT instead:
 * `fn` still lands whole or not at all, and a throw undoes only `fn`, not the batch.
 *
 * @example
 * inWriteTransaction(db, () => db.prepare('INSERT …').run())
 */
export function inWriteTransaction<T>(db: Db, fn: () => T): T {
  try {
    return runnerOf(db).immediate(fn) as T;
  } catch (error) {
    throw writeFailure(db, error);
  }
}

/** One transaction wrapper per connection that runs the function it is given (built once, not per event). */
type Runner = Database.Transaction<(fn: () => unknown) => unknown>;
const runners = new WeakMap<Db, Runner>();

function runnerOf(db: Db): Runner {
  let runner = runners.get(db);
  if (!runner) {
    runner = db.transaction((fn: () => unknown) => fn());
    runners.set(db, runner);
  }
  return runner;
}

/**
 * Runs `fn` in a write transaction whose commit does not wait for the disk (`synchronous=NORMAL`
 * for this one commit). Only for bookkeeping whose loss in a power cut is harmless: marking an
 * outbox message delivered (lost, it is sent once more; never lost). Decisions always use
 * `inWriteTransaction`. Inside an open transaction (a batch, see `Engine.beginBatch`) it is a
 * savepoint of it and commits with it: the safety level cannot change inside a transaction.
 *
 * @example
 * inRelaxedWriteTransaction(db, () => markSent(sql, id, now, platformId))
 */
export function inRelaxedWriteTransaction<T>(db: Db, fn: () => T): T {
  try {
    if (db.inTransaction) return runnerOf(db)(fn) as T;
    // An in-memory database has no disk to wait for: its safety level changes nothing.
    if (db.memory) return runnerOf(db).immediate(fn) as T;
  } catch (error) {
    throw writeFailure(db, error);
  }
  db.pragma('synchronous = NORMAL');
  try {
    return runnerOf(db).immediate(fn) as T;
  } catch (error) {
    throw writeFailure(db, error);
  } finally {
    db.pragma('synchronous = FULL');
  }
}
