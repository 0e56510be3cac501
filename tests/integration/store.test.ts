import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../core/context.ts';
import { migrations } from '../../core/db/migrations/index.ts';
import { tempDir } from '../helpers/office.ts';

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
    expect(() => openCore(dataDir)).toThrow(expect.objectContaining({ code: 'DB_NEWER_VERSION', message: expect.stringContaining('phiên bản vanthu mới hơn') }));
    expect(fileHash(file)).toBe(before);
  });

  it('reports a file that is not a database instead of overwriting it', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'vanthu.db');
    fs.writeFileSync(file, 'this is not sqlite, but it is the only copy of something'.repeat(100));
    const before = fileHash(file);
    expect(() => openCore(dataDir)).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }));
    expect(fileHash(file)).toBe(before);
  });

  it('enforces foreign keys', () => {
    const core = openCore(tempDir());
    try {
      expect(() =>
        core.db
          .prepare("INSERT INTO attachments (id, document_id, role, position, filename, mime, sha256, size, created_at) VALUES ('a', 'missing', 'main', 0, 'x.pdf', 'application/pdf', 'x', 1, 'now')")
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
