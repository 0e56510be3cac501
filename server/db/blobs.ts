// Which complete blobs the hub holds, which agency proved it holds which, and who may read them.
import { json, type Queryable } from './database.ts';

/** Records a completed upload: the blob (if new) and this agency's claim on it. */
export async function claimBlob(q: Queryable, agency: string, sha256: string, size: number): Promise<void> {
  await q.query('INSERT INTO blobs (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [sha256, size]);
  await q.query('INSERT INTO blob_claims (agency, sha256) VALUES ($1, $2) ON CONFLICT DO NOTHING', [agency, sha256]);
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
