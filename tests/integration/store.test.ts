import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { openCore } from '../../core/context.ts';
import { translateSqliteError } from '../../core/db/connection.ts';
import { migrations } from '../../core/db/migrations/index.ts';
import { tempDir } from '../helpers/office.ts';
import { matching } from '../helpers/matchers.ts';

const CONTEXT = path.resolve(import.meta.dirname, '../../core/context.ts');
const fileHash = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('local store', () => {
  it('creates vanthu.db in the data dir with WAL, foreign keys and every migration applied', () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const core = openCore(dataDir);
    try {
      expect(fs.existsSync(path.join(dataDir, 'vanthu.db'))).toBe(true);
      expect(core.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(core.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(core.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(core.db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect(core.blobs.root).toBe(path.join(dataDir, 'blobs'));
    } finally {
      core.close();
    }
  });

  it('opens an existing store again without re-running migrations', () => {
    const dataDir = tempDir();
    openCore(dataDir).close();
    const core = openCore(dataDir);
    try {
      expect(core.db.pragma('user_version', { simple: true })).toBe(migrations.length);
      expect((core.db.prepare('SELECT COUNT(*) AS n FROM registers').get() as { n: number }).n).toBe(4);
    } finally {
      core.close();
    }
  });

  it('refuses a database from a newer vanthu, with a clear message, and leaves it untouched', () => {
    const dataDir = tempDir();
    openCore(dataDir).close();
    const file = path.join(dataDir, 'vanthu.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    const before = fileHash(file);
    expect(() => openCore(dataDir)).toThrow(
      matching.objectContaining({
        code: 'DB_NEWER_VERSION',
        message: matching.stringContaining('phiên bản vanthu mới hơn'),
      }),
    );
    expect(fileHash(file)).toBe(before);
  });

  it('reports a file that is not a database instead of overwriting it', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'vanthu.db');
    fs.writeFileSync(file, 'this is not sqlite, but it is the only copy of something'.repeat(100));
    const before = fileHash(file);
    expect(() => openCore(dataDir)).toThrow(matching.objectContaining({ code: 'DB_CORRUPT' }));
    expect(fileHash(file)).toBe(before);
  });

  it('lets several processes open a new store at the same moment', async () => {
    for (let round = 0; round < 3; round++) await openTogether(tempDir());
  });

  /** Four processes, modules loaded, released at the same instant to open one new store. */
  async function openTogether(dataDir: string) {
    const children = Array.from({ length: 4 }, () =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `const m = await import(${JSON.stringify(CONTEXT)}); process.stdout.write('ready\\n');
           process.stdin.once('data', () => { m.openCore(process.argv[1]).close(); process.exit(0); });`,
          dataDir,
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      ),
    );
    await Promise.all(children.map((child) => new Promise((resolve) => child.stdout.once('data', resolve))));
    const exits = children.map((child) => new Promise<number | null>((resolve) => child.on('exit', resolve)));
    for (const child of children) child.stdin.write('go\n');
    expect(await Promise.all(exits)).toEqual([0, 0, 0, 0]);
    const core = openCore(dataDir);
    try {
      expect(core.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    } finally {
      core.close();
    }
  }

  it('turns SQLite failures, extended codes included, into messages the clerk can act on', () => {
    const sqliteError = (code: string) => Object.assign(new Error('sqlite says no'), { code });
    expect(translateSqliteError(sqliteError('SQLITE_CORRUPT_VTAB'), 'x')).toMatchObject({ code: 'DB_CORRUPT' });
    expect(translateSqliteError(sqliteError('SQLITE_BUSY_SNAPSHOT'), 'x')).toMatchObject({ code: 'DB_BUSY' });
    expect(translateSqliteError(sqliteError('SQLITE_FULL'), 'x')).toMatchObject({
      code: 'DISK_FULL',
      message: matching.stringContaining('Ổ đĩa đã đầy'),
    });
    expect(translateSqliteError(sqliteError('SQLITE_READONLY_DBMOVED'), 'x')).toMatchObject({ code: 'DB_READONLY' });
    expect(translateSqliteError(sqliteError('SQLITE_IOERR_WRITE'), 'x')).toMatchObject({ code: 'DB_IO_ERROR' });
    const other = new Error('not sqlite');
    expect(translateSqliteError(other, 'x')).toBe(other);
  });

  it('enforces foreign keys', () => {
    const core = openCore(tempDir());
    try {
      expect(() =>
        core.db
          .prepare(
            "INSERT INTO attachments (id, document_id, role, position, filename, mime, sha256, size, created_at) VALUES ('a', 'missing', 'main', 0, 'x.pdf', 'application/pdf', 'x', 1, 'now')",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      core.close();
    }
  });

  it('has the native modules it needs, built for this Node', () => {
    // A missing or mis-built native module must fail here, loudly, not later in the clerk's hands.
    const db = new Database(':memory:');
    expect(db.prepare("SELECT sqlite_compileoption_used('ENABLE_FTS5') AS fts5").get()).toEqual({ fts5: 1 });
    db.close();
  });
});
