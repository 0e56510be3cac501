import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';
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
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new AppError('DATA_DIR_UNUSABLE', `${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const version = readSchemaVersion(db);
    if (version > migrations.length) {
      throw new AppError(
        'DB_NEWER_VERSION',
        `${file} has schema version ${version}; this build knows up to ${migrations.length}`,
      );
    }
    configure(db);
    applyMigrations(db, version);
    return db;
  } catch (error) {
    db.close();
    throw translateSqliteError(error, file);
  }
}

function readSchemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // Registers and the audit chain must survive a power cut: FULL syncs the WAL
  // on every commit, not only at checkpoints.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function applyMigrations(db: Db, from: number): void {
  for (let index = from; index < migrations.length; index++) {
    const migration = migrations[index]!;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${index + 1}`);
    }).immediate();
  }
}

/** SQLite's own failures in words the clerk can act on. */
export function translateSqliteError(error: unknown, file: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppError('DB_CORRUPT', `${file}: ${(error as Error).message}`, { cause: error });
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError('DB_BUSY', `${file}: ${(error as Error).message}`, { cause: error });
  }
  return error;
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
