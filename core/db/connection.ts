import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError, type ErrorCode } from '../../shared/errors.ts';
import { migrations } from './migrations/index.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'vanthu.db';

/**
 * Opens (creating if needed) the store in a data dir and brings its schema up
 * to date. A database written by a newer vanthu is refused before anything in
 * it is touched.
 */
export function openDatabase(dataDir: string): Db {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new AppError('DATA_DIR_UNUSABLE', `${dataDir}: ${(error as Error).message}`, { cause: error });
  }
  const file = path.join(dataDir, DATABASE_FILE);
  // Processes creating the same new store at once can deadlock while one switches it to WAL
  // and another migrates it; SQLite resolves that by failing one of them with SQLITE_BUSY.
  // The loser simply opens again: by then the store exists and is in WAL mode.
  for (let attempt = 1; ; attempt++) {
    try {
      return openOnce(file);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'DB_BUSY' || attempt === OPEN_ATTEMPTS) throw error;
    }
  }
}

const OPEN_ATTEMPTS = 3;

function openOnce(file: string): Db {
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new AppError('DATA_DIR_UNUSABLE', `${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    // First, so that a second process opening the same store waits instead of failing.
    db.pragma('busy_timeout = 5000');
    refuseNewerSchema(db, file);
    configure(db);
    applyMigrations(db, file);
    return db;
  } catch (error) {
    db.close();
    throw translateSqliteError(error, file);
  }
}

function readSchemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseNewerSchema(db: Db, file: string): void {
  const version = readSchemaVersion(db);
  if (version > migrations.length) {
    throw new AppError(
      'DB_NEWER_VERSION',
      `${file} has schema version ${version}; this build knows up to ${migrations.length}`,
    );
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // Registers and the audit chain must survive a power cut: FULL syncs the WAL
  // on every commit, not only at checkpoints.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/**
 * One transaction per migration. The version is read again under the write
 * lock, so when two processes open a new store at once the second finds the
 * work done instead of running it twice.
 */
function applyMigrations(db: Db, file: string): void {
  for (;;) {
    const applied = db
      .transaction(() => {
        refuseNewerSchema(db, file);
        const version = readSchemaVersion(db);
        const migration = migrations[version];
        if (!migration) return false;
        db.exec(migration.sql);
        db.pragma(`user_version = ${version + 1}`);
        return true;
      })
      .immediate();
    if (!applied) return;
  }
}

// SQLite result codes, extended ones included (SQLITE_CORRUPT_VTAB, SQLITE_IOERR_WRITE…), by their primary code.
const sqliteErrors: [RegExp, ErrorCode][] = [
  [/^SQLITE_(CORRUPT|NOTADB)/, 'DB_CORRUPT'],
  [/^SQLITE_(BUSY|LOCKED)/, 'DB_BUSY'],
  [/^SQLITE_FULL/, 'DISK_FULL'],
  [/^SQLITE_(READONLY|CANTOPEN|PERM)/, 'DB_READONLY'],
  [/^SQLITE_IOERR/, 'DB_IO_ERROR'],
];

/** SQLite's own failures in words the clerk can act on. */
export function translateSqliteError(error: unknown, where: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  const match = sqliteErrors.find(([pattern]) => pattern.test(code));
  return match ? new AppError(match[1], `${where}: ${code} ${(error as Error).message}`, { cause: error }) : error;
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per connection. */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

/**
 * Runs a whole user action as one write transaction. IMMEDIATE takes the write
 * lock up front, so two vanthu processes never compute the same next number.
 */
export function writeTransaction<T>(db: Db, action: () => T): T {
  return db.transaction(action).immediate();
}
