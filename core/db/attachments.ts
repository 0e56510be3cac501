import { statement, type Db } from './connection.ts';

export type AttachmentRole = 'main' | 'appendix';

/** One run of text on a page: folded text (no diacritics) and its box in PDF points. */
export interface LayoutItem {
  page: number;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface AttachmentRow {
  id: string;
  documentId: string;
  role: AttachmentRole;
  position: number;
  filename: string;
  mime: string;
  sha256: string;
  size: number;
  createdAt: string;
}

const ATTACHMENT_SELECT = `id, document_id AS documentId, role, position, filename, mime, sha256, size, created_at AS createdAt`;

export function insertBlobRecord(
  db: Db,
  blob: {
    sha256: string;
    size: number;
    pageCount: number;
    text: string;
    layout: LayoutItem[] | null;
    createdAt: string;
  },
): void {
  statement(
    db,
    `INSERT INTO blobs (sha256, size, page_count, text, layout, created_at) VALUES (@sha256, @size, @pageCount, @text, @layout, @createdAt)
     ON CONFLICT (sha256) DO NOTHING`,
  ).run({ ...blob, layout: blob.layout ? JSON.stringify(blob.layout) : null });
}

export function getBlobFacts(
  db: Db,
  sha256: string,
): { pageCount: number; text: string; layout: LayoutItem[] | null } | undefined {
  const row = statement(db, 'SELECT page_count AS pageCount, text, layout FROM blobs WHERE sha256 = ?').get(sha256) as
    { pageCount: number; text: string; layout: string | null } | undefined;
  return row ? { ...row, layout: row.layout === null ? null : (JSON.parse(row.layout) as LayoutItem[]) } : undefined;
}

/** Just the layout: signing needs it per document and must not drag the whole text along. */
export function getBlobLayout(db: Db, sha256: string): LayoutItem[] | null {
  const row = statement(db, 'SELECT layout FROM blobs WHERE sha256 = ?').get(sha256) as
    { layout: string | null } | undefined;
  return row?.layout ? (JSON.parse(row.layout) as LayoutItem[]) : null;
}

/** A signed PDF has the pages, text and layout of the file it was made from: copy them in SQL. */
export function insertDerivedBlobRecord(
  db: Db,
  blob: { sha256: string; size: number; from: string; createdAt: string },
): void {
  statement(
    db,
    `INSERT INTO blobs (sha256, size, page_count, text, layout, created_at)
     SELECT @sha256, @size, page_count, text, layout, @createdAt FROM blobs WHERE sha256 = @from
     ON CONFLICT (sha256) DO NOTHING`,
  ).run(blob);
}

export function insertAttachment(db: Db, attachment: Omit<AttachmentRow, 'position'>): AttachmentRow {
  const { next } = statement(
    db,
    'SELECT COALESCE(MAX(position), -1) + 1 AS next FROM attachments WHERE document_id = ?',
  ).get(attachment.documentId) as { next: number };
  const row = { ...attachment, position: next };
  statement(
    db,
    `INSERT INTO attachments (id, document_id, role, position, filename, mime, sha256, size, created_at)
     VALUES (@id, @documentId, @role, @position, @filename, @mime, @sha256, @size, @createdAt)`,
  ).run(row);
  return row;
}

export function listAttachments(db: Db, documentId: string): AttachmentRow[] {
  return statement(
    db,
    `SELECT ${ATTACHMENT_SELECT} FROM attachments WHERE document_id = ? ORDER BY role = 'appendix', position`,
  ).all(documentId) as AttachmentRow[];
}

export function getAttachment(db: Db, id: string): AttachmentRow | undefined {
  return statement(db, `SELECT ${ATTACHMENT_SELECT} FROM attachments WHERE id = ?`).get(id) as
    AttachmentRow | undefined;
}

/** The PDF text of a document's attachments, main first, for the search index. */
export function attachmentText(db: Db, documentId: string): string {
  const rows = statement(
    db,
    `SELECT b.text AS text FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
      WHERE a.document_id = ? ORDER BY a.role = 'appendix', a.position`,
  ).all(documentId) as { text: string }[];
  return rows.map((row) => row.text).join('\n');
}

/** Points the attachment at its signed bytes and keeps the replaced ones as a version. */
export function replaceAttachmentBlob(
  db: Db,
  change: {
    attachmentId: string;
    oldSha256: string;
    newSha256: string;
    newSize: number;
    replacedAt: string;
    replacedBy: string;
  },
): boolean {
  const updated = statement(
    db,
    'UPDATE attachments SET sha256 = @newSha256, size = @newSize WHERE id = @attachmentId AND sha256 = @oldSha256',
  ).run(change);
  if (updated.changes !== 1) return false;
  const { next } = statement(
    db,
    'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM attachment_versions WHERE attachment_id = ?',
  ).get(change.attachmentId) as {
    next: number;
  };
  statement(
    db,
    `INSERT INTO attachment_versions (attachment_id, version, sha256, replaced_at, replaced_by)
     VALUES (@attachmentId, @version, @oldSha256, @replacedAt, @replacedBy)`,
  ).run({ ...change, version: next });
  return true;
}
