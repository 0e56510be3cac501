// Which complete blobs the hub holds, which agency (and device) proved it holds which, and who may read them.
import type { PersonRole } from '../../shared/handling-words.ts';
import { json, type Queryable } from './database.ts';
import { deskDocumentVisibleSql } from './desk-visibility.ts';

/** Records a completed upload: the blob (if new), this agency's claim on it, and the device that sent it. */
export async function claimBlob(
  q: Queryable,
  upload: { agency: string; device: string; sha256: string; size: number },
): Promise<void> {
  await q.query('INSERT INTO blobs (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [
    upload.sha256,
    upload.size,
  ]);
  await q.query('INSERT INTO blob_claims (agency, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    upload.agency,
    upload.sha256,
  ]);
  await q.query('INSERT INTO blob_uploads (agency, sha256, device) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    upload.agency,
    upload.sha256,
    upload.device,
  ]);
}

/** The claimed blobs among `hashes`, with their sizes. */
export async function claimedBlobs(
  q: Queryable,
  agency: string,
  hashes: readonly string[],
): Promise<Map<string, number>> {
  const rows = await q.query<{ sha256: string; size: number }>(
    `SELECT b.sha256, b.size FROM blob_claims c JOIN blobs b ON b.sha256 = c.sha256
     WHERE c.agency = $1 AND c.sha256 IN (SELECT jsonb_array_elements_text($2::jsonb))`,
    [agency, json(hashes)],
  );
  return new Map(rows.map((row) => [row.sha256, row.size]));
}

/**
 * The blobs among `hashes` the agency may read, with their sizes: those it
 * uploaded, and those attached to a document delivered to it (the register
 * holder downloaded them to register the document; it need not send them back).
 */
export async function readableBlobs(
  q: Queryable,
  agency: string,
  hashes: readonly string[],
): Promise<Map<string, number>> {
  const rows = await q.query<{ sha256: string; size: number }>(
    `SELECT b.sha256, b.size FROM blobs b
     WHERE b.sha256 IN (SELECT jsonb_array_elements_text($2::jsonb)) AND (
       EXISTS (SELECT 1 FROM blob_claims c WHERE c.agency = $1 AND c.sha256 = b.sha256)
       OR EXISTS (SELECT 1 FROM document_attachments a
                  JOIN deliveries d ON d.owner = a.owner AND d.document_id = a.document_id
                  WHERE d.recipient = $1 AND a.sha256 = b.sha256))`,
    [agency, json(hashes)],
  );
  return new Map(rows.map((row) => [row.sha256, row.size]));
}

/**
 * The blob's size if the agency may read it: it uploaded it, or it is attached
 * to a document delivered to the agency. Null otherwise, whether it exists or not.
 */
export async function readableBlobSize(q: Queryable, agency: string, sha256: string): Promise<number | null> {
  const [row] = await q.query<{ size: number }>(
    `SELECT b.size FROM blobs b WHERE b.sha256 = $2 AND (
       EXISTS (SELECT 1 FROM blob_claims c WHERE c.agency = $1 AND c.sha256 = b.sha256)
       OR EXISTS (SELECT 1 FROM document_attachments a
                  JOIN deliveries d ON d.owner = a.owner AND d.document_id = a.document_id
                  WHERE d.recipient = $1 AND a.sha256 = b.sha256))`,
    [agency, sha256],
  );
  return row?.size ?? null;
}

/**
 * The blob's size if a desktop enrolled for an official may read it: it is
 * attached (now, or as the base of an attachment) to a desk document the
 * official may see; or it came with a document delivered to the agency and
 * this desktop holds the registers; or this desktop uploaded it. Null
 * otherwise, whether it exists or not.
 */
export async function readableDeskBlobSize(
  q: Queryable,
  reader: { agency: string; device: string; personId: string; personRole: PersonRole | null; holdsRegister: boolean },
  sha256: string,
): Promise<number | null> {
  const [row] = await q.query<{ size: number }>(
    `SELECT b.size FROM blobs b WHERE b.sha256 = $2 AND (
       EXISTS (SELECT 1 FROM desk_document_blobs x JOIN desk_documents d ON d.agency = x.agency AND d.id = x.document_id
               WHERE x.agency = $1 AND x.sha256 = b.sha256
                 AND ${deskDocumentVisibleSql({ agency: 'd.agency', documentId: 'd.id', secret: 'd.secret', person: '$4::uuid', role: '$5::text' })})
       OR ($6::boolean AND EXISTS (SELECT 1 FROM document_attachments a
                  JOIN deliveries r ON r.owner = a.owner AND r.document_id = a.document_id
                  WHERE r.recipient = $1 AND a.sha256 = b.sha256))
       OR EXISTS (SELECT 1 FROM blob_uploads u WHERE u.agency = $1 AND u.sha256 = b.sha256 AND u.device = $3::uuid))`,
    [reader.agency, sha256, reader.device, reader.personId, reader.personRole, reader.holdsRegister],
  );
  return row?.size ?? null;
}
