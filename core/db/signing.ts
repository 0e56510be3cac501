import { statement, type Db } from './connection.ts';

export interface SignatureRow {
  id: string;
  documentId: string;
  attachmentId: string;
  kind: 'personal' | 'organization';
  fieldName: string;
  signerName: string | null;
  signerSubject: string;
  signerIssuer: string;
  signerSerial: string;
  certificateSha256: string;
  signedAt: string;
  level: 'B-B' | 'B-T';
  timestampAt: string | null;
  blobBefore: string;
  blobAfter: string;
  page: number;
  box: string;
  imageBox: string | null;
  createdAt: string;
}

const SIGNATURE_SELECT = `id, document_id AS documentId, attachment_id AS attachmentId, kind, field_name AS fieldName,
  signer_name AS signerName, signer_subject AS signerSubject, signer_issuer AS signerIssuer, signer_serial AS signerSerial,
  certificate_sha256 AS certificateSha256, signed_at AS signedAt, level, timestamp_at AS timestampAt,
  blob_before AS blobBefore, blob_after AS blobAfter, page, box, image_box AS imageBox, created_at AS createdAt`;

export function insertSignature(db: Db, row: SignatureRow): void {
  statement(
    db,
    `INSERT INTO signatures (id, document_id, attachment_id, kind, field_name, signer_name, signer_subject, signer_issuer,
       signer_serial, certificate_sha256, signed_at, level, timestamp_at, blob_before, blob_after, page, box, image_box, created_at)
     VALUES (@id, @documentId, @attachmentId, @kind, @fieldName, @signerName, @signerSubject, @signerIssuer,
       @signerSerial, @certificateSha256, @signedAt, @level, @timestampAt, @blobBefore, @blobAfter, @page, @box, @imageBox, @createdAt)`,
  ).run(row);
}

export function listSignatures(db: Db, documentId: string): SignatureRow[] {
  return statement(
    db,
    `SELECT ${SIGNATURE_SELECT} FROM signatures WHERE document_id = ? ORDER BY created_at, rowid`,
  ).all(documentId) as SignatureRow[];
}

export function getSetting<T>(db: Db, key: string): T | undefined {
  const row = statement(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function putSetting(db: Db, key: string, value: unknown, at: string): void {
  statement(
    db,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), at);
}

export interface SignatureImageRow {
  owner: string;
  kind: 'signature' | 'seal';
  png: Buffer;
  widthPx: number;
  heightPx: number;
  sizeMm: number | null;
  updatedAt: string;
}

export function putSignatureImage(db: Db, row: SignatureImageRow): void {
  statement(
    db,
    `INSERT INTO signature_images (owner, kind, png, width_px, height_px, size_mm, updated_at)
     VALUES (@owner, @kind, @png, @widthPx, @heightPx, @sizeMm, @updatedAt)
     ON CONFLICT (owner) DO UPDATE SET kind = excluded.kind, png = excluded.png, width_px = excluded.width_px,
       height_px = excluded.height_px, size_mm = excluded.size_mm, updated_at = excluded.updated_at`,
  ).run(row);
}

export function getSignatureImage(db: Db, owner: string): SignatureImageRow | undefined {
  return statement(
    db,
    'SELECT owner, kind, png, width_px AS widthPx, height_px AS heightPx, size_mm AS sizeMm, updated_at AS updatedAt FROM signature_images WHERE owner = ?',
  ).get(owner) as SignatureImageRow | undefined;
}

export function listSignatureImages(db: Db): Omit<SignatureImageRow, 'png'>[] {
  return statement(
    db,
    'SELECT owner, kind, width_px AS widthPx, height_px AS heightPx, size_mm AS sizeMm, updated_at AS updatedAt FROM signature_images ORDER BY owner',
  ).all() as Omit<SignatureImageRow, 'png'>[];
}

export function putSignatureCheck(
  db: Db,
  check: { attachmentId: string; sha256: string; checkedAt: string; verdicts: string },
): void {
  statement(
    db,
    `INSERT INTO signature_checks (attachment_id, sha256, checked_at, verdicts) VALUES (@attachmentId, @sha256, @checkedAt, @verdicts)
     ON CONFLICT (attachment_id, sha256) DO UPDATE SET checked_at = excluded.checked_at, verdicts = excluded.verdicts`,
  ).run(check);
}
