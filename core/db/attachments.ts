import type { TextSource } from '../../shared/domain.ts';
import { statement, type Db } from './connection.ts';

export type AttachmentRole = 'main' | 'appendix';

/**
 * One line of a page as the page reading found it (core/documents/page-reading.ts): its text,
 * its left end and baseline, its font size and its words' extents, in PDF points.
 */
export interface LayoutLine {
  /** 0-based. */
  page: number;
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /**
   * Each word's left end and width, flat ([x0, width0, x1, width1, …]) in the order of the words
   * of `text` split at its spaces: a page's layout stays a few times its text, not ten.
   */
  words: number[];
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

/** A document's files with how their text was read. */
export function listAttachmentsWithText(
  db: Db,
  documentId: string,
): (AttachmentRow & { textSource: TextSource; textNote: string | null })[] {
  return statement(
    db,
    `SELECT a.id, a.document_id AS documentId, a.role, a.position, a.filename, a.mime, a.sha256, a.size,
            a.created_at AS createdAt, b.text_source AS textSource, b.text_note AS textNote
       FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
      WHERE a.document_id = ? ORDER BY a.role = 'appendix', a.position`,
  ).all(documentId) as (AttachmentRow & { textSource: TextSource; textNote: string | null })[];
}

/** What the store knows of a PDF's text, and how it was read. */
export interface BlobText {
  pageCount: number;
  text: string;
  layout: LayoutLine[] | null;
  textSource: TextSource;
  textNote: string | null;
  printedNotation: string | null;
  /** The page reading's version that produced it (0: before there was one). */
  reading: number;
}

const BLOB_TEXT_COLUMNS = `page_count AS pageCount, text, layout, text_source AS textSource, text_note AS textNote,
  printed_notation AS printedNotation, reading`;

type BlobTextRow = Omit<BlobText, 'layout'> & { layout: string | null };

const fromRow = (row: BlobTextRow): BlobText => ({
  ...row,
  layout: row.layout === null ? null : (JSON.parse(row.layout) as LayoutLine[]),
});

const toRow = (blob: BlobText) => ({ ...blob, layout: blob.layout ? JSON.stringify(blob.layout) : null });

export function insertBlobRecord(db: Db, blob: BlobText & { sha256: string; size: number; createdAt: string }): void {
  statement(
    db,
    `INSERT INTO blobs (sha256, size, page_count, text, layout, text_source, text_note, printed_notation, reading, created_at)
     VALUES (@sha256, @size, @pageCount, @text, @layout, @textSource, @textNote, @printedNotation, @reading, @createdAt)
     ON CONFLICT (sha256) DO NOTHING`,
  ).run(toRow(blob));
}

export function getBlobFacts(db: Db, sha256: string): BlobText | undefined {
  const row = statement(db, `SELECT ${BLOB_TEXT_COLUMNS} FROM blobs WHERE sha256 = ?`).get(sha256) as
    BlobTextRow | undefined;
  return row ? fromRow(row) : undefined;
}

/** A PDF read again: after an upgrade of the page reading, or once OCR has read its scanned pages. */
export function updateBlobText(db: Db, sha256: string, blob: BlobText): void {
  statement(
    db,
    `UPDATE blobs SET page_count = @pageCount, text = @text, layout = @layout, text_source = @textSource,
       text_note = @textNote, printed_notation = @printedNotation, reading = @reading WHERE sha256 = @sha256`,
  ).run({ ...toRow(blob), sha256 });
}

/** PDFs whose text is owed: read by an older page reading, or waiting for OCR; oldest first. */
export function blobsToRead(db: Db, reading: number, limit: number): string[] {
  const rows = statement(
    db,
    `SELECT sha256 FROM blobs WHERE reading < @reading OR text_source = 'pending' ORDER BY created_at, sha256 LIMIT @limit`,
  ).all({ reading, limit }) as { sha256: string }[];
  return rows.map((row) => row.sha256);
}

export function countBlobsToRead(db: Db, reading: number): { old: number; pending: number } {
  return statement(
    db,
    `SELECT COALESCE(SUM(reading < @reading), 0) AS old, COALESCE(SUM(text_source = 'pending'), 0) AS pending FROM blobs`,
  ).get({ reading }) as { old: number; pending: number };
}

/** The documents whose current files are these bytes: their search entries follow the text. */
export function documentsWithBlob(db: Db, sha256: string): string[] {
  const rows = statement(db, 'SELECT DISTINCT document_id AS id FROM attachments WHERE sha256 = ?').all(sha256) as {
    id: string;
  }[];
  return rows.map((row) => row.id);
}

/** The số/ký hiệu a document's files print on their first page, main file first. */
export function printedNotations(db: Db, documentId: string): string[] {
  const rows = statement(
    db,
    `SELECT b.printed_notation AS notation FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
      WHERE a.document_id = ? AND b.printed_notation IS NOT NULL ORDER BY a.role = 'appendix', a.position`,
  ).all(documentId) as { notation: string }[];
  return rows.map((row) => row.notation);
}

/**
 * Just the layout: signing needs it per document and must not drag the whole text along. Null
 * when none was kept, or when an older reading (whose layout had another shape) made it.
 */
export function getBlobLayout(db: Db, sha256: string, reading: number): LayoutLine[] | null {
  const row = statement(db, 'SELECT layout FROM blobs WHERE sha256 = ? AND reading >= ?').get(sha256, reading) as
    { layout: string | null } | undefined;
  return row?.layout ? (JSON.parse(row.layout) as LayoutLine[]) : null;
}

/** A signed PDF has the pages, text and layout of the file it was made from: copy them in SQL. */
export function insertDerivedBlobRecord(
  db: Db,
  blob: { sha256: string; size: number; from: string; createdAt: string },
): void {
  statement(
    db,
    `INSERT INTO blobs (sha256, size, page_count, text, layout, text_source, text_note, printed_notation, reading, created_at)
     SELECT @sha256, @size, page_count, text, layout, text_source, text_note, printed_notation, reading, @createdAt
       FROM blobs WHERE sha256 = @from
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

export interface AttachmentVersionRow {
  attachmentId: string;
  version: number;
  sha256: string;
  replacedAt: string;
  replacedBy: string;
}

/** The earlier states of a document's files, oldest first. */
export function listAttachmentVersions(db: Db, documentId: string): AttachmentVersionRow[] {
  return statement(
    db,
    `SELECT v.attachment_id AS attachmentId, v.version, v.sha256, v.replaced_at AS replacedAt, v.replaced_by AS replacedBy
       FROM attachment_versions v JOIN attachments a ON a.id = v.attachment_id
      WHERE a.document_id = ? ORDER BY v.attachment_id, v.version`,
  ).all(documentId) as AttachmentVersionRow[];
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
