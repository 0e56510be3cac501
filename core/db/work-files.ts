import { statement, type Db } from './connection.ts';

export interface WorkFileRow {
  id: string;
  code: string | null;
  title: string;
  year: number;
  keeper: string | null;
  retention: string | null;
  openedOn: string;
  closedOn: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

const WORK_FILE_SELECT = `w.id, w.code, w.title, w.year, w.keeper, w.retention, w.opened_on AS openedOn,
  w.closed_on AS closedOn, w.notes, w.created_at AS createdAt, w.updated_at AS updatedAt`;

export function insertWorkFile(db: Db, row: WorkFileRow): void {
  statement(
    db,
    `INSERT INTO work_files (id, code, title, year, keeper, retention, opened_on, closed_on, notes, created_at, updated_at)
     VALUES (@id, @code, @title, @year, @keeper, @retention, @openedOn, @closedOn, @notes, @createdAt, @updatedAt)`,
  ).run(row);
}

export function getWorkFile(db: Db, id: string): WorkFileRow | undefined {
  return statement(db, `SELECT ${WORK_FILE_SELECT} FROM work_files w WHERE w.id = ?`).get(id) as
    WorkFileRow | undefined;
}

export function listWorkFiles(db: Db, year: number | undefined): (WorkFileRow & { documentCount: number })[] {
  return statement(
    db,
    `SELECT ${WORK_FILE_SELECT}, (SELECT COUNT(*) FROM work_file_documents m WHERE m.work_file_id = w.id) AS documentCount
       FROM work_files w WHERE (@year IS NULL OR w.year = @year) ORDER BY w.year DESC, w.code, w.title`,
  ).all({ year: year ?? null }) as (WorkFileRow & { documentCount: number })[];
}

export function closeWorkFile(db: Db, id: string, closedOn: string, updatedAt: string): void {
  statement(db, 'UPDATE work_files SET closed_on = ?, updated_at = ? WHERE id = ?').run(closedOn, updatedAt, id);
}

/** True when the document was not in the work file before. */
export function addWorkFileDocument(db: Db, workFileId: string, documentId: string, addedAt: string): boolean {
  const result = statement(
    db,
    'INSERT INTO work_file_documents (work_file_id, document_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  ).run(workFileId, documentId, addedAt);
  return result.changes > 0;
}

/** True when the document was in the work file. */
export function removeWorkFileDocument(db: Db, workFileId: string, documentId: string): boolean {
  return (
    statement(db, 'DELETE FROM work_file_documents WHERE work_file_id = ? AND document_id = ?').run(
      workFileId,
      documentId,
    ).changes > 0
  );
}

export function workFileDocumentIds(db: Db, workFileId: string): string[] {
  const rows = statement(
    db,
    `SELECT m.document_id AS id FROM work_file_documents m JOIN documents d ON d.id = m.document_id
      WHERE m.work_file_id = ? ORDER BY d.filed_on, d.seq`,
  ).all(workFileId) as { id: string }[];
  return rows.map((row) => row.id);
}

export function workFilesOfDocument(db: Db, documentId: string): { id: string; code: string | null; title: string }[] {
  return statement(
    db,
    `SELECT w.id, w.code, w.title FROM work_file_documents m JOIN work_files w ON w.id = m.work_file_id
      WHERE m.document_id = ? ORDER BY w.year DESC, w.title`,
  ).all(documentId) as { id: string; code: string | null; title: string }[];
}
