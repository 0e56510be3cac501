// Numbered SQL files in ./migrations, applied in order at start, each in a
// transaction with the version it brings the schema to.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
/** Any constant: hubs starting together on one PostgreSQL take turns. */
const MIGRATION_LOCK = 7_310_001;

interface Migration {
  version: number;
  file: string;
}

function migrations(): Migration[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{4}-.+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 4)), file }));
}

export type MigrateResult = { ok: true; version: number } | { ok: false; code: 'DB_NEWER_VERSION'; message: string };

export async function migrate(db: Database): Promise<MigrateResult> {
  const known = migrations();
  const latest = known.at(-1)?.version ?? 0;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const [row] = await tx.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
    const current = row?.version ?? 0;
    if (current > latest) {
      return {
        ok: false,
        code: 'DB_NEWER_VERSION',
        message: `database schema ${current} is newer than this hub (${latest})`,
      } as const;
    }
    for (const migration of known.filter((m) => m.version > current)) {
      await tx.exec(fs.readFileSync(path.join(MIGRATIONS_DIR, migration.file), 'utf8'));
      await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [migration.version]);
    }
    return { ok: true, version: latest } as const;
  });
}
