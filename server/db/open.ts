// Chooses the database: PostgreSQL when DATABASE_URL names one, else PGlite in <data>/db.
import path from 'node:path';
import type { Database } from './database.ts';
import { migrate } from './migrate.ts';

export type OpenResult =
  { ok: true; db: Database } | { ok: false; code: 'DB_UNAVAILABLE' | 'DB_NEWER_VERSION'; message: string };

export async function openDatabase(dataDir: string, databaseUrl: string | undefined): Promise<OpenResult> {
  let db: Database;
  try {
    // Only the driver in use is loaded (PGlite's WebAssembly takes a while).
    db = databaseUrl
      ? await (await import('./postgres.ts')).openPostgres(databaseUrl)
      : await (await import('./pglite.ts')).openPglite(path.join(dataDir, 'db'));
  } catch (error) {
    return { ok: false, code: 'DB_UNAVAILABLE', message: `cannot open the database: ${(error as Error).message}` };
  }
  const migrated = await migrate(db).catch(
    (error: Error) => ({ ok: false, code: 'DB_UNAVAILABLE', message: error.message }) as const,
  );
  if (!migrated.ok) {
    await db.close();
    return migrated;
  }
  return { ok: true, db };
}
