import { statement, type Db } from './connection.ts';

/** SQLite's own page-level check: an empty list when the file is sound. */
export function integrityProblems(db: Db): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).filter((message) => message !== 'ok');
}

/** FTS5's check that the index matches its content; false when it does not. */
export function searchIndexIsSound(db: Db): boolean {
  try {
    statement(db, "INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')").run();
    return (
      (statement(db, 'SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n ===
      (statement(db, 'SELECT COUNT(*) AS n FROM documents_fts').get() as { n: number }).n
    );
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_CORRUPT')) return false;
    throw error;
  }
}

export function knownBlobHashes(db: Db): string[] {
  return (statement(db, 'SELECT sha256 FROM blobs ORDER BY sha256').all() as { sha256: string }[]).map(
    (row) => row.sha256,
  );
}
